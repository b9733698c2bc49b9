// Versioned schema migrations, run by Kysely's Migrator. Never edit a released migration: add a new one.
import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectAdapter } from '../dialect-adapter.js';

export function registryMigrations(adapter: DialectAdapter): Record<string, Migration> {
  const id = (table: ReturnType<Kysely<unknown>['schema']['createTable']>) =>
    adapter.name === 'sqlite'
      ? table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      : table.addColumn('id', 'serial', (c) => c.primaryKey());

  return {
    '0001_registry': {
      async up(db: Kysely<unknown>) {
        await id(db.schema.createTable('models'))
          .addColumn('name', 'text', (c) => c.notNull().unique())
          .addColumn('description', 'text')
          .addColumn('tags', 'text', (c) => c.notNull().defaultTo('{}'))
          .addColumn('next_version', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();

        await id(db.schema.createTable('model_versions'))
          .addColumn('model_id', 'integer', (c) => c.notNull().references('models.id'))
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('stage', 'text', (c) => c.notNull())
          .addColumn('package_digest', 'text', (c) => c.notNull())
          .addColumn('artifact_key', 'text', (c) => c.notNull())
          .addColumn('artifact_size', 'bigint', (c) => c.notNull())
          .addColumn('label', 'text', (c) => c.notNull())
          .addColumn('task', 'text', (c) => c.notNull())
          .addColumn('description', 'text')
          .addColumn('tags', 'text', (c) => c.notNull().defaultTo('{}'))
          .addColumn('manifest', 'text', (c) => c.notNull())
          .addColumn('signed_by', 'text')
          .addColumn('registered_by', 'text', (c) => c.notNull())
          .addColumn('registered_at', 'text', (c) => c.notNull())
          .addColumn('stage_changed_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('model_versions_model_version_unique', ['model_id', 'version'])
          .execute();
        await db.schema.createIndex('model_versions_digest_idx').on('model_versions').columns(['model_id', 'package_digest']).execute();

        await db.schema
          .createTable('model_aliases')
          .addColumn('model_id', 'integer', (c) => c.notNull().references('models.id'))
          .addColumn('alias', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('updated_by', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('model_aliases_pk', ['model_id', 'alias'])
          .execute();

        await id(db.schema.createTable('audit_events'))
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('model', 'text')
          .addColumn('version', 'integer')
          .addColumn('from_stage', 'text')
          .addColumn('to_stage', 'text')
          .addColumn('reason', 'text')
          .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
          .execute();
        await db.schema.createIndex('audit_events_model_at_idx').on('audit_events').columns(['model', 'at']).execute();
        for (const statement of adapter.appendOnlySql('audit_events')) await sql.raw(statement).execute(db);
      },
    },
  };
}
