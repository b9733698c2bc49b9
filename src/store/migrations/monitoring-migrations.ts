// Migrations for monitoring: window summaries, alert rules, alert states and the append-only alert events.
// Never edit a released migration.
import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectAdapter } from '../dialect-adapter.js';

export function monitoringMigrations(adapter: DialectAdapter): Record<string, Migration> {
  return {
    '0006_monitoring': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('monitoring_windows')
          .addColumn('model', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('window_start', 'text', (c) => c.notNull())
          .addColumn('window_end', 'text', (c) => c.notNull())
          .addColumn('rows', 'integer', (c) => c.notNull())
          .addColumn('summary', 'text', (c) => c.notNull())
          .addColumn('computed_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('monitoring_windows_pk', ['model', 'version', 'window_start'])
          .execute();
        await db.schema
          .createTable('alert_rules')
          .addColumn('model', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('rule', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('alert_rules_pk', ['model', 'name'])
          .execute();
        await db.schema
          .createTable('alert_states')
          .addColumn('fingerprint', 'text', (c) => c.primaryKey())
          .addColumn('model', 'text', (c) => c.notNull())
          .addColumn('rule_name', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('silenced_until', 'text')
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        const withId = db.schema.createTable('alert_events');
        await (adapter.name === 'sqlite' ? withId.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()) : withId.addColumn('id', 'serial', (c) => c.primaryKey()))
          .addColumn('fingerprint', 'text', (c) => c.notNull())
          .addColumn('model', 'text', (c) => c.notNull())
          .addColumn('rule_name', 'text', (c) => c.notNull())
          .addColumn('metric', 'text', (c) => c.notNull())
          .addColumn('from_status', 'text', (c) => c.notNull())
          .addColumn('to_status', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('value', 'double precision', (c) => c.notNull())
          .addColumn('threshold', 'double precision', (c) => c.notNull())
          .addColumn('severity', 'text', (c) => c.notNull())
          .addColumn('silenced', 'integer', (c) => c.notNull())
          .addColumn('deliveries', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('alert_events_model_at_idx').on('alert_events').columns(['model', 'at']).execute();
        for (const statement of adapter.appendOnlySql('alert_events')) await sql.raw(statement).execute(db);
      },
    },
  };
}
