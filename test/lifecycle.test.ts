// Replacing a champion and re-running the past: promote under load without a failed request, replay the old
// version's logged predictions bit for bit (one by one over HTTP and in bulk), refuse a tampered package, roll back.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayRange } from '../src/archive/index.js';
import { testBackends } from './fixtures/backends.js';
import { MODEL, startTestServer, type TestServer } from './fixtures/serving.js';

for (const backend of testBackends()) {
  describe.skipIf(backend.skipReason !== '')(`promote, replay and roll back on ${backend.name}${backend.skipReason ? ` (skipped: ${backend.skipReason})` : ''}`, () => {
    let t: TestServer;
    const v1Ids: string[] = [];
    beforeAll(async () => {
      t = await startTestServer(backend);
    });
    afterAll(async () => t?.close());

    const predict = (x1: number) => t.call('POST', `/v1/models/${MODEL}/predict`, { role: 'predictor', body: { records: [{ x1, x2: 2, x3: 3 }, { x1: x1 / 3, x2: 0.1, x3: -7.25 }] } });

    it('promotes v2 while requests are in flight: v1 decommissioned, no request fails', async () => {
      for (let i = 0; i < 10; i++) v1Ids.push(...(await predict(i * 1.37)).body.prediction_ids);
      let stop = false;
      const statuses: number[] = [];
      const load = Array.from({ length: 6 }, async () => {
        while (!stop) statuses.push((await predict(Math.random())).status);
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const moves = await t.registry.promote(MODEL, 2, 'better model', 'test');
      expect(moves.map((m) => [m.version, m.from, m.to])).toEqual([[2, 'registered', 'staging'], [1, 'production', 'decommissioned'], [2, 'staging', 'production']]);
      await t.server.deployment.sync();
      await new Promise((resolve) => setTimeout(resolve, 200));
      stop = true;
      await Promise.all(load);
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
      expect((await predict(1)).body.model.version).toBe(2);
    });

    it("replays v1's logged predictions bit for bit, over HTTP and in bulk, though v1 no longer serves", async () => {
      await t.server.log.flush();
      const replay = await t.call('GET', `/v1/predictions/${v1Ids[3]}/replay`, { role: 'viewer' });
      expect(replay.status).toBe(200);
      expect(replay.body).toMatchObject({ version: 1, verdict: 'identical', differences: [], maxAbsDifference: 0 });
      expect(replay.body.replayed).toEqual(replay.body.logged);
      const bulk = await replayRange({ predictions: t.stores.predictions, registry: t.registry }, { model: MODEL, sample: 100_000 });
      expect(bulk.versions).toEqual([1, 2]);
      expect(bulk.replayed).toBe(bulk.considered);
      expect(bulk.identical).toBe(bulk.replayed);
      expect(bulk.failures).toEqual([]);
      expect((await t.call('GET', '/v1/predictions/01NOSUCHPREDICTION0000000/replay', { role: 'viewer' })).body).toMatchObject({ status: 404, errors: [{ field: 'prediction_id' }] });
    });

    it('rolls back to v1, and refuses to replay from a package file changed on disk', async () => {
      const moves = await t.registry.rollback(MODEL, 'v2 misbehaves', 'test');
      expect(moves.map((m) => [m.version, m.from, m.to])).toEqual([[2, 'production', 'decommissioned'], [1, 'decommissioned', 'production']]);
      await expect(t.registry.rollback(MODEL, 'again', 'test')).resolves.toEqual([
        expect.objectContaining({ version: 1, to: 'decommissioned' }), expect.objectContaining({ version: 2, to: 'production' }),
      ]);

      const v1 = await t.registry.getVersion(MODEL, 1);
      const file = path.join(t.home, 'artifacts', 'sha256', v1.artifactKey.slice(0, 2), v1.artifactKey);
      const bytes = await fs.readFile(file);
      bytes[bytes.length - 10]! ^= 0xff;
      await fs.chmod(file, 0o644);
      await fs.writeFile(file, bytes);
      // A fresh server-side cache would load from disk; the bulk replay loads each version anew.
      const bulk = await replayRange({ predictions: t.stores.predictions, registry: t.registry }, { model: MODEL, sample: 100_000 });
      const failedOnV1 = bulk.failures.filter((f) => v1Ids.includes(f.predictionId));
      expect(failedOnV1.length).toBeGreaterThan(0);
      expect(failedOnV1[0]!.error).toMatch(/now hashes to [0-9a-f]+: it was changed or corrupted/);
    });
  });
}
