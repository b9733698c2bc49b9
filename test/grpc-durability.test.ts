// Under gRPC load as under HTTP load: kill -9 loses no answered prediction, a hot swap fails no call, and SIGTERM
// finishes the calls in flight before the log is flushed.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FilesystemArtifactStore } from '../src/artifacts/index.js';
import { Registry } from '../src/registry/index.js';
import { generateApiKey } from '../src/serving/auth/index.js';
import type { Stores } from '../src/store/index.js';
import { testBackends } from './fixtures/backends.js';
import { v2GrpcClient, type V2GrpcClient } from './fixtures/grpc-client.js';
import { buildRegressorPackage } from './fixtures/packages.js';
import { startServerProcess } from './fixtures/server-process.js';
import { MODEL, startTestServer } from './fixtures/serving.js';
import { tempDir } from './fixtures/test-databases.js';

const request = (i: number, n: number) => ({ model_name: MODEL, inputs: [{ name: 'input', datatype: 'FP32', shape: [1, 3], contents: { fp32_contents: [i, n % 50, 1] } }] });

/** Calls ModelInfer from `concurrency` loops until stopped; keeps the prediction ids and versions of every answered call. */
function drive(client: V2GrpcClient, token: string, concurrency = 8) {
  const answered: string[] = [];
  const versions = new Set<string>();
  const failures: string[] = [];
  let running = true;
  const loops = Array.from({ length: concurrency }, async (_, i) => {
    for (let n = 0; running; n++) {
      try {
        const answer = await client.call('ModelInfer', request(i, n), token);
        answered.push(...answer.parameters.prediction_ids.string_param.split(','));
        versions.add(answer.model_version);
      } catch (error) {
        failures.push((error as Error).message);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  });
  return { answered, versions, failures, stop: async () => { running = false; await Promise.all(loops); } };
}

async function seed(stores: Stores, home: string): Promise<string> {
  const registry = new Registry(stores, new FilesystemArtifactStore(path.join(home, 'artifacts')));
  await registry.register((await buildRegressorPackage()).bytes, 'seed');
  await registry.setStage(MODEL, 1, 'staging', 'seed', 'seed');
  await registry.setStage(MODEL, 1, 'production', 'seed', 'seed');
  const key = generateApiKey();
  await stores.keys.createKey({ id: key.id, name: 'load', role: 'predictor', secretHash: key.secretHash, salt: key.salt, createdBy: 'seed', rateLimit: null });
  return key.token;
}

async function missingFromLog(stores: Stores, ids: readonly string[], timeoutMs = 20_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let missing = [...ids];
  while (Date.now() < deadline) {
    const logged = new Set((await stores.predictions.listPredictions({ model: MODEL, limit: 1_000_000 })).map((p) => p.id));
    missing = ids.filter((id) => !logged.has(id));
    if (missing.length === 0) return [];
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return missing;
}

for (const backend of testBackends()) {
  describe.skipIf(backend.skipReason !== '')(`gRPC durability on ${backend.name}${backend.skipReason ? ` (skipped: ${backend.skipReason})` : ''}`, () => {
    it('logs every prediction answered over gRPC across a kill -9 and a restart', async () => {
      const home = await tempDir('pitstop-grpc-kill-');
      const { store, url: databaseUrl } = await backend.open();
      const token = await seed(store, home);
      const env = { PITSTOP_HOME: home, PITSTOP_DATABASE_URL: databaseUrl };
      const first = await startServerProcess(env, ['--grpc-port', '0']);
      const client = v2GrpcClient(first.grpcPort!);
      const load = drive(client, token);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await first.stop('SIGKILL');
      await load.stop();
      client.close();
      expect(load.answered.length).toBeGreaterThan(100);
      const second = await startServerProcess(env);
      try {
        expect(await missingFromLog(store, load.answered)).toEqual([]);
      } finally {
        await second.stop();
      }
    });

    it('finishes the gRPC calls in flight on SIGTERM and logs each of them', async () => {
      const home = await tempDir('pitstop-grpc-term-');
      const { store, url: databaseUrl } = await backend.open();
      const token = await seed(store, home);
      const server = await startServerProcess({ PITSTOP_HOME: home, PITSTOP_DATABASE_URL: databaseUrl }, ['--grpc-port', '0']);
      const client = v2GrpcClient(server.grpcPort!);
      const load = drive(client, token);
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(await server.stop('SIGTERM')).toBe(0);
      await load.stop();
      client.close();
      expect(load.answered.length).toBeGreaterThan(20);
      const logged = new Set((await store.predictions.listPredictions({ model: MODEL, limit: 1_000_000 })).map((p) => p.id));
      expect(load.answered.filter((id) => !logged.has(id))).toEqual([]);
    });

    it('hot-swaps the production version under gRPC load without a failed call', async () => {
      const t = await startTestServer(backend);
      const client = v2GrpcClient(await t.server.listenGrpc(0));
      try {
        const load = drive(client, t.keys.predictor);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await t.registry.setStage(MODEL, 2, 'staging', 'swap under gRPC load', 'test');
        await t.registry.setStage(MODEL, 2, 'production', 'swap under gRPC load', 'test');
        const deadline = Date.now() + 5000;
        while (Date.now() < deadline && !load.versions.has('2')) await new Promise((resolve) => setTimeout(resolve, 50));
        await new Promise((resolve) => setTimeout(resolve, 300));
        await load.stop();
        expect(load.answered.length).toBeGreaterThan(50);
        expect(load.failures).toEqual([]);
        expect([...load.versions].sort()).toEqual(['1', '2']);
      } finally {
        client.close();
        await t.close();
      }
    });
  });
}
