// Retention and upkeep shared by the logs that grow with traffic (predictions, decisions): on PostgreSQL they are
// partitioned by day (postgres/day-partitions.ts), on SQLite each is one table whose old rows are deleted.
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

/**
 * Where to look first for a row by id: a ULID carries the time it was made, a moment before the row's `at`, so on
 * PostgreSQL the days around it hold it; null where every partition must be searched (SQLite, or an id made elsewhere).
 */
export function daysOfId(session: KyselyStoreSession, id: string): { from: string; to: string } | null {
  return session.adapter.name === 'postgres' ? ulidTimeWindow(id) : null;
}
