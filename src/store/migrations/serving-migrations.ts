// Migrations for serving: API keys, per-model traffic policies and the prediction log. Never edit a released migration.
import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration } from 'kysely';
import type { DialectAdapter } from '../dialect-adapter.js';

export function servingMigrations(adapter: DialectAdapter): Record<string, Migration> {
  // Predictions are paged by id; byte order (SQLite's) keeps that order the same whatever the PostgreSQL database's locale.
  const binaryOrder = (c: ColumnDefinitionBuilder) => (adapter.name === 'postgres' ? c.modifyFront(sql`collate "C"`) : c);

  return {
    '0002_serving': {
      async up(db: Kysely<unknown>) {
        // `double precision` on both dialects: PostgreSQL's `real` is a 4-byte float and would round latencies and percentages.
        await db.schema
          .createTable('api_keys')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('secret_hash', 'text', (c) => c.notNull())
          .addColumn('salt', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('revoked_at', 'text')
          .addColumn('rate_limit', 'double precision')
          .execute();

        await db.schema
          .createTable('traffic_policies')
          .addColumn('model_id', 'integer', (c) => c.primaryKey().references('models.id'))
          .addColumn('canary_version', 'integer')
          .addColumn('canary_percent', 'double precision')
          .addColumn('shadow_version', 'integer')
          .addColumn('shadow_percent', 'double precision')
          .addColumn('updated_by', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('predictions')
          .addColumn('id', 'text', (c) => binaryOrder(c).primaryKey())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('model', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('package_digest', 'text', (c) => c.notNull())
          .addColumn('caller', 'text')
          .addColumn('request_id', 'text')
          .addColumn('route', 'text', (c) => c.notNull())
          .addColumn('input', 'text', (c) => c.notNull())
          .addColumn('output', 'text', (c) => c.notNull())
          .addColumn('latency_ms', 'double precision', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('predictions_model_at_idx').on('predictions').columns(['model', 'at']).execute();
        await db.schema.createIndex('predictions_model_version_at_idx').on('predictions').columns(['model', 'version', 'at']).execute();
      },
    },
    '0008_prediction_runs': {
      // Which model run answered a prediction, and where in it: a batched run's numbers can differ in the last bits
      // from a run of one row, so replay re-runs the whole batch to reproduce an answer bit for bit.
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('predictions').addColumn('run_id', 'text').execute();
        await db.schema.alterTable('predictions').addColumn('run_index', 'integer').execute();
        await db.schema.alterTable('predictions').addColumn('run_size', 'integer').execute();
        await db.schema.createIndex('predictions_run_id_idx').on('predictions').column('run_id').execute();
      },
    },
  };
}
