// Cold storage for decommissioned versions: `archive` copies a version's whole record (package, registration, audit
// trail, training runs, monitoring history) to the archive store with a retention date, checks the copy, then moves
// the version to `archived` and drops the live copy. `verify` re-reads every archived file against its digest (and
// the package's signature); `restore` brings a version back; `delete` works only after the retention date and leaves
// a tombstone in the audit log.
import type { ArtifactStore } from '../artifacts/index.js';
import { PitstopError } from '../errors/index.js';
import { canonicalJson } from '../manifest/index.js';
import { readPackage } from '../package/index.js';
import type { Registry } from '../registry/index.js';
import type { ArchiveEntry, ArchiveVerification, Stores, VersionRecord } from '../store/index.js';
import { ARCHIVE_MANIFEST_FORMAT, parseArchiveManifest, type ArchiveManifest } from './archive-manifest.js';
import { explicitRetentionDate, retentionDate } from './retention.js';

export const ARCHIVED_PACKAGE_FILE = 'package.pitstop';

export interface VersionArchiveDeps {
  readonly store: Stores;
  readonly registry: Registry;
  /** The live artifact store the registry serves from. */
  readonly artifacts: ArtifactStore;
  /** The cold store; must be another location than `artifacts`. */
  readonly archive: ArtifactStore;
  /** Public keys trusted for package signatures: a signed package's signature is re-checked on verification. */
  readonly trustedKeys: readonly string[];
  /** Default retention period, e.g. `10y`. */
  readonly retention: string;
  readonly clock?: () => Date;
}

export interface ArchiveRequest {
  readonly reason: string;
  /** A period from now (`10y`, `400d`); the configured default when neither this nor retainUntil is given. */
  readonly retention?: string;
  readonly retainUntil?: string;
}

export interface ArchiveOutcome {
  readonly entry: ArchiveEntry;
  readonly files: ArchiveManifest['files'];
  /** Whether the live artifact store's copy of the package was removed. */
  readonly removedLiveCopy: boolean;
  /** True when the version had been archived before (and restored): its first entry and retention date stand. */
  readonly earlierEntry: boolean;
  readonly verification: ArchiveVerification;
}

export class VersionArchive {
  private readonly now: () => Date;

  constructor(private readonly deps: VersionArchiveDeps) {
    if (deps.archive.location === deps.artifacts.location) {
      throw new PitstopError('CONFIG_INVALID', `the archive (PITSTOP_ARCHIVE_URL) must be another location than the artifact store (${deps.artifacts.location})`, { field: 'archiveUrl' });
    }
    this.now = deps.clock ?? (() => new Date());
  }

  get location(): string {
    return this.deps.archive.location;
  }

  async archive(model: string, version: number, request: ArchiveRequest, actor: string): Promise<ArchiveOutcome> {
    const { registry, store, archive, artifacts } = this.deps;
    if (!request.reason.trim()) throw new PitstopError('VALIDATION_FAILED', 'archiving needs a reason (--reason)', { field: 'reason' });
    const record = await registry.getVersion(model, version);
    if (record.stage !== 'decommissioned') {
      throw new PitstopError('ILLEGAL_STAGE_TRANSITION', `${model} v${version} is ${record.stage}; only a decommissioned version can be archived (promote another version, or move this one to decommissioned first)`, { field: 'version' });
    }
    let entry = await store.archive.getEntry(model, version);
    const earlierEntry = entry !== undefined;
    let files: ArchiveManifest['files'];
    if (entry && !entry.deletion) {
      // Archived before and restored since: the first archive record (and its retention date) still stands.
      files = parseArchiveManifest(await archive.get(entry.manifestKey), entry.manifestKey).files;
    } else {
      if (entry?.deletion) throw new PitstopError('ARCHIVE_NOT_FOUND', `${model} v${version} was deleted from the archive on ${entry.deletion.deletedAt}; it cannot be archived again`, { field: 'version' });
      const now = this.now();
      const retainUntil = request.retainUntil ? explicitRetentionDate(request.retainUntil, now) : retentionDate(now, request.retention ?? this.deps.retention);
      const manifest = await this.copyRecord(record, { archivedAt: now.toISOString(), archivedBy: actor, retainUntil: retainUntil.toISOString(), reason: request.reason });
      files = manifest.files;
      const manifestKey = (await archive.put(Buffer.from(`${canonicalJson(manifest)}\n`))).key;
      entry = (await store.archive.addEntry({
        model, version, packageDigest: record.packageDigest, packageKey: manifest.files[ARCHIVED_PACKAGE_FILE]!.sha256, manifestKey,
        location: archive.location, retainUntil: manifest.retainUntil, reason: request.reason,
      }, actor)).entry;
    }
    // The copy is checked before anything depends on it; only then does the version move and the live copy go.
    const verification = await this.verify(model, version, actor);
    if (!verification.ok) throw new PitstopError('ARCHIVE_VERIFICATION_FAILED', `the archived copy of ${model} v${version} does not verify: ${verification.problems.join('; ')}; the version stays decommissioned`, { field: 'version' });
    await registry.setStage(model, version, 'archived', request.reason, actor);
    const removedLiveCopy = await artifacts.delete(record.artifactKey);
    return { entry: (await store.archive.getEntry(model, version))!, files, removedLiveCopy, earlierEntry, verification };
  }

  /** Re-reads every file of an archived version and records the result. A version never archived is ARCHIVE_NOT_FOUND. */
  async verify(model: string, version: number, actor: string): Promise<ArchiveVerification> {
    const entry = await this.entry(model, version);
    const problems: string[] = [];
    let checkedFiles = 0;
    try {
      const manifest = parseArchiveManifest(await this.deps.archive.get(entry.manifestKey), entry.manifestKey);
      checkedFiles += 1;
      for (const [name, file] of Object.entries(manifest.files)) {
        try {
          const bytes = await this.deps.archive.get(file.sha256);
          checkedFiles += 1;
          if (bytes.byteLength !== file.size) problems.push(`${name}: ${bytes.byteLength} bytes, ${file.size} recorded`);
          if (name === ARCHIVED_PACKAGE_FILE) problems.push(...(await this.packageProblems(bytes, manifest)));
        } catch (error) {
          problems.push(`${name}: ${(error as Error).message}`);
        }
      }
    } catch (error) {
      problems.push(`archive manifest: ${(error as Error).message}`);
    }
    const verification = await this.deps.store.archive.recordVerification({ model, version, checkedBy: actor, ok: problems.length === 0, checkedFiles, problems });
    if (!verification.ok) {
      await this.deps.store.recordAudit({ actor, action: 'archive.verification_failed', model, version, fromStage: null, toStage: null, reason: null, details: { problems } });
    }
    return verification;
  }

  /** Verifies every archived version that has not been deleted. */
  async verifyAll(actor: string, model?: string): Promise<ArchiveVerification[]> {
    const entries = await this.deps.store.archive.listEntries(model === undefined ? {} : { model });
    const results: ArchiveVerification[] = [];
    for (const entry of entries.filter((e) => !e.deletion)) results.push(await this.verify(entry.model, entry.version, actor));
    return results;
  }

  list(model?: string): Promise<ArchiveEntry[]> {
    return this.deps.store.archive.listEntries(model === undefined ? {} : { model });
  }

  /** Copies an archived version's package back to the live store and moves it to decommissioned (it can then be promoted). */
  async restore(model: string, version: number, reason: string, actor: string): Promise<VersionRecord> {
    const record = await this.deps.registry.getVersion(model, version);
    if (record.stage !== 'archived') throw new PitstopError('ILLEGAL_STAGE_TRANSITION', `${model} v${version} is ${record.stage}, not archived`, { field: 'version' });
    const entry = await this.entry(model, version);
    const bytes = await this.deps.archive.get(entry.packageKey);
    await readPackage(bytes, { trustedKeys: this.deps.trustedKeys });
    await this.deps.artifacts.put(bytes);
    await this.deps.registry.setStage(model, version, 'decommissioned', reason, actor);
    return this.deps.registry.getVersion(model, version);
  }

  /**
   * Deletes an archived version's files once its retention date has passed: the tombstone (an `archive.deleted`
   * audit event naming every deleted file's digest) is written first, so no file disappears without a record.
   */
  async delete(model: string, version: number, reason: string, actor: string): Promise<{ deletedFiles: string[] }> {
    if (!reason.trim()) throw new PitstopError('VALIDATION_FAILED', 'deleting from the archive needs a reason (--reason)', { field: 'reason' });
    const entry = await this.entry(model, version);
    if (Date.parse(entry.retainUntil) > this.now().getTime()) {
      throw new PitstopError('ARCHIVE_RETENTION_ACTIVE', `${model} v${version} must be kept until ${entry.retainUntil}; it cannot be deleted before then`, { field: 'version' });
    }
    const manifest = parseArchiveManifest(await this.deps.archive.get(entry.manifestKey), entry.manifestKey);
    // Content addressing shares identical files between versions: keep those another live entry still lists.
    const stillUsed = new Set<string>();
    for (const other of await this.deps.store.archive.listEntries()) {
      if (other.deletion || (other.model === model && other.version === version)) continue;
      const theirs = parseArchiveManifest(await this.deps.archive.get(other.manifestKey), other.manifestKey);
      for (const file of Object.values(theirs.files)) stillUsed.add(file.sha256);
      stillUsed.add(other.manifestKey);
    }
    const keys = [entry.manifestKey, ...Object.values(manifest.files).map((f) => f.sha256)].filter((key) => !stillUsed.has(key));
    const files = Object.fromEntries(Object.entries(manifest.files).map(([name, f]) => [name, f.sha256]));
    await this.deps.store.archive.recordDeletion(model, version, actor, reason, { manifestKey: entry.manifestKey, files });
    for (const key of keys) await this.deps.archive.delete(key);
    return { deletedFiles: keys };
  }

  private async entry(model: string, version: number): Promise<ArchiveEntry> {
    const entry = await this.deps.store.archive.getEntry(model, version);
    if (!entry) throw new PitstopError('ARCHIVE_NOT_FOUND', `${model} v${version} has not been archived; archived versions: ${(await this.list(model)).map((e) => `v${e.version}`).join(', ') || 'none'}`, { field: 'version' });
    if (entry.deletion) throw new PitstopError('ARCHIVE_NOT_FOUND', `${model} v${version} was deleted from the archive on ${entry.deletion.deletedAt} by ${entry.deletion.deletedBy} (${entry.deletion.reason})`, { field: 'version' });
    return entry;
  }

  /** Writes the version's record to the archive, file by file, and returns the manifest listing them. */
  private async copyRecord(record: VersionRecord, meta: Pick<ArchiveManifest, 'archivedAt' | 'archivedBy' | 'retainUntil' | 'reason'>): Promise<ArchiveManifest> {
    const { store, archive, artifacts } = this.deps;
    const packageBytes = await artifacts.get(record.artifactKey);
    const digest = record.packageDigest.replace(/^sha256:/, '');
    const audit = (await store.listAudit({ model: record.model })).filter((e) => e.version === record.version);
    const runs = (await store.runs.listRuns({ model: record.model })).filter((r) => r.packageDigest?.replace(/^sha256:/, '') === digest);
    const windows = await store.monitoring.listWindows({ model: record.model, version: record.version });
    const contents: Record<string, Buffer> = {
      [ARCHIVED_PACKAGE_FILE]: packageBytes,
      'version.json': json(record),
      'audit.json': json(audit),
      'training-runs.json': json(runs),
      'monitoring-windows.json': json(windows),
    };
    const files: ArchiveManifest['files'] = {};
    for (const [name, bytes] of Object.entries(contents)) {
      const stored = await archive.put(bytes);
      files[name] = { sha256: stored.key, size: stored.size };
    }
    return {
      format: ARCHIVE_MANIFEST_FORMAT, formatVersion: 1, model: record.model, version: record.version, packageDigest: record.packageDigest,
      signedBy: record.signedBy, ...meta, files,
    };
  }

  private async packageProblems(bytes: Buffer, manifest: ArchiveManifest): Promise<string[]> {
    try {
      const loaded = await readPackage(bytes, { trustedKeys: this.deps.trustedKeys, requireSignature: manifest.signedBy !== null });
      if (loaded.digest !== manifest.packageDigest) return [`${ARCHIVED_PACKAGE_FILE}: package digest ${loaded.digest}, ${manifest.packageDigest} recorded`];
      return [];
    } catch (error) {
      return [`${ARCHIVED_PACKAGE_FILE}: ${(error as Error).message}`];
    }
  }
}

function json(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
}
