// The online feature store end to end over real HTTP, on SQLite and PostgreSQL: a model whose manifest looks up
// x2 and x3 by house_id is served, callers send the key, the log keeps what the model saw, and replay reproduces it;
// the admin API reads and upserts rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseManifestSpec } from '../src/manifest/index.js';
import { testBackends } from './fixtures/backends.js';
import { HOUSE_ROWS, HOUSES, loadHouses } from './fixtures/feature-tables.js';
import type { PredictionRecord } from '../src/store/index.js';
import { buildRegressorPackage, regressorExpectedValue, regressorSpecInput } from './fixtures/packages.js';
import { startTestServer, type TestServer } from './fixtures/serving.js';

const MODEL = 'house-prices-by-id';
const predictPath = `/v1/models/${MODEL}/predict`;
const houseValue = (x1: number, house: number) => {
  const { x2, x3 } = HOUSE_ROWS[house - 1]!.values as { x2: number; x3: number };
  return regressorExpectedValue(x1, x2, x3);
};

for (const backend of testBackends()) {
  describe.skipIf(backend.skipReason !== '')(`feature lookups on ${backend.name}${backend.skipReason ? ` (skipped: ${backend.skipReason})` : ''}`, () => {
    let t: TestServer;
    beforeAll(async () => {
      t = await startTestServer(backend);
      await loadHouses(t.stores);
      const spec = parseManifestSpec({ ...regressorSpecInput(), name: MODEL, lookups: [{ table: 'houses', key: 'house_id', features: ['x2', 'x3'] }] });
      await t.registry.register((await buildRegressorPackage({ spec })).bytes, 'setup');
      await t.registry.setStage(MODEL, 1, 'staging', 'test', 'setup');
      await t.registry.setStage(MODEL, 1, 'production', 'test', 'setup');
      await t.server.deployment.sync();
    });
    afterAll(async () => t?.close());

    it('fills in the looked-up features from the key, logs them as the input, and replays identically', async () => {
      const { status, body } = await t.call('POST', predictPath, { role: 'predictor', body: { records: [{ house_id: 2, x1: 1 }, { house_id: 4, x1: -1 }, { house_id: 2, x1: 0 }] } });
      expect(status).toBe(200);
      expect(body.predictions.map((p: { value: number }) => p.value)).toEqual([houseValue(1, 2), houseValue(-1, 4), houseValue(0, 2)].map((v) => expect.closeTo(v, 5)));
      await t.server.log.flush();
      const logged = await t.stores.predictions.getPrediction(body.prediction_ids[1]);
      expect(logged!.input).toEqual({ x1: -1, x2: 4, x3: 1 });
      const replay = await t.call('GET', `/v1/predictions/${body.prediction_ids[1]}/replay`, { role: 'viewer' });
      expect(replay.body).toMatchObject({ verdict: 'identical', maxAbsDifference: 0, rerun: { mode: 'batch', originalRunSize: 3 } });
    });

    it('takes the key as a V2 input too, and says which key is missing', async () => {
      const inputs = [{ name: 'house_id', shape: [2], datatype: 'INT64', data: [2, 4] }, { name: 'x1', shape: [2], datatype: 'FP64', data: [1, -1] }];
      const v2 = await t.call('POST', `/v2/models/${MODEL}/infer`, { role: 'predictor', body: { inputs } });
      expect(v2.status).toBe(200);
      expect(v2.body.outputs[0].data).toEqual([houseValue(1, 2), houseValue(-1, 4)].map((v) => expect.closeTo(v, 5)));
      await t.server.log.flush();
      expect((await t.stores.predictions.getPrediction(v2.body.parameters.prediction_ids[0]))!.input).toEqual({ x1: 1, x2: 2, x3: 0.5 });
      const noKey = await t.call('POST', `/v2/models/${MODEL}/infer`, { role: 'predictor', body: { inputs: inputs.slice(1) } });
      expect(noKey.status).toBe(400);
      expect(noKey.body.error).toBe('inputs: no input gives the lookup key house_id; send one [N] input per key');
    });

    it('leaves models without lookups as they were: a key is just an unknown feature there', async () => {
      const plain = await t.call('POST', '/v1/models/house-prices/predict', { role: 'predictor', body: { records: [{ x1: 1, x2: 2, x3: 3 }] } });
      expect(plain.body.predictions[0].value).toBeCloseTo(regressorExpectedValue(1, 2, 3), 5);
      const keyed = await t.call('POST', '/v1/models/house-prices/predict', { role: 'predictor', body: { records: [{ house_id: 1, x1: 1, x2: 2, x3: 3 }] } });
      expect(keyed.body).toMatchObject({ status: 422, code: 'INVALID_RECORDS', field: 'records[0].house_id' });
    });

    it('answers 404 naming the key of a record whose entity has no row, and 400 for a caller\'s own looked-up value', async () => {
      const unknown = await t.call('POST', predictPath, { role: 'predictor', body: { records: [{ house_id: 1, x1: 1 }, { house_id: 404, x1: 1 }] } });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ code: 'FEATURE_ENTITY_NOT_FOUND', field: 'records[1].house_id', errors: [{ field: 'records[1].house_id', message: 'feature table "houses" has no row for house_id 404' }] });
      const sent = await t.call('POST', predictPath, { role: 'predictor', body: { records: [{ house_id: 1, x1: 1, x2: 5 }] } });
      expect(sent.status).toBe(400);
      expect(sent.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'records[0].x2' });
      const noKey = await t.call('POST', predictPath, { role: 'predictor', body: { records: [{ x1: 1 }] } });
      expect(noKey.status).toBe(422);
      expect(noKey.body).toMatchObject({ code: 'INVALID_RECORDS', field: 'records[0].house_id' });
      // House 3 has no x3: the row is found, and the validator says what the model lacks.
      const partial = await t.call('POST', predictPath, { role: 'predictor', body: { records: [{ house_id: 3, x1: 1 }] } });
      expect(partial.status).toBe(422);
      expect(partial.body).toMatchObject({ code: 'INVALID_RECORDS', field: 'records[0].x3' });
    });

    it('lists tables and reads a row over the admin API', async () => {
      const tables = await t.call('GET', '/admin/features', { role: 'viewer' });
      expect(tables.status).toBe(200);
      expect(tables.body.tables).toEqual([expect.objectContaining({ name: 'houses', key: { name: 'house_id', type: 'integer' }, rowCount: 5, columns: expect.any(Array) })]);
      const row = await t.call('GET', '/admin/features/houses/rows/2', { role: 'viewer' });
      expect(row.body).toEqual({ table: 'houses', key: '2', values: { x2: 2, x3: 0.5 }, updatedAt: expect.any(String) });
      expect((await t.call('GET', '/admin/features/houses/rows/99', { role: 'viewer' })).body).toMatchObject({ status: 404, code: 'FEATURE_ENTITY_NOT_FOUND', field: 'key' });
      expect((await t.call('GET', '/admin/features/houses/rows/two', { role: 'viewer' })).body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'key' });
      expect((await t.call('GET', '/admin/features/nope/rows/1', { role: 'viewer' })).body).toMatchObject({ status: 404, code: 'FEATURE_TABLE_NOT_FOUND' });
    });

    it('upserts rows over the admin API (deployer), and the next prediction uses them', async () => {
      const put = await t.call('PUT', '/admin/features/houses/rows', { role: 'deployer', body: { rows: [{ house_id: 2, x2: 10, x3: 1 }, { house_id: 6, x2: 6, x3: 1.5 }] } });
      expect(put).toMatchObject({ status: 200, body: { table: 'houses', rows: 2, inserted: 1, updated: 1 } });
      const { body } = await t.call('POST', predictPath, { role: 'predictor', body: { records: [{ house_id: 2, x1: 0 }, { house_id: 6, x1: 0 }] } });
      expect(body.predictions.map((p: { value: number }) => p.value)).toEqual([regressorExpectedValue(0, 10, 1), regressorExpectedValue(0, 6, 1.5)].map((v) => expect.closeTo(v, 5)));
      expect((await t.stores.listAudit({ action: 'features.loaded' })).at(-1)).toMatchObject({ details: { table: 'houses', rows: 2, inserted: 1, updated: 1, source: 'api' } });
    });

    it('gives a shadow that looks up its own features those features, not the primary\'s', async () => {
      // The challenger reads a remodelled table: its logged input must hold that table's values for the same key.
      await t.stores.features.createTable({ ...HOUSES, name: 'houses_remodelled' }, 'setup');
      await t.stores.features.upsertRows('houses_remodelled', [{ key: '4', values: { x2: 40, x3: 4 } }], 'setup');
      const spec = parseManifestSpec({ ...regressorSpecInput(), name: MODEL, version: '2.0.0', lookups: [{ table: 'houses_remodelled', key: 'house_id', features: ['x2', 'x3'] }] });
      await t.registry.register((await buildRegressorPackage({ spec })).bytes, 'setup');
      await t.registry.setStage(MODEL, 2, 'staging', 'test', 'setup');
      expect((await t.call('PUT', `/admin/models/${MODEL}/traffic`, { role: 'deployer', body: { shadow: { version: 2, percent: 100 } } })).status).toBe(200);
      await t.server.deployment.sync();
      try {
        const { body } = await t.call('POST', predictPath, { role: 'predictor', body: { records: [{ house_id: 4, x1: 1 }] } });
        expect(body.model.version).toBe(1);
        expect(body.predictions[0].value).toBeCloseTo(houseValue(1, 4), 5);
        let shadow: PredictionRecord | undefined;
        for (let tries = 0; tries < 50 && !shadow; tries++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          await t.server.log.flush();
          shadow = (await t.stores.predictions.listPredictions({ model: MODEL, version: 2 })).find((p) => p.route === 'shadow');
        }
        expect(shadow?.input).toEqual({ x1: 1, x2: 40, x3: 4 });
        expect((shadow?.output as { value: number }).value).toBeCloseTo(regressorExpectedValue(1, 40, 4), 5);
      } finally {
        await t.call('PUT', `/admin/models/${MODEL}/traffic`, { role: 'deployer', body: { shadow: null } });
      }
    });

    it('refuses bad rows with a problem naming the field, and writes nothing', async () => {
      const cases: [string, unknown, number, string][] = [
        ['a value of the wrong type', { rows: [{ house_id: 7, x2: 'seven' }] }, 400, 'rows[0].x2'],
        ['an unknown column', { rows: [{ house_id: 7, x9: 1 }] }, 400, 'rows[0].x9'],
        ['a row without its key', { rows: [{ x2: 1 }] }, 400, 'rows[0].house_id'],
        ['no rows', { rows: [] }, 400, 'body.rows'],
        ['no rows member', { houses: [] }, 400, 'body.rows'],
      ];
      for (const [what, body, status, field] of cases) {
        const response = await t.call('PUT', '/admin/features/houses/rows', { role: 'deployer', body });
        expect([what, response.status, response.body.field ?? response.body.errors?.[0]?.field]).toEqual([what, status, field]);
      }
      expect((await t.call('PUT', '/admin/features/nope/rows', { role: 'deployer', body: { rows: [{ id: 1 }] } })).status).toBe(404);
      expect((await t.call('PUT', '/admin/features/houses/rows', { role: 'viewer', body: { rows: [{ house_id: 7, x2: 1 }] } })).status).toBe(403);
      expect((await t.call('GET', '/admin/features/houses/rows/7', { role: 'viewer' })).status).toBe(404);
    });
  });
}
