// Migrations that partition the prediction log by day on PostgreSQL (see postgres/prediction-partitions.ts); SQLite's
// log stays one table. Never edit a released migration.
import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectAdapter } from '../dialect-adapter.js';
import type { Database } from '../database-schema.js';
import { createDayPartitions, daysAround, DEFAULT_PARTITION } from '../postgres/prediction-partitions.js';

export function partitionMigrations(adapter: DialectAdapter): Record<string, Migration> {
  return {
    '0014_predictions_by_day': {
      async up(untyped: Kysely<unknown>) {
        if (adapter.name !== 'postgres') return;
        const db = untyped as Kysely<Database>;
        // The partition key must be in the primary key, so a prediction is unique by (id, at); ids are ULIDs and a
        // retried batch carries the same id and time, so a replayed spool still inserts nothing twice. `at` sorts
        // bytewise ("C"), which is ISO-8601's time order whatever the database's locale.
        await sql`
          create table predictions_by_day (
            id text collate "C" not null,
            at text collate "C" not null,
            model text not null,
            version integer not null,
            package_digest text not null,
            caller text,
            request_id text,
            route text not null,
            input text not null,
            output text not null,
            latency_ms double precision not null,
            run_id text,
            run_index integer,
            run_size integer,
            constraint predictions_by_day_pkey primary key (id, at)
          ) partition by range (at)`.execute(db);
        await sql`create table ${sql.id(DEFAULT_PARTITION)} partition of predictions_by_day default`.execute(db);
        await sql`alter table predictions rename to predictions_unpartitioned`.execute(db);
        await sql`alter table predictions_by_day rename to predictions`.execute(db);

        const logged = await sql<{ day: string }>`select distinct substr(at, 1, 10) as day from predictions_unpartitioned`.execute(db);
        await createDayPartitions(db, [...new Set([...logged.rows.map((r) => r.day), ...daysAround(new Date())])].sort());
        await sql`
          insert into predictions (id, at, model, version, package_digest, caller, request_id, route, input, output, latency_ms, run_id, run_index, run_size)
          select id, at, model, version, package_digest, caller, request_id, route, input, output, latency_ms, run_id, run_index, run_size
          from predictions_unpartitioned`.execute(db);
        await sql`drop table predictions_unpartitioned`.execute(db);
        await sql`alter table predictions rename constraint predictions_by_day_pkey to predictions_pkey`.execute(db);
        await sql`create index predictions_model_at_idx on predictions (model, at)`.execute(db);
        await sql`create index predictions_model_version_at_idx on predictions (model, version, at)`.execute(db);
        await sql`create index predictions_model_id_idx on predictions (model, id)`.execute(db);
        await sql`create index predictions_run_id_idx on predictions (run_id)`.execute(db);
      },
    },
  };
}
