// Migrations for leases: which replica holds a piece of background work, until when. Never edit a released migration.
import type { Kysely, Migration } from 'kysely';

export function leaseMigrations(): Record<string, Migration> {
  return {
    '0013_leases': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('leases')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('holder', 'text', (c) => c.notNull())
          .addColumn('acquired_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
      },
    },
  };
}
