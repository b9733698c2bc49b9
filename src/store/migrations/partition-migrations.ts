// Migrations that partition the logs that grow with traffic (predictions, decisions) by day on PostgreSQL (see
// postgres/day-partitions.ts); SQLite keeps each in one table. Never edit a released migration.
import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectAdapter } from '../dialect-adapter.js';
import type { Database } from '../database-schema.js';
import { createDayPartitions, daysAround, defaultPartition, type DayPartitionedLog } from '../postgres/day-partitions.js';

interface LogLayout {
  readonly log: DayPartitionedLog;
  /** Column definitions after `id` and `at`, as the table has them. */
  readonly columns: readonly string[];
  /** Index name → its columns. */
  readonly indexes: Readonly<Record<string, string>>;
}

const PREDICTIONS: LogLayout = {
  log: 'predictions',
  columns: [
    'model text not null', 'version integer not null', 'package_digest text not null', 'caller text', 'request_id text',
    'route text not null', 'input text not null', 'output text not null', 'latency_ms double precision not null',
    'run_id text', 'run_index integer', 'run_size integer',
  ],
  indexes: {
    predictions_model_at_idx: 'model, at', predictions_model_version_at_idx: 'model, version, at',
    predictions_model_id_idx: 'model, id', predictions_run_id_idx: 'run_id',
  },
};

const DECISIONS: LogLayout = {
  log: 'decisions',
  columns: [
    'app text not null', 'rule_set_version integer not null', 'rule_id text not null', 'kind text not null',
    'applied text not null', 'request text not null', 'features text not null', 'headers text not null',
    'output text not null', 'model text', 'model_version integer', 'prediction_id text', 'model_output text not null',
    'caller text', 'latency_ms double precision not null',
  ],
  indexes: { decisions_app_at_idx: 'app, at', decisions_prediction_id_idx: 'prediction_id' },
};

export function partitionMigrations(adapter: DialectAdapter): Record<string, Migration> {
  const partitioned = (layout: LogLayout): Migration => ({
    async up(db: Kysely<unknown>) {
      if (adapter.name === 'postgres') await partitionByDay(db as Kysely<Database>, layout);
    },
  });
  return { '0014_predictions_by_day': partitioned(PREDICTIONS), '0015_decisions_by_day': partitioned(DECISIONS) };
}

/**
 * Moves a log into a table partitioned by day, keeping its name, rows and indexes. The partition key must be in the
 * primary key, so a row is unique by (id, at); ids are ULIDs and a retried batch carries the same id and time, so a
 * replayed journal still inserts nothing twice. `at` sorts bytewise ("C"), ISO-8601's time order in any locale.
 */
async function partitionByDay(db: Kysely<Database>, { log, columns, indexes }: LogLayout): Promise<void> {
  const staging = sql.id(`${log}_by_day`);
  const old = sql.id(`${log}_unpartitioned`);
  const names = sql.raw(['id', 'at', ...columns.map((c) => c.split(' ')[0]!)].join(', '));
  await sql`
    create table ${staging} (
      id text collate "C" not null,
      at text collate "C" not null,
      ${sql.raw(columns.join(',\n'))},
      constraint ${sql.id(`${log}_by_day_pkey`)} primary key (id, at)
    ) partition by range (at)`.execute(db);
  await sql`create table ${sql.id(defaultPartition(log))} partition of ${staging} default`.execute(db);
  await sql`alter table ${sql.id(log)} rename to ${old}`.execute(db);
  await sql`alter table ${staging} rename to ${sql.id(log)}`.execute(db);

  const logged = await sql<{ day: string }>`select distinct substr(at, 1, 10) as day from ${old}`.execute(db);
  await createDayPartitions(db, log, [...new Set([...logged.rows.map((r) => r.day), ...daysAround(new Date())])].sort());
  await sql`insert into ${sql.id(log)} (${names}) select ${names} from ${old}`.execute(db);
  await sql`drop table ${old}`.execute(db);
  await sql`alter table ${sql.id(log)} rename constraint ${sql.id(`${log}_by_day_pkey`)} to ${sql.id(`${log}_pkey`)}`.execute(db);
  for (const [name, on] of Object.entries(indexes)) await sql`create index ${sql.id(name)} on ${sql.id(log)} (${sql.raw(on)})`.execute(db);
}

