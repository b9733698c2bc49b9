// Migrations for the cold archive: entries, verifications and deletions, all append-only. Never edit a released migration.
import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectAdapter } from '../dialect-adapter.js';

export function archiveMigrations(adapter: DialectAdapter): Record<string, Migration> {
  return {
    '0007_archive': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('archive_entries')
          .addColumn('model', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('package_digest', 'text', (c) => c.notNull())
          .addColumn('package_key', 'text', (c) => c.notNull())
          .addColumn('manifest_key', 'text', (c) => c.notNull())
          .addColumn('location', 'text', (c) => c.notNull())
          .addColumn('retain_until', 'text', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('archived_at', 'text', (c) => c.notNull())
          .addColumn('archived_by', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('archive_entries_pk', ['model', 'version'])
          .execute();
        const withId = db.schema.createTable('archive_verifications');
        await (adapter.name === 'sqlite' ? withId.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()) : withId.addColumn('id', 'serial', (c) => c.primaryKey()))
          .addColumn('model', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('checked_at', 'text', (c) => c.notNull())
          .addColumn('checked_by', 'text', (c) => c.notNull())
          .addColumn('ok', 'integer', (c) => c.notNull())
          .addColumn('checked_files', 'integer', (c) => c.notNull())
          .addColumn('problems', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('archive_verifications_version_idx').on('archive_verifications').columns(['model', 'version', 'id']).execute();
        // One deletion per entry: the tombstone.
        await db.schema
          .createTable('archive_deletions')
          .addColumn('model', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('deleted_at', 'text', (c) => c.notNull())
          .addColumn('deleted_by', 'text', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('archive_deletions_pk', ['model', 'version'])
          .execute();
        for (const table of ['archive_entries', 'archive_verifications', 'archive_deletions']) {
          for (const statement of adapter.appendOnlySql(table)) await sql.raw(statement).execute(db);
        }
      },
    },
  };
}
