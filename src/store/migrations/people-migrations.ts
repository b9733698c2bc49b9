// People behind API keys (issue 17): the two-person rule compares people, not keys, and the audit log records the
// person, the key and the door of every change. Never edit a released migration.
import { sql, type Kysely, type Migration } from 'kysely';

export function peopleMigrations(): Record<string, Migration> {
  return {
    '0016_people': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('people')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.alterTable('api_keys').addColumn('person', 'text').execute();
        await db.schema.alterTable('promotion_requests').addColumn('requested_by_person', 'text').execute();
        await db.schema.alterTable('promotion_requests').addColumn('decided_by_person', 'text').execute();
        for (const column of ['person', 'key_id', 'door', 'operation']) await db.schema.alterTable('audit_events').addColumn(column, 'text').execute();
        await backfillKeyOwners(db);
      },
    },
  };
}

/**
 * Before people, a key was its own actor. A key created over HTTP by another key belongs to that key's person (the
 * way an admin used to mint a second key for themselves to approve their own request); any other key is a person of
 * its own, named by its id.
 */
async function backfillKeyOwners(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ id: string; created_by: string; created_at: string }>`select id, created_by, created_at from api_keys order by created_at, id`.execute(db);
  const creators = new Map(rows.map((row) => [row.id, row.created_by]));
  const ownerOf = (id: string): string => {
    const seen = new Set<string>();
    let current = id;
    while (creators.has(creators.get(current)!) && !seen.has(current)) {
      seen.add(current);
      current = creators.get(current)!;
    }
    return current;
  };
  const people = new Set<string>();
  for (const row of rows) {
    const person = ownerOf(row.id);
    if (!people.has(person)) {
      people.add(person);
      await sql`insert into people (name, created_by, created_at) values (${person}, ${'migration 0016'}, ${row.created_at})`.execute(db);
    }
    await sql`update api_keys set person = ${person} where id = ${row.id}`.execute(db);
  }
}
