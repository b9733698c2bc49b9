// A PostgreSQL restart costs reads and label writes nothing but latency: the stores here reach PostgreSQL through a
// proxy that cuts every connection and refuses new ones until restored, as a restarting server does.
import { afterAll, describe, expect, it } from 'vitest';
import { CuttableProxy } from '../../../test/fixtures/server-process.js';
import { checkPostgres, dropSchema, freshSchemaName, POSTGRES_URL } from '../../../test/fixtures/test-databases.js';
import { newVersion } from '../metadata-store-contract.js';
import { KyselyStoreSession } from '../kysely-store-session.js';
import { openAdapter, openMetadataStore, type Stores } from '../open-metadata-store.js';
import { prediction } from '../serving-stores-contract.js';

const postgres = await checkPostgres();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!postgres.ok)(`PostgreSQL connection loss${postgres.ok ? '' : ` (skipped: ${postgres.reason})`}`, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  /** Fresh stores in a fresh schema, reached through their own proxy; closed and dropped after the file. */
  async function storesBehindProxy(connectionLossRetryMs?: number): Promise<{ stores: Stores; proxy: CuttableProxy; url: string; schema: string }> {
    const proxy = new CuttableProxy(Number(new URL(POSTGRES_URL).port || 5432));
    const viaProxy = new URL(POSTGRES_URL);
    viaProxy.port = String(await proxy.start());
    const schema = freshSchemaName();
    const stores = await openMetadataStore(viaProxy.toString(), { postgres: { schema, ...(connectionLossRetryMs === undefined ? {} : { connectionLossRetryMs }) } });
    cleanups.push(async () => {
      await stores.close();
      await proxy.close();
      await dropSchema(schema);
    });
    return { stores, proxy, url: viaProxy.toString(), schema };
  }

  /** As storesBehindProxy, plus a session of its own, for writes whose body the test controls. */
  async function sessionBehindProxy(): Promise<{ stores: Stores; proxy: CuttableProxy; session: KyselyStoreSession }> {
    const { stores, proxy, url, schema } = await storesBehindProxy();
    const adapter = await openAdapter(url, { postgres: { schema } });
    cleanups.push(() => adapter.db.destroy());
    return { stores, proxy, session: new KyselyStoreSession(adapter, () => new Date()) };
  }

  /** Cuts the proxy, starts `work`, and restores the proxy `outageMs` later; resolves to work's outcome and duration. */
  async function duringOutage<T>(proxy: CuttableProxy, outageMs: number, work: () => Promise<T>): Promise<{ result: PromiseSettledResult<T>; elapsedMs: number }> {
    await proxy.cut();
    const started = Date.now();
    const settled = Promise.allSettled([work()]).then(([result]) => ({ result: result!, elapsedMs: Date.now() - started }));
    await sleep(outageMs);
    await proxy.restore();
    return settled;
  }

  it('answers a read issued while the database is unreachable once it is back, a second later', async () => {
    const { stores, proxy } = await storesBehindProxy();
    await stores.registerVersion(newVersion('m', 'd1'), 'alice');
    const { result, elapsedMs } = await duringOutage(proxy, 1_000, () => stores.listVersions('m'));
    expect(result).toMatchObject({ status: 'fulfilled', value: [expect.objectContaining({ model: 'm', version: 1 })] });
    expect(elapsedMs).toBeGreaterThanOrEqual(1_000);
  });

  it('stores a label sent while the database is unreachable exactly once, once it is back', async () => {
    const { stores, proxy } = await storesBehindProxy();
    await stores.predictions.insertPredictions([prediction(0)]);
    const { result, elapsedMs } = await duringOutage(proxy, 1_000, () => stores.labels.addLabels([{ predictionId: prediction(0).id, actual: 'setosa' }], 'alice'));
    expect(result).toMatchObject({ status: 'fulfilled', value: [expect.objectContaining({ predictionId: prediction(0).id, actual: 'setosa' })] });
    expect(elapsedMs).toBeGreaterThanOrEqual(1_000);
    expect(await stores.labels.labelHistory(prediction(0).id)).toHaveLength(1);
  });

  it('does not run a write again when the connection is lost after its body finished, as its COMMIT may have landed', async () => {
    // Reproduced for real: the body cuts the connection as its last step, so COMMIT never reaches the server (which
    // rolls back). The session cannot tell that from a COMMIT that landed, so it must report the loss rather than
    // write a second time once the server is back.
    const { stores, proxy, session } = await sessionBehindProxy();
    let bodyRuns = 0;
    const write = session.write(async (trx) => {
      bodyRuns++;
      await session.appendAudit(trx, { actor: 'alice', action: 'model.updated', model: 'm', version: null, fromStage: null, toStage: null, reason: null });
      if (bodyRuns === 1) await proxy.cut();
    });
    const outcome = Promise.allSettled([write]);
    await sleep(1_000);
    if (bodyRuns === 1) await proxy.restore();
    const [result] = await outcome;
    expect(result).toMatchObject({ status: 'rejected', reason: { code: 'DATABASE_UNAVAILABLE' } });
    expect(bodyRuns).toBe(1);
    expect(await stores.listAudit({})).toEqual([]);
  });

  it('runs a write again, applying it once, when the connection is lost in the middle of its body', async () => {
    const { stores, proxy, session } = await sessionBehindProxy();
    let bodyRuns = 0;
    const write = session.write(async (trx) => {
      bodyRuns++;
      await session.appendAudit(trx, { actor: 'alice', action: 'model.updated', model: 'm', version: null, fromStage: null, toStage: null, reason: null });
      if (bodyRuns === 1) await proxy.cut();
      await session.appendAudit(trx, { actor: 'alice', action: 'model.updated', model: 'n', version: null, fromStage: null, toStage: null, reason: null });
    });
    const outcome = Promise.allSettled([write]);
    await sleep(1_000);
    await proxy.restore();
    const [result] = await outcome;
    expect(result).toMatchObject({ status: 'fulfilled' });
    expect(bodyRuns).toBe(2);
    expect((await stores.listAudit({})).map((e) => e.model)).toEqual(['m', 'n']);
  });

  it('gives up with DATABASE_UNAVAILABLE once a short retry budget is spent', async () => {
    const { stores, proxy } = await storesBehindProxy(300);
    await stores.registerVersion(newVersion('m', 'd1'), 'alice');
    const { result, elapsedMs } = await duringOutage(proxy, 3_000, () => stores.listVersions('m'));
    expect(result).toMatchObject({ status: 'rejected', reason: { code: 'DATABASE_UNAVAILABLE', message: expect.stringMatching(/cannot reach PostgreSQL/) } });
    expect(elapsedMs).toBeGreaterThanOrEqual(290);
    expect(elapsedMs).toBeLessThan(1_500);
  });
});
