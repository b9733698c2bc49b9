// Indexes for the admin API's listings: a model's predictions paged by id, and the audit log filtered by actor.
// Never edit a released migration.
import type { Kysely, Migration } from 'kysely';

export function adminQueryMigrations(): Record<string, Migration> {
  return {
    '0012_admin_queries': {
      async up(db: Kysely<unknown>) {
        // (model, at) serves time ranges; keyset pages of one model ordered by id need (model, id) on a large log.
        await db.schema.createIndex('predictions_model_id_idx').on('predictions').columns(['model', 'id']).execute();
        await db.schema.createIndex('audit_events_actor_idx').on('audit_events').columns(['actor', 'id']).execute();
      },
    },
  };
}
