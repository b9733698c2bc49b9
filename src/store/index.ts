export { STAGES, type Stage, type ModelRecord, type ModelSummary, type VersionRecord, type NewVersion, type AliasRecord, type AuditEvent, type AuditQuery, type StageMove, type StagePlanner } from './records.js';
export type { MetadataStore, RegisterVersionResult } from './metadata-store.js';
export { openMetadataStore, DATABASE_SCHEMES, type OpenStoreOptions, type Stores } from './open-metadata-store.js';
export { ROLES, type Role, type ApiKeyRecord, type TrafficPolicy, type PredictionRoute, type PredictionRecord, type PredictionQuery } from './serving-records.js';
export type { ApiKeyStore, TrafficStore, PredictionLogStore, ChangeFeed } from './serving-stores.js';
export type { Clock } from './kysely-store-session.js';
export { RUN_STATUSES, type RunStatus, type SplitMetrics, type TrainingRunRecord, type TrainingRunQuery } from './training-records.js';
export type { TrainingRunStore } from './kysely-training-run-store.js';
