// Retention and upkeep shared by the logs that grow with traffic (predictions, decisions): on PostgreSQL they are
// partitioned by day (postgres/day-partitions.ts), on SQLite each is one table whose old rows are deleted.
import type { Kysely } from 'kysely';
import type { Database } from './database-schema.js';
import type { WriteOptions } from './dialect-adapter.js';
import type { KyselyStoreSession } from './kysely-store-session.js';
import { createDayPartitions, daysAround, dropDayPartitionsBefore, ulidTimeWindow, withPartitionMaintenance, type DayPartitionedLog } from './postgres/day-partitions.js';

/** Removes the log's rows made before `before` (PostgreSQL: whole days); returns how many went. */
export async function expireLogBefore(session: KyselyStoreSession, log: DayPartitionedLog, before: string, options: WriteOptions): Promise<number> {
  if (session.adapter.name === 'postgres') {
    // A rerun after a lost connection finds the days already dropped gone, so maintenance may be retried like a read.
    const dropped = await session.read((db) => withPartitionMaintenance(db, (trx) => dropDayPartitionsBefore(trx, log, before)));
    return dropped?.rows ?? 0;
  }
  return session.write(async (trx) => Number((await trx.deleteFrom(log).where('at', '<', before).executeTakeFirst()).numDeletedRows), options);
}

/** Makes the day tables around `now` (PostgreSQL; nothing elsewhere). */
export async function prepareLogPartitions(session: KyselyStoreSession, log: DayPartitionedLog, now: Date): Promise<void> {
  if (session.adapter.name !== 'postgres') return;
  await session.read((db) => withPartitionMaintenance(db, (trx) => createDayPartitions(trx, log, daysAround(now))));
}

/** Bounds on `at` for a lookup by id: the days to read, or null for all of them. */
export type DaysOfId = { readonly from: string; readonly to: string } | null;

/**
 * Reads a log row by id. A ULID carries the time it was made, a moment before the row's `at`, so on PostgreSQL the
 * days around it are read first, and every partition only when they do not hold it (an id made elsewhere: an import,
 * a test's own ids). `query` reads the row, keeping to `days` when they are given.
 */
export async function readByLoggedId<R>(session: KyselyStoreSession, id: string, query: (db: Kysely<Database>, days: DaysOfId) => Promise<R | undefined>): Promise<R | undefined> {
  const days = session.adapter.name === 'postgres' ? ulidTimeWindow(id) : null;
  return (days && (await session.read((db) => query(db, days)))) ?? session.read((db) => query(db, null));
}
