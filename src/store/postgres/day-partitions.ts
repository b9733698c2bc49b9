// On PostgreSQL the two logs that grow with traffic, predictions and decisions, are partitioned by day: a range on
// `at` (ISO-8601 text, compared byte by byte), one table per UTC day. Retention then drops a day's table instead of
// deleting its rows one by one, and a query over a time range reads only its days. A default partition takes any row
// whose day has no table yet, so an insert never fails for want of a partition; creating that day's table later
// moves those rows into it.
import { sql, type Kysely } from 'kysely';
import { ulidTime } from '../../ids/index.js';
import type { Database } from '../database-schema.js';

export type DayPartitionedLog = 'predictions' | 'decisions';
export const DAY_PARTITIONED_LOGS: readonly DayPartitionedLog[] = ['predictions', 'decisions'];

/** Days of tables kept ready ahead of today, so a replica whose maintenance stalls still writes to day tables. */
export const DAYS_AHEAD = 7;
/** Maintenance gives up on a lock it cannot get in this time and tries again on its next pass, rather than queue
 * behind a long read and hold up every insert queued behind it. */
const LOCK_TIMEOUT = '2s';

type Executor = Kysely<Database>;

export interface DayPartition {
  readonly table: string;
  /** The UTC day it holds, YYYY-MM-DD. */
  readonly day: string;
}

export interface DroppedPartitions {
  readonly tables: string[];
  /** Rows the dropped tables held, plus rows deleted from the default partition. */
  readonly rows: number;
}

export function defaultPartition(log: DayPartitionedLog): string {
  return `${log}_default`;
}

export function dayTable(log: DayPartitionedLog, day: string): string {
  return `${log}_p${day.replaceAll('-', '')}`;
}

export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The day `offset` days after `day` (UTC). */
export function addDays(day: string, offset: number): string {
  return dayOf(new Date(Date.parse(`${day}T00:00:00.000Z`) + offset * 86_400_000));
}

/** The days from one before `now` to DAYS_AHEAD after: what should exist for the log to take today's rows. */
export function daysAround(now: Date): string[] {
  const today = dayOf(now);
  return Array.from({ length: DAYS_AHEAD + 2 }, (_, i) => addDays(today, i - 1));
}

/** The day tables of a log, oldest first (the default partition is not one). */
export async function listDayPartitions(db: Executor, log: DayPartitionedLog): Promise<DayPartition[]> {
  const pattern = new RegExp(`^${log}_p(\\d{4})(\\d{2})(\\d{2})$`);
  const result = await sql<{ table: string }>`
    select c.relname as "table" from pg_catalog.pg_inherits i join pg_catalog.pg_class c on c.oid = i.inhrelid
    where i.inhparent = ${log}::regclass`.execute(db);
  return result.rows
    .map(({ table }) => {
      const match = pattern.exec(table);
      return match ? { table, day: `${match[1]}-${match[2]}-${match[3]}` } : null;
    })
    .filter((p): p is DayPartition => p !== null)
    .sort((a, b) => a.day.localeCompare(b.day));
}

/** Creates the missing day tables among `days`, in a transaction the caller holds (a migration's, or maintenance's). */
export async function createDayPartitions(trx: Executor, log: DayPartitionedLog, days: readonly string[]): Promise<string[]> {
  const existing = new Set((await listDayPartitions(trx, log)).map((p) => p.day));
  const parent = sql.id(log);
  const strays = sql.id(defaultPartition(log));
  const created: string[] = [];
  for (const day of days) {
    if (existing.has(day) || !/^\d{4}-\d{2}-\d{2}$/.test(day)) continue;
    const table = sql.id(dayTable(log, day));
    const from = sql.lit(day);
    const to = sql.lit(addDays(day, 1));
    const stray = await sql<{ n: string }>`select count(*) as n from ${strays} where at >= ${from} and at < ${to}`.execute(trx);
    if (Number(stray.rows[0]?.n ?? 0) === 0) {
      await sql`create table ${table} partition of ${parent} for values from (${from}) to (${to})`.execute(trx);
    } else {
      // PostgreSQL refuses a new partition while the default one holds rows of its range: move them in first.
      await sql`create table ${table} (like ${parent} including defaults including constraints)`.execute(trx);
      await sql`insert into ${table} select * from ${strays} where at >= ${from} and at < ${to}`.execute(trx);
      await sql`delete from ${strays} where at >= ${from} and at < ${to}`.execute(trx);
      await sql`alter table ${parent} attach partition ${table} for values from (${from}) to (${to})`.execute(trx);
    }
    created.push(dayTable(log, day));
  }
  return created;
}

/**
 * Drops every day table whose day ends at or before `before`, and deletes the default partition's rows older than it.
 * Rows of a day that has not wholly passed `before` stay until it has: retention works in whole days here.
 */
export async function dropDayPartitionsBefore(trx: Executor, log: DayPartitionedLog, before: string): Promise<DroppedPartitions> {
  const tables: string[] = [];
  let rows = 0;
  for (const partition of await listDayPartitions(trx, log)) {
    if (`${addDays(partition.day, 1)}T00:00:00.000Z` > before) continue;
    const counted = await sql<{ n: string }>`select count(*) as n from ${sql.id(partition.table)}`.execute(trx);
    rows += Number(counted.rows[0]?.n ?? 0);
    await sql`drop table ${sql.id(partition.table)}`.execute(trx);
    tables.push(partition.table);
  }
  const strays = await sql`delete from ${sql.id(defaultPartition(log))} where at < ${before}`.execute(trx);
  rows += Number(strays.numAffectedRows ?? 0);
  return { tables, rows };
}

/**
 * Runs partition work in its own transaction, one process at a time (an advisory lock per schema), giving up on a
 * log's lock after LOCK_TIMEOUT. Returns null when it gave up; the next pass tries again.
 */
export async function withPartitionMaintenance<T>(db: Executor, work: (trx: Executor) => Promise<T>): Promise<T | null> {
  try {
    return await db.transaction().execute(async (trx) => {
      await sql`select set_config('lock_timeout', ${LOCK_TIMEOUT}, true)`.execute(trx);
      await sql`select pg_advisory_xact_lock(hashtext('pitstop.day_partitions.' || current_schema()))`.execute(trx);
      return work(trx);
    });
  } catch (error) {
    if ((error as { code?: string }).code === '55P03') return null; // lock_not_available
    throw error;
  }
}

/** A day either side of the time a ULID was made, as ISO-8601 bounds on `at`; null for an id that is not a ULID. */
export function ulidTimeWindow(id: string): { from: string; to: string } | null {
  const time = ulidTime(id);
  if (time === null) return null;
  return { from: new Date(time - 86_400_000).toISOString(), to: new Date(time + 86_400_000).toISOString() };
}
