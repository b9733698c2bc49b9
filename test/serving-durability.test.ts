// Nothing answered is ever missing from the prediction log: not after kill -9, not after the database was unreachable.
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { FilesystemArtifactStore } from '../src/artifacts/index.js';
import { Registry } from '../src/registry/index.js';
import { generateApiKey } from '../src/serving/auth/index.js';
import { openMetadataStore, type Stores } from '../src/store/index.js';
import { testBackends } from './fixtures/backends.js';
import { buildRegressorPackage } from './fixtures/packages.js';
import { CuttableProxy, startServerProcess } from './fixtures/server-process.js';
import { dropSchema, freshSchemaName, POSTGRES_URL, tempDir } from './fixtures/test-databases.js';

/** Registers the test model in production and returns an admin key. */
async function seed(stores: Stores, home: string): Promise<string> {
  const registry = new Registry(stores, new FilesystemArtifactStore(path.join(home, 'artifacts')));
  await registry.register((await buildRegressorPackage()).bytes, 'seed');
  await registry.setStage('house-prices', 1, 'staging', 'seed', 'seed');
  await registry.setStage('house-prices', 1, 'production', 'seed', 'seed');
  const key = generateApiKey();
  await stores.keys.createKey({ id: key.id, name: 'load', role: 'admin', secretHash: key.secretHash, salt: key.salt, createdBy: 'seed', rateLimit: null });
  return key.token;
}

/** Sends requests from `concurrency` loops until stopped; returns the prediction ids of every answered request. */
function drive(url: string, token: string, concurrency = 8) {
  const answered: string[] = [];
  let failures = 0;
  let running = true;
  const loops = Array.from({ length: concurrency }, async (_, i) => {
    for (let n = 0; running; n++) {
      try {
        const response = await fetch(`${url}/v1/models/house-prices/predict`, {
          method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ records: [{ x1: i, x2: n % 50, x3: 1 }] }),
        });
        if (response.status === 200) answered.push(...((await response.json()) as { prediction_ids: string[] }).prediction_ids);
        else failures++;
      } catch {
        failures++; // the connection died with the server: this request was never answered
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  });
  return { answered, failures: () => failures, stop: async () => { running = false; await Promise.all(loops); } };
}

async function waitForLogged(stores: Stores, ids: readonly string[], timeoutMs = 20_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let missing = [...ids];
  while (Date.now() < deadline) {
    const logged = new Set((await stores.predictions.listPredictions({ model: 'house-prices' })).map((p) => p.id));
    missing = ids.filter((id) => !logged.has(id));
    if (missing.length === 0) return [];
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return missing;
}

for (const backend of testBackends()) {
  describe.skipIf(backend.skipReason !== '')(`durability on ${backend.name}${backend.skipReason ? ` (skipped: ${backend.skipReason})` : ''}`, () => {
    it('logs every answered prediction across a kill -9 and a restart', async () => {
      const home = await tempDir('pitstop-kill-');
      const { store, url: databaseUrl } = await backend.open();
      const token = await seed(store, home);
      const env = { PITSTOP_HOME: home, PITSTOP_DATABASE_URL: databaseUrl };
      const first = await startServerProcess(env);
      const load = drive(first.url, token);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await first.stop('SIGKILL');
      await load.stop();
      expect(load.answered.length).toBeGreaterThan(100);
      const second = await startServerProcess(env);
      try {
        expect(await waitForLogged(store, load.answered)).toEqual([]);
        const logged = await store.predictions.countPredictions({ model: 'house-prices' });
        expect(logged).toBeGreaterThanOrEqual(load.answered.length);
      } finally {
        await second.stop();
      }
    });

    it('flushes the log on SIGTERM after finishing the requests in flight', async () => {
      const home = await tempDir('pitstop-term-');
      const { store, url: databaseUrl } = await backend.open();
      const token = await seed(store, home);
      const server = await startServerProcess({ PITSTOP_HOME: home, PITSTOP_DATABASE_URL: databaseUrl });
      const load = drive(server.url, token);
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(await server.stop('SIGTERM')).toBe(0);
      await load.stop();
      const logged = new Set((await store.predictions.listPredictions({ model: 'house-prices' })).map((p) => p.id));
      expect(load.answered.filter((id) => !logged.has(id))).toEqual([]);
    });
  });
}

const postgres = testBackends().find((b) => b.name === 'postgres')!;
describe.skipIf(postgres.skipReason !== '')(`PostgreSQL outage${postgres.skipReason ? ` (skipped: ${postgres.skipReason})` : ''}`, () => {
  const schema = freshSchemaName();
  const proxy = new CuttableProxy(Number(new URL(POSTGRES_URL).port || 5432));
  afterAll(async () => {
    await proxy.close();
    await dropSchema(schema);
  });

  it('keeps answering while PostgreSQL is unreachable for 10 s, and logs every answer once it is back', async () => {
    const home = await tempDir('pitstop-outage-');
    const direct = await openMetadataStore(POSTGRES_URL, { postgres: { schema } });
    const token = await seed(direct, home);
    const port = await proxy.start();
    const viaProxy = new URL(POSTGRES_URL);
    viaProxy.port = String(port);
    viaProxy.searchParams.set('options', `-c search_path=${schema}`);
    const server = await startServerProcess({ PITSTOP_HOME: home, PITSTOP_DATABASE_URL: viaProxy.toString() });
    const load = drive(server.url, token, 4);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await proxy.cut();
      const answeredBeforeOutage = load.answered.length;
      await new Promise((resolve) => setTimeout(resolve, 10_000));
      const answeredDuringOutage = load.answered.length - answeredBeforeOutage;
      await proxy.restore();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await load.stop();
      expect(answeredDuringOutage).toBeGreaterThan(100);
      expect(load.failures()).toBe(0);
      expect(await waitForLogged(direct, load.answered, 30_000)).toEqual([]);
      expect(await direct.predictions.countPredictions({ model: 'house-prices' })).toBe(load.answered.length);
    } finally {
      await load.stop();
      await server.stop();
      await direct.close();
    }
  });
});

describe('SQLite locked by another process', () => {
  it('keeps answering while another process holds the write lock for 10 s, and logs every answer once it is released', async () => {
    const home = await tempDir('pitstop-locked-');
    const file = path.join(home, 'pitstop.db');
    const direct = await openMetadataStore(`sqlite:${file}`);
    const token = await seed(direct, home);
    const server = await startServerProcess({ PITSTOP_HOME: home, PITSTOP_DATABASE_URL: `sqlite:${file}` });
    const load = drive(server.url, token, 4);
    // A separate connection stands in for another process (a backup, a batch job) taking the write lock.
    const locker = new BetterSqlite3(file);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      locker.exec('BEGIN EXCLUSIVE');
      const answeredBeforeLock = load.answered.length;
      await new Promise((resolve) => setTimeout(resolve, 10_000));
      const answeredWhileLocked = load.answered.length - answeredBeforeLock;
      locker.exec('COMMIT');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await load.stop();
      expect(answeredWhileLocked).toBeGreaterThan(100);
      expect(load.failures()).toBe(0);
      expect(await waitForLogged(direct, load.answered, 30_000)).toEqual([]);
      expect(await direct.predictions.countPredictions({ model: 'house-prices' })).toBe(load.answered.length);
    } finally {
      if (locker.inTransaction) locker.exec('ROLLBACK');
      locker.close();
      await load.stop();
      await server.stop();
      await direct.close();
    }
  });
});
