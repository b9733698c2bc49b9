import { Migrator } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freshPostgresStores } from '../../../test/fixtures/backends.js';
import { checkPostgres, dropSchema, freshSchemaName, POSTGRES_URL } from '../../../test/fixtures/test-databases.js';
import { fastUlid } from '../../ids/index.js';
import { allMigrations, openAdapter, openMetadataStore } from '../open-metadata-store.js';
import type { PredictionRecord } from '../serving-records.js';
import type { DecisionRecord } from '../app-records.js';
import { prediction } from '../serving-stores-contract.js';
import { addDays, dayOf, DAYS_AHEAD, dayTable, ulidTimeWindow } from './day-partitions.js';

const postgres = await checkPostgres();
const freshStores = freshPostgresStores();

/** A decision made at `at` that called the model for `predictionId`. */
function decidedAt(at: Date, predictionId: string | null = null): DecisionRecord {
  return {
    id: fastUlid(at.getTime()), at: at.toISOString(), app: 'eta', ruleSetVersion: 1, ruleId: 'model', kind: 'model', applied: [], request: { id: 1 },
    features: {}, headers: {}, output: { value: 1 }, model: 'iris', modelVersion: 1, predictionId, modelOutput: { value: 1 }, caller: null, latencyMs: 0.5,
  };
}

/** A prediction made at `at`, with a ULID of that time as real ones have. */
function madeAt(at: Date, overrides: Partial<PredictionRecord> = {}): PredictionRecord {
  return prediction(0, { id: fastUlid(at.getTime()), at: at.toISOString(), ...overrides });
}

async function withClient<T>(schema: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`set search_path = ${schema}`);
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Rows per physical table of the log: `tableoid` names the partition a row lives in. */
async function rowsPerTable(schema: string, log = 'predictions'): Promise<Record<string, number>> {
  return withClient(schema, async (client) => {
    const result = await client.query<{ table: string; n: string }>(`select tableoid::regclass::text as table, count(*) as n from ${log} group by 1`);
    return Object.fromEntries(result.rows.map((r) => [r.table, Number(r.n)]));
  });
}

async function dayTables(schema: string, log = 'predictions'): Promise<string[]> {
  return withClient(schema, async (client) => {
    const result = await client.query<{ name: string }>(`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = '${log}'::regclass order by 1`);
    return result.rows.map((r) => r.name);
  });
}

describe.skipIf(!postgres.ok)(`PostgreSQL prediction log by day${postgres.ok ? '' : ` (skipped: ${postgres.reason})`}`, () => {
  const now = new Date();
  const today = dayOf(now);

  it('has a table for yesterday, today and the week ahead, and puts each row in its day', async () => {
    const { stores, schema } = await freshStores();
    const expected = Array.from({ length: DAYS_AHEAD + 2 }, (_, i) => dayTable('predictions', addDays(today, i - 1)));
    expect(await dayTables(schema)).toEqual(expect.arrayContaining([...expected, 'predictions_default']));
    await stores.predictions.insertPredictions([madeAt(now), madeAt(new Date(now.getTime() - 86_400_000)), madeAt(new Date(Date.parse(`${today}T00:00:00.000Z`) + 2 * 86_400_000))]);
    expect(await rowsPerTable(schema)).toEqual({ [dayTable('predictions', today)]: 1, [dayTable('predictions', addDays(today, -1))]: 1, [dayTable('predictions', addDays(today, 2))]: 1 });
  });

  it('takes a row with no day table in the default partition, and moves it into the day table once that exists', async () => {
    const { stores, schema } = await freshStores();
    const old = new Date(Date.parse(`${today}T12:00:00.000Z`) - 30 * 86_400_000);
    const records = [madeAt(old), madeAt(new Date(old.getTime() + 1000)), madeAt(new Date(old.getTime() + 86_400_000))];
    await stores.predictions.insertPredictions(records);
    expect(await rowsPerTable(schema)).toEqual({ predictions_default: 3 });
    await stores.predictions.preparePartitions(old);
    expect(await rowsPerTable(schema)).toEqual({ [dayTable('predictions', dayOf(old))]: 2, [dayTable('predictions', addDays(dayOf(old), 1))]: 1 });
    // The moved rows are whole: the same records come back, and a replayed batch still inserts nothing twice.
    await stores.predictions.insertPredictions(records);
    expect(await stores.predictions.countPredictions()).toBe(3);
    expect(await stores.predictions.getPrediction(records[0]!.id)).toEqual(records[0]);
  });

  it('expires by dropping whole days, keeps a day not wholly past the cutoff, and counts what went', async () => {
    const { stores, schema } = await freshStores();
    const day = (offset: number, hour: number) => new Date(Date.parse(`${addDays(today, offset)}T${String(hour).padStart(2, '0')}:00:00.000Z`));
    await stores.predictions.preparePartitions(day(-3, 0));
    await stores.predictions.insertPredictions([madeAt(day(-3, 1)), madeAt(day(-3, 23)), madeAt(day(-2, 5)), madeAt(day(-2, 20)), madeAt(day(0, 0))]);
    const before = await dayTables(schema);
    expect(before).toContain(dayTable('predictions', addDays(today, -3)));

    expect(await stores.predictions.expirePredictionsBefore(day(-2, 12).toISOString())).toBe(2);
    const after = await dayTables(schema);
    expect(after).not.toContain(dayTable('predictions', addDays(today, -3)));
    expect(after).toContain(dayTable('predictions', addDays(today, -2)));
    // Day -2 is only half past the cutoff: both its rows stay, the 05:00 one included, until the whole day has passed.
    expect(await stores.predictions.countPredictions()).toBe(3);
    expect(await stores.predictions.expirePredictionsBefore(day(-1, 0).toISOString())).toBe(2);
    expect(await rowsPerTable(schema)).toEqual({ [dayTable('predictions', today)]: 1 });
  });

  it('deletes the default partition\'s rows older than the cutoff row by row', async () => {
    const { stores } = await freshStores();
    const old = new Date(Date.parse(`${today}T06:00:00.000Z`) - 40 * 86_400_000);
    await stores.predictions.insertPredictions([madeAt(old), madeAt(new Date(old.getTime() + 3_600_000))]);
    expect(await stores.predictions.expirePredictionsBefore(new Date(old.getTime() + 1000).toISOString())).toBe(1);
    expect(await stores.predictions.countPredictions()).toBe(1);
  });

  it('gives up on a lock it cannot get within its timeout, and drops the day on a later pass', async () => {
    const { stores, schema } = await freshStores();
    const yesterday = new Date(now.getTime() - 86_400_000);
    await stores.predictions.insertPredictions([madeAt(yesterday)]);
    await withClient(schema, async (reader) => {
      // A long read of yesterday's table holds a lock that dropping it must wait for.
      await reader.query('begin');
      await reader.query(`select count(*) from ${dayTable('predictions', dayOf(yesterday))}`);
      const started = Date.now();
      expect(await stores.predictions.expirePredictionsBefore(now.toISOString().slice(0, 10) + 'T00:00:00.000Z')).toBe(0);
      expect(Date.now() - started).toBeLessThan(10_000);
      // Inserts were not held up behind the waiting drop.
      await stores.predictions.insertPredictions([madeAt(now)]);
      await reader.query('commit');
    });
    expect(await stores.predictions.expirePredictionsBefore(`${today}T00:00:00.000Z`)).toBe(1);
    expect(await stores.predictions.countPredictions()).toBe(1);
  });

  it('finds a prediction by id in its own days, and any other id by looking everywhere', async () => {
    const { stores } = await freshStores();
    const real = madeAt(now);
    const foreign = prediction(7, { at: new Date(now.getTime() - 5 * 86_400_000).toISOString() });
    const misdated = madeAt(now, { at: new Date(now.getTime() - 20 * 86_400_000).toISOString() });
    await stores.predictions.insertPredictions([real, foreign, misdated]);
    expect(ulidTimeWindow(real.id)!.from < real.at).toBe(true);
    expect(ulidTimeWindow(foreign.id)).toBeNull();
    for (const record of [real, foreign, misdated]) expect(await stores.predictions.getPrediction(record.id)).toEqual(record);
    expect(await stores.predictions.getPrediction(fastUlid())).toBeUndefined();
  });

  it('keeps decisions by day too: day tables, lookups by id, and retention with the same whole-day rule', async () => {
    const { stores, schema } = await freshStores();
    expect(await dayTables(schema, 'decisions')).toEqual(expect.arrayContaining([dayTable('decisions', today), dayTable('decisions', addDays(today, DAYS_AHEAD)), 'decisions_default']));
    const old = new Date(Date.parse(`${today}T09:00:00.000Z`) - 3 * 86_400_000);
    const records = [decidedAt(old), decidedAt(now, 'p1'), decidedAt(now)];
    await stores.decisions.insertDecisions(records);
    await stores.decisions.insertDecisions(records);
    expect(await rowsPerTable(schema, 'decisions')).toEqual({ decisions_default: 1, [dayTable('decisions', today)]: 2 });
    await stores.decisions.preparePartitions(old);
    expect(await rowsPerTable(schema, 'decisions')).toEqual({ [dayTable('decisions', dayOf(old))]: 1, [dayTable('decisions', today)]: 2 });
    for (const record of records) expect(await stores.decisions.getDecision(record.id)).toEqual(record);
    expect(await stores.decisions.expireDecisionsBefore(new Date(old.getTime() + 3_600_000).toISOString())).toBe(0);
    expect(await stores.decisions.expireDecisionsBefore(`${addDays(dayOf(old), 1)}T00:00:00.000Z`)).toBe(1);
    expect(await dayTables(schema, 'decisions')).not.toContain(dayTable('decisions', dayOf(old)));
    expect((await stores.decisions.decisionsForPredictions(['p1'])).map((d) => d.id)).toEqual([records[1]!.id]);
  });

  describe('migrating a log written before partitions', () => {
    const schema = freshSchemaName();
    afterAll(() => dropSchema(schema));

    it('moves every prediction and decision into its day table and keeps the indexes and the primary key', async () => {
      const adapter = await openAdapter(POSTGRES_URL, { postgres: { schema } });
      const records = [madeAt(now), madeAt(new Date(now.getTime() - 100 * 86_400_000)), prediction(3, { at: 'not a time' })];
      const decisions = [decidedAt(now), decidedAt(new Date(now.getTime() - 50 * 86_400_000))];
      try {
        await adapter.db.schema.createSchema(schema).ifNotExists().execute();
        const migrations = allMigrations(adapter);
        const migrator = new Migrator({ db: adapter.db, provider: { getMigrations: async () => migrations }, migrationTableSchema: schema });
        const { error } = await migrator.migrateTo('0013_leases');
        if (error) throw error;
        await withClient(schema, async (client) => {
          for (const r of records) {
            await client.query(
              `insert into predictions (id, at, model, version, package_digest, caller, request_id, route, input, output, latency_ms) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
              [r.id, r.at, r.model, r.version, r.packageDigest, r.caller, r.requestId, r.route, JSON.stringify(r.input), JSON.stringify(r.output), r.latencyMs],
            );
          }
          for (const d of decisions) {
            await client.query(
              `insert into decisions (id, at, app, rule_set_version, rule_id, kind, applied, request, features, headers, output, model_output, latency_ms) values ($1, $2, 'eta', 1, 'model', 'model', '[]', '{}', '{}', '{}', '{}', '{}', 0.5)`,
              [d.id, d.at],
            );
          }
        });
      } finally {
        await adapter.db.destroy();
      }

      const stores = await openMetadataStore(POSTGRES_URL, { postgres: { schema } });
      try {
        expect(await rowsPerTable(schema)).toEqual({ [dayTable('predictions', today)]: 1, [dayTable('predictions', dayOf(new Date(now.getTime() - 100 * 86_400_000)))]: 1, predictions_default: 1 });
        for (const record of records) expect(await stores.predictions.getPrediction(record.id)).toEqual(record);
        const indexes = await withClient(schema, async (client) => (await client.query<{ indexname: string }>(`select indexname from pg_indexes where schemaname = $1 and tablename = 'predictions' order by 1`, [schema])).rows.map((r) => r.indexname));
        expect(indexes).toEqual(['predictions_model_at_idx', 'predictions_model_id_idx', 'predictions_model_version_at_idx', 'predictions_pkey', 'predictions_run_id_idx']);
        expect(await rowsPerTable(schema, 'decisions')).toEqual({ [dayTable('decisions', today)]: 1, [dayTable('decisions', dayOf(new Date(now.getTime() - 50 * 86_400_000)))]: 1 });
        for (const d of decisions) expect(await stores.decisions.getDecision(d.id)).toMatchObject({ id: d.id, at: d.at, app: 'eta' });
      } finally {
        await stores.close();
      }
    });
  });
});
