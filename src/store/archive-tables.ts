// Kysely's view of the archive tables (see migrations/archive-migrations.ts).
import type { Generated } from 'kysely';

export interface ArchiveTables {
  archive_entries: {
    model: string; version: number; package_digest: string; package_key: string; manifest_key: string; location: string;
    retain_until: string; reason: string; archived_at: string; archived_by: string;
  };
  archive_verifications: {
    id: Generated<number>; model: string; version: number; checked_at: string; checked_by: string; ok: number; checked_files: number; problems: string;
  };
  archive_deletions: { model: string; version: number; deleted_at: string; deleted_by: string; reason: string };
}
