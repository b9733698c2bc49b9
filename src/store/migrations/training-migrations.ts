// Migrations for training: the experiment runs. Never edit a released migration.
import type { Kysely, Migration } from 'kysely';

export function trainingMigrations(): Record<string, Migration> {
  return {
    '0003_training': {
      async up(db: Kysely<unknown>) {
        // JSON as text on both dialects: runs are read whole, never queried inside.
        await db.schema
          .createTable('training_runs')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('model', 'text', (c) => c.notNull())
          .addColumn('algorithm', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('params', 'text', (c) => c.notNull())
          .addColumn('metrics', 'text', (c) => c.notNull())
          .addColumn('dataset', 'text', (c) => c.notNull())
          .addColumn('seed', 'integer', (c) => c.notNull())
          .addColumn('duration_ms', 'double precision', (c) => c.notNull())
          .addColumn('package_digest', 'text')
          .addColumn('package_path', 'text')
          .addColumn('error', 'text')
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('started_at', 'text', (c) => c.notNull())
          .addColumn('finished_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('training_runs_model_idx').on('training_runs').columns(['model', 'id']).execute();
      },
    },
  };
}
