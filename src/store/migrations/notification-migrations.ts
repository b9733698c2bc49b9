// Change notifications: on PostgreSQL, every committed audit event NOTIFYs listening servers, so they react in
// milliseconds instead of at their next poll. SQLite has no such channel; its servers poll. Never edit a released migration.
import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectAdapter } from '../dialect-adapter.js';

export const CHANGE_CHANNEL = 'pitstop_changes';

export function notificationMigrations(adapter: DialectAdapter): Record<string, Migration> {
  return {
    '0004_change_notifications': {
      async up(db: Kysely<unknown>) {
        if (adapter.name !== 'postgres') return;
        // The payload is the schema, so servers of other schemas in the same database (tests, tenants) ignore it.
        // NOTIFY inside a transaction is delivered at commit, once per distinct payload: never before the change is visible.
        await sql
          .raw(
            `CREATE OR REPLACE FUNCTION pitstop_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('${CHANGE_CHANNEL}', TG_TABLE_SCHEMA); RETURN NULL; END $$`,
          )
          .execute(db);
        await sql.raw('CREATE TRIGGER audit_events_notify AFTER INSERT ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION pitstop_notify_change()').execute(db);
      },
    },
  };
}
