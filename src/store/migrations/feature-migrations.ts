// Migrations for the online feature store: feature tables and their rows. Never edit a released migration.
import type { Kysely, Migration } from 'kysely';

export function featureMigrations(): Record<string, Migration> {
  return {
    '0010_feature_store': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('feature_tables')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('key_column', 'text', (c) => c.notNull())
          .addColumn('key_type', 'text', (c) => c.notNull())
          .addColumn('columns', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        // One JSON text column for the values, not one SQL column per feature: the two dialects store it identically,
        // and a table gains columns (a new feature) without DDL on a table that may hold millions of rows.
        // Keys are text whatever their type, so one index serves integer and string keys alike.
        await db.schema
          .createTable('feature_rows')
          .addColumn('table_name', 'text', (c) => c.notNull().references('feature_tables.name'))
          .addColumn('entity_key', 'text', (c) => c.notNull())
          .addColumn('values', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('feature_rows_pk', ['table_name', 'entity_key'])
          .execute();
      },
    },
  };
}
