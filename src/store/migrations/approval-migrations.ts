// Migrations for promotion approvals: per-model policies and the requests waiting under them. Never edit a released migration.
import type { Kysely, Migration } from 'kysely';
import type { DialectAdapter } from '../dialect-adapter.js';

export function approvalMigrations(adapter: DialectAdapter): Record<string, Migration> {
  return {
    '0009_promotion_approvals': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('promotion_policies')
          .addColumn('model', 'text', (c) => c.primaryKey())
          .addColumn('require_approval', 'integer', (c) => c.notNull())
          .addColumn('updated_by', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        const withId = db.schema.createTable('promotion_requests');
        await (adapter.name === 'sqlite' ? withId.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()) : withId.addColumn('id', 'serial', (c) => c.primaryKey()))
          .addColumn('model', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('requested_by', 'text', (c) => c.notNull())
          .addColumn('requested_at', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('decided_by', 'text')
          .addColumn('decided_at', 'text')
          .addColumn('decision_reason', 'text')
          .execute();
        await db.schema.createIndex('promotion_requests_model_status_idx').on('promotion_requests').columns(['model', 'status']).execute();
      },
    },
    // A model may require every version registered for it to be signed by a trusted key.
    '0017_signature_policy': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('promotion_policies').addColumn('require_signature', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      },
    },
  };
}
