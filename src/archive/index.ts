// Reproducibility: replaying logged decisions with the exact package that made them (archiving and explanations follow).
export { replayPrediction, replayRecord, ReplaySessions, REPLAY_TOLERANCE, type LoadedReplaySession, type ReplayDeps, type ReplayResult } from './replay.js';
export { KEEP_UNTIL_CLOSED, type LoadedSessionCacheOptions } from './loaded-session-cache.js';
export { replayRange, type ReplayRangeQuery, type ReplayRangeReport } from './replay-range.js';
export { VersionArchive, ARCHIVED_PACKAGE_FILE, type VersionArchiveDeps, type ArchiveRequest, type ArchiveOutcome } from './version-archive.js';
export { parseArchiveManifest, ARCHIVE_MANIFEST_FORMAT, type ArchiveManifest } from './archive-manifest.js';
export { retentionDate } from './retention.js';
export { ArchiveVerificationJob, type VerificationLogger } from './archive-verification-job.js';
export { explainPrediction, type ExplainPredictionOptions, type PredictionContribution, type PredictionExplanation } from './explain-prediction.js';
export { explainLoggedPrediction, explainLoggedRecord, ExplainSessions, type ExplainDeps, type LoadedExplainer, type ExplainLoggedOptions, type LoggedPredictionExplanation } from './explain-logged.js';
export { exportAuditBundle, type ExportAuditDeps, type ExportAuditQuery, type ExportedAuditBundle } from './export-audit-bundle.js';
export { verifyAuditBundle, type BundleVerification } from './verify-audit-bundle.js';
export { AUDIT_BUNDLE_FILES, AUDIT_BUNDLE_MANIFEST, packagePathInBundle, type AuditBundleManifest } from './audit-bundle-manifest.js';
export { listArchiveOperation, archiveVersionOperation, verifyArchiveOperation, restoreArchivedOperation, deleteArchivedOperation, type ArchiveOperationDeps } from './archive-operations.js';
