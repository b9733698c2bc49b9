// npm run bench:log — the PostgreSQL prediction log: batched writes through the store, and retention of one day by
// dropping its partition, against DELETE on an unpartitioned copy of the same rows (the log before migration 0014).
// Needs the machine's PostgreSQL (PITSTOP_TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/test).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { fastUlid } from '../../src/ids/index.js';
import { openMetadataStore, type PredictionRecord } from '../../src/store/index.js';

const URL = process.env.PITSTOP_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROWS_PER_DAY = Number(process.env.BENCH_ROWS_PER_DAY ?? 100_000);
const BATCH = 500;
const schema = `bench_log_${randomBytes(4).toString('hex')}`;

/** Three days of predictions ending yesterday, as a replica's log writer hands them to the store. */
function day(offset: number): PredictionRecord[] {
  const start = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`) + offset * 86_400_000;
  return Array.from({ length: ROWS_PER_DAY }, (_, i) => {
    const at = start + Math.floor((i * 86_400_000) / ROWS_PER_DAY);
    return {
      id: fastUlid(at), at: new Date(at).toISOString(), model: 'trees', version: 1 + (i % 2), packageDigest: 'sha256:bench', caller: 'psk_bench',
      requestId: null, route: 'primary', input: Object.fromEntries(Array.from({ length: 20 }, (_, f) => [`f${f}`, (i * 31 + f) % 97 / 97])),
      output: { value: i % 101 }, latencyMs: 0.4,
    };
  });
}

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const stores = await openMetadataStore(URL, { postgres: { schema } });
const admin = new pg.Client({ connectionString: URL });
await admin.connect();
try {
  await admin.query(`set search_path = ${schema}`);
  await stores.predictions.preparePartitions(new Date(Date.now() - 3 * 86_400_000));
  const days = [day(-3), day(-2), day(-1)];

  let started = process.hrtime.bigint();
  for (const rows of days) for (let i = 0; i < rows.length; i += BATCH) await stores.predictions.insertPredictions(rows.slice(i, i + BATCH));
  const insertSeconds = seconds(started);
  const total = days.length * ROWS_PER_DAY;

  // The same rows in one unpartitioned table with the indexes the log had before 0014.
  await admin.query(`create table flat (like predictions including defaults)`);
  await admin.query(`insert into flat select * from predictions`);
  await admin.query(`alter table flat add primary key (id)`);
  for (const columns of ['model, at', 'model, version, at', 'model, id', 'run_id']) await admin.query(`create index on flat (${columns})`);
  await admin.query('vacuum analyze flat');
  await admin.query('vacuum analyze predictions');

  const cutoff = `${days[1]![0]!.at.slice(0, 10)}T00:00:00.000Z`;
  started = process.hrtime.bigint();
  const deleted = await admin.query(`delete from flat where at < $1`, [cutoff]);
  const deleteSeconds = seconds(started);
  // DELETE leaves dead rows and index entries behind until VACUUM reclaims them: part of its real cost.
  started = process.hrtime.bigint();
  await admin.query('vacuum flat');
  const vacuumSeconds = seconds(started);
  started = process.hrtime.bigint();
  const dropped = await stores.predictions.expirePredictionsBefore(cutoff);
  const dropSeconds = seconds(started);
  if (dropped !== deleted.rowCount) throw new Error(`dropped ${dropped} rows but DELETE removed ${deleted.rowCount}`);

  console.log(`PostgreSQL prediction log, ${total.toLocaleString('en')} predictions over 3 days, batches of ${BATCH}:`);
  console.log(`| what | time | rate |`);
  console.log(`|---|---|---|`);
  console.log(`| insertPredictions into the day tables | ${insertSeconds.toFixed(2)} s | ${(total / insertSeconds).toFixed(0)} rows/s |`);
  console.log(`| retention of one day (${dropped.toLocaleString('en')} rows): DELETE on the unpartitioned table | ${(deleteSeconds * 1000).toFixed(0)} ms | |`);
  console.log(`| ... and the VACUUM that reclaims its space | ${(vacuumSeconds * 1000).toFixed(0)} ms | |`);
  console.log(`| retention of the same day: drop its partition | ${(dropSeconds * 1000).toFixed(0)} ms | ${((deleteSeconds + vacuumSeconds) / dropSeconds).toFixed(1)}x less time than DELETE + VACUUM |`);
} finally {
  await admin.query(`drop schema ${schema} cascade`).catch(() => undefined);
  await admin.end();
  await stores.close();
}
