// Migrations for the application layer: rule-set versions (append-only: a rollback deploys an old source as a new
// version) and the decision log. Never edit a released migration.
import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration } from 'kysely';
import type { DialectAdapter } from '../dialect-adapter.js';

export function appMigrations(adapter: DialectAdapter): Record<string, Migration> {
  // Byte-order ids sort like predictions.id (ULIDs) on PostgreSQL too.
  const binaryOrder = (c: ColumnDefinitionBuilder) => (adapter.name === 'postgres' ? c.modifyFront(sql`collate "C"`) : c);
  return {
    '0011_rule_sets_and_decisions': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('rule_sets')
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('digest', 'text', (c) => c.notNull())
          .addColumn('description', 'text')
          .addColumn('deployed_by', 'text', (c) => c.notNull())
          .addColumn('deployed_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('rule_sets_pk', ['name', 'version'])
          .execute();
        for (const statement of adapter.appendOnlySql('rule_sets')) await sql.raw(statement).execute(db);
        await db.schema
          .createTable('decisions')
          .addColumn('id', 'text', (c) => binaryOrder(c).primaryKey())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('app', 'text', (c) => c.notNull())
          .addColumn('rule_set_version', 'integer', (c) => c.notNull())
          .addColumn('rule_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('applied', 'text', (c) => c.notNull())
          .addColumn('request', 'text', (c) => c.notNull())
          .addColumn('features', 'text', (c) => c.notNull())
          .addColumn('headers', 'text', (c) => c.notNull())
          .addColumn('output', 'text', (c) => c.notNull())
          .addColumn('model', 'text')
          .addColumn('model_version', 'integer')
          .addColumn('prediction_id', 'text')
          .addColumn('model_output', 'text', (c) => c.notNull())
          .addColumn('caller', 'text')
          .addColumn('latency_ms', 'double precision', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('decisions_app_at_idx').on('decisions').columns(['app', 'at']).execute();
        await db.schema.createIndex('decisions_prediction_id_idx').on('decisions').column('prediction_id').execute();
      },
    },
  };
}
