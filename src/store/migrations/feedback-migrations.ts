// Migrations for feedback: the labels (ground truth) that arrive after a prediction. Never edit a released migration.
import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration } from 'kysely';
import type { DialectAdapter } from '../dialect-adapter.js';

export function feedbackMigrations(adapter: DialectAdapter): Record<string, Migration> {
  // The same byte-order collation as predictions.id, so the two join and sort alike on PostgreSQL.
  const binaryOrder = (c: ColumnDefinitionBuilder) => (adapter.name === 'postgres' ? c.modifyFront(sql`collate "C"`) : c);
  // AUTOINCREMENT on SQLite, as for audit_events: label ids only ever grow.
  const id = (c: ColumnDefinitionBuilder) => (adapter.name === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey());

  return {
    '0005_feedback': {
      async up(db: Kysely<unknown>) {
        // Append-only: a correction is a new row that names the label it supersedes, so the table is its own audit trail.
        // No foreign key to predictions: archiving may move old predictions out while their labels stay.
        await db.schema
          .createTable('labels')
          .addColumn('id', adapter.serialType, id)
          .addColumn('prediction_id', 'text', (c) => binaryOrder(c).notNull())
          .addColumn('actual', 'text', (c) => c.notNull())
          .addColumn('labelled_at', 'text', (c) => c.notNull())
          .addColumn('labelled_by', 'text', (c) => c.notNull())
          .addColumn('supersedes', 'integer', (c) => c.references('labels.id'))
          .addColumn('reason', 'text')
          .execute();
        await db.schema.createIndex('labels_prediction_id_idx').on('labels').column('prediction_id').execute();
        // Each prediction's labels form one chain: a single first label, and each label superseded at most once.
        await db.schema.createIndex('labels_first_label_unique').unique().on('labels').column('prediction_id').where(sql.ref('supersedes'), 'is', null).execute();
        await db.schema.createIndex('labels_supersedes_unique').unique().on('labels').column('supersedes').execute();
        for (const statement of adapter.appendOnlySql('labels')) await sql.raw(statement).execute(db);
      },
    },
  };
}
