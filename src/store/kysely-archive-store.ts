// The archive's records over Kysely: entries, verifications and deletions, appended and never changed.
import type { Kysely } from 'kysely';
import { PitstopError } from '../errors/index.js';
import type { ArchiveDeletion, ArchiveEntry, ArchiveVerification, NewArchiveEntry, NewArchiveVerification } from './archive-records.js';
import type { ArchiveTables } from './archive-tables.js';
import type { Database } from './database-schema.js';
import type { KyselyStoreSession } from './kysely-store-session.js';

export interface ArchiveStore {
  /**
   * Records that a version's files are in the archive. Idempotent per version: a version archived again (after a
   * restore) keeps its first entry, retention date included, and that entry is returned with created false.
   */
  addEntry(entry: NewArchiveEntry, actor: string): Promise<{ entry: ArchiveEntry; created: boolean }>;
  getEntry(model: string, version: number): Promise<ArchiveEntry | undefined>;
  /** Entries oldest first, each with its latest verification and its deletion if any. */
  listEntries(query?: { model?: string }): Promise<ArchiveEntry[]>;
  recordVerification(verification: NewArchiveVerification): Promise<ArchiveVerification>;
  listVerifications(model: string, version: number): Promise<ArchiveVerification[]>;
  /**
   * Records the deletion of an entry's files with an `archive.deleted` audit event, in one transaction. Refused
   * (ARCHIVE_RETENTION_ACTIVE) before the retention date, and (ARCHIVE_NOT_FOUND) for a version never archived.
   */
  recordDeletion(model: string, version: number, actor: string, reason: string, details: Record<string, unknown>): Promise<ArchiveDeletion>;
}

type EntryRow = ArchiveTables['archive_entries'];
type VerificationRow = Database['archive_verifications'] extends infer T ? { [K in keyof T]: K extends 'id' ? number : T[K] } : never;

export class KyselyArchiveStore implements ArchiveStore {
  constructor(private readonly session: KyselyStoreSession) {}

  async addEntry(entry: NewArchiveEntry, actor: string): Promise<{ entry: ArchiveEntry; created: boolean }> {
    const created = await this.session.write(async (trx) => {
      const existing = await trx.selectFrom('archive_entries').select('model').where('model', '=', entry.model).where('version', '=', entry.version).executeTakeFirst();
      if (existing) return false;
      await trx
        .insertInto('archive_entries')
        .values({
          model: entry.model, version: entry.version, package_digest: entry.packageDigest, package_key: entry.packageKey, manifest_key: entry.manifestKey,
          location: entry.location, retain_until: entry.retainUntil, reason: entry.reason, archived_at: this.session.now(), archived_by: actor,
        })
        .execute();
      return true;
    });
    return { entry: (await this.getEntry(entry.model, entry.version))!, created };
  }

  async getEntry(model: string, version: number): Promise<ArchiveEntry | undefined> {
    return (await this.entries(model, version))[0];
  }

  listEntries(query: { model?: string } = {}): Promise<ArchiveEntry[]> {
    return this.entries(query.model);
  }

  async recordVerification(verification: NewArchiveVerification): Promise<ArchiveVerification> {
    const checkedAt = this.session.now();
    const row = await this.session.write((trx) =>
      trx
        .insertInto('archive_verifications')
        .values({
          model: verification.model, version: verification.version, checked_at: checkedAt, checked_by: verification.checkedBy,
          ok: verification.ok ? 1 : 0, checked_files: verification.checkedFiles, problems: JSON.stringify(verification.problems),
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    return toVerification(row as VerificationRow);
  }

  async listVerifications(model: string, version: number): Promise<ArchiveVerification[]> {
    const rows = await this.session.read((db) =>
      db.selectFrom('archive_verifications').selectAll().where('model', '=', model).where('version', '=', version).orderBy('id').execute(),
    );
    return rows.map((row) => toVerification(row as VerificationRow));
  }

  async recordDeletion(model: string, version: number, actor: string, reason: string, details: Record<string, unknown>): Promise<ArchiveDeletion> {
    const deletedAt = this.session.now();
    await this.session.write(async (trx) => {
      const entry = await trx.selectFrom('archive_entries').selectAll().where('model', '=', model).where('version', '=', version).executeTakeFirst();
      if (!entry) throw new PitstopError('ARCHIVE_NOT_FOUND', `${model} v${version} was never archived`, { field: 'version' });
      // Checked again here, under the write lock, so no caller can delete early whatever it checked before.
      if (Date.parse(entry.retain_until) > Date.parse(deletedAt)) {
        throw new PitstopError('ARCHIVE_RETENTION_ACTIVE', `${model} v${version} must be kept until ${entry.retain_until}; it cannot be deleted before then`, { field: 'version' });
      }
      const done = await trx.selectFrom('archive_deletions').select('deleted_at').where('model', '=', model).where('version', '=', version).executeTakeFirst();
      if (done) throw new PitstopError('ARCHIVE_NOT_FOUND', `${model} v${version} was already deleted from the archive on ${done.deleted_at}`, { field: 'version' });
      await trx.insertInto('archive_deletions').values({ model, version, deleted_at: deletedAt, deleted_by: actor, reason }).execute();
      await this.session.appendAudit(trx, { actor, action: 'archive.deleted', model, version, fromStage: null, toStage: null, reason, details: { ...details, retainUntil: entry.retain_until } });
    });
    return { deletedAt, deletedBy: actor, reason };
  }

  private async entries(model?: string, version?: number): Promise<ArchiveEntry[]> {
    return this.session.read(async (db) => {
      let query = db.selectFrom('archive_entries').selectAll();
      if (model !== undefined) query = query.where('model', '=', model);
      if (version !== undefined) query = query.where('version', '=', version);
      const rows = await query.orderBy('archived_at').orderBy('model').orderBy('version').execute();
      if (rows.length === 0) return [];
      let deletions = db.selectFrom('archive_deletions').selectAll();
      let verifications = db.selectFrom('archive_verifications').selectAll();
      if (model !== undefined) {
        deletions = deletions.where('model', '=', model);
        verifications = verifications.where('model', '=', model);
      }
      const deleted = new Map((await deletions.execute()).map((d) => [`${d.model}@${d.version}`, d]));
      const latest = new Map<string, VerificationRow>();
      for (const v of await verifications.orderBy('id').execute()) latest.set(`${v.model}@${v.version}`, v as VerificationRow);
      return rows.map((row) => toEntry(row, latest.get(`${row.model}@${row.version}`), deleted.get(`${row.model}@${row.version}`)));
    });
  }
}

function toEntry(row: EntryRow, verification: VerificationRow | undefined, deletion: ArchiveTables['archive_deletions'] | undefined): ArchiveEntry {
  return {
    model: row.model, version: Number(row.version), packageDigest: row.package_digest, packageKey: row.package_key, manifestKey: row.manifest_key,
    location: row.location, retainUntil: row.retain_until, reason: row.reason, archivedAt: row.archived_at, archivedBy: row.archived_by,
    lastVerification: verification ? toVerification(verification) : null,
    deletion: deletion ? { deletedAt: deletion.deleted_at, deletedBy: deletion.deleted_by, reason: deletion.reason } : null,
  };
}

function toVerification(row: VerificationRow): ArchiveVerification {
  return {
    id: Number(row.id), model: row.model, version: Number(row.version), checkedAt: row.checked_at, checkedBy: row.checked_by,
    ok: Number(row.ok) === 1, checkedFiles: Number(row.checked_files), problems: JSON.parse(row.problems) as string[],
  };
}
