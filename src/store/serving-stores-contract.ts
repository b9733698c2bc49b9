// The behaviour the serving stores (keys, traffic, prediction log, change feed) must have; SQLite and PostgreSQL each run it.
import { describe, expect, it } from 'vitest';
import { moveOne, newVersion } from './metadata-store-contract.js';
import type { Stores } from './open-metadata-store.js';
import type { ApiKeyRecord, PredictionRecord } from './serving-records.js';

const T0 = Date.parse('2024-03-01T00:00:00.000Z');

/** Prediction number i: ids sort like i, `at` is i seconds after T0, model and version overridable. */
export function prediction(i: number, overrides: Partial<PredictionRecord> = {}): PredictionRecord {
  return {
    id: `01HP${String(i).padStart(8, '0')}`, at: new Date(T0 + i * 1000).toISOString(), model: 'iris', version: 1,
    packageDigest: 'sha256:abc', caller: 'psk_test', requestId: `req-${i}`, route: 'primary',
    input: { sepal_length: 5.1 + i / 1000, species_hint: null }, output: { label: 'setosa', scores: [0.9, 0.1] }, latencyMs: 1.234567 + i,
    ...overrides,
  };
}

export function newKey(id: string, overrides: Partial<Omit<ApiKeyRecord, 'createdAt' | 'revokedAt'>> = {}): Omit<ApiKeyRecord, 'createdAt' | 'revokedAt' | 'person'> & { person?: string } {
  return { id, name: `key ${id}`, role: 'predictor', secretHash: `hash-of-${id}`, salt: `salt-of-${id}`, createdBy: 'alice', rateLimit: null, ...overrides };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);

export function describeServingStoresContract(name: string, open: () => Promise<Stores>): void {
  describe(`serving stores contract: ${name}`, () => {
    describe('API keys', () => {
      it('creates, reads and lists keys, counting the active ones per role', async () => {
        const stores = await open();
        const created = await stores.keys.createKey(newKey('psk_a', { role: 'admin', rateLimit: 25.5 }));
        await stores.keys.createKey(newKey('psk_b'));
        expect(created).toMatchObject({ id: 'psk_a', role: 'admin', secretHash: 'hash-of-psk_a', salt: 'salt-of-psk_a', revokedAt: null, rateLimit: 25.5 });
        expect(await stores.keys.getKey('psk_a')).toEqual(created);
        expect(await stores.keys.getKey('psk_missing')).toBeUndefined();
        expect((await stores.keys.listKeys()).map((k) => k.id).sort()).toEqual(['psk_a', 'psk_b']);
        expect([await stores.keys.countKeys(), await stores.keys.countKeys('admin'), await stores.keys.countKeys('viewer')]).toEqual([2, 1, 0]);
      });

      it('revokes an active key once, keeping it for the audit trail', async () => {
        const stores = await open();
        await stores.keys.createKey(newKey('psk_a'));
        expect(await stores.keys.revokeKey('psk_a', 'bob')).toBe(true);
        expect(await stores.keys.revokeKey('psk_a', 'bob')).toBe(false);
        expect(await stores.keys.revokeKey('psk_missing', 'bob')).toBe(false);
        expect((await stores.keys.getKey('psk_a'))?.revokedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
        expect(await stores.keys.countKeys()).toBe(0);
      });

      it('audits creation and revocation by id, name and role, never the hash or salt', async () => {
        const stores = await open();
        await stores.keys.createKey(newKey('psk_a', { role: 'deployer' }));
        await stores.keys.revokeKey('psk_a', 'bob');
        const events = (await stores.listAudit()).filter((e) => e.action.startsWith('key.'));
        expect(events.map((e) => [e.action, e.actor, e.details])).toEqual([
          ['key.created', 'alice', { id: 'psk_a', name: 'key psk_a', role: 'deployer', person: 'psk_a' }],
          ['key.revoked', 'bob', { id: 'psk_a', name: 'key psk_a', role: 'deployer', person: 'psk_a' }],
        ]);
        expect(JSON.stringify(await stores.listAudit())).not.toMatch(/hash-of|salt-of/);
      });

      it('refuses an unknown role, a non-positive rate limit and a duplicate id', async () => {
        const stores = await open();
        await expect(stores.keys.createKey(newKey('psk_a', { role: 'root' as never }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'role' });
        await expect(stores.keys.createKey(newKey('psk_a', { rateLimit: 0 }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'rateLimit' });
        await stores.keys.createKey(newKey('psk_a'));
        await expect(stores.keys.createKey(newKey('psk_a', { name: 'again' }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'id' });
        expect((await stores.keys.getKey('psk_a'))?.name).toBe('key psk_a');
      });
    });

    describe('traffic', () => {
      async function withVersions(stores: Stores, model = 'iris'): Promise<void> {
        for (const digest of ['d1', 'd2', 'd3']) await stores.registerVersion(newVersion(model, digest), 'u');
      }

      it('sets, reads, lists and clears a canary and a shadow', async () => {
        const stores = await open();
        await withVersions(stores);
        await withVersions(stores, 'churn');
        const set = await stores.traffic.setTraffic('iris', { canary: { version: 2, percent: 12.5 }, shadow: { version: 3, percent: 100 } }, 'carol');
        expect(set).toMatchObject({ model: 'iris', canary: { version: 2, percent: 12.5 }, shadow: { version: 3, percent: 100 }, updatedBy: 'carol' });
        expect(await stores.traffic.getTraffic('iris')).toEqual(set);
        expect(await stores.traffic.getTraffic('churn')).toBeUndefined();
        await stores.traffic.setTraffic('churn', { canary: null, shadow: { version: 1, percent: 0 } }, 'carol');
        expect((await stores.traffic.listTraffic()).map((p) => [p.model, p.canary, p.shadow])).toEqual([
          ['churn', null, { version: 1, percent: 0 }],
          ['iris', { version: 2, percent: 12.5 }, { version: 3, percent: 100 }],
        ]);
        const cleared = await stores.traffic.setTraffic('iris', { canary: null, shadow: null }, 'dave');
        expect(await stores.traffic.getTraffic('iris')).toEqual(cleared);
        expect(cleared).toMatchObject({ canary: null, shadow: null, updatedBy: 'dave' });
      });

      it('refuses the production version as a canary or shadow', async () => {
        const stores = await open();
        await withVersions(stores);
        await stores.changeStages('iris', () => [{ version: 1, from: 'registered', to: 'staging', reason: 'r' }], 'u');
        await stores.changeStages('iris', () => [{ version: 1, from: 'staging', to: 'production', reason: 'r' }], 'u');
        await expect(stores.traffic.setTraffic('iris', { canary: { version: 1, percent: 5 }, shadow: null }, 'u')).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'canary.version', message: expect.stringContaining('is production') });
        await expect(stores.traffic.setTraffic('iris', { canary: null, shadow: { version: 1, percent: 5 } }, 'u')).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'shadow.version' });
      });

      it('audits each change with the policy', async () => {
        const stores = await open();
        await withVersions(stores);
        await stores.traffic.setTraffic('iris', { canary: { version: 2, percent: 10 }, shadow: null }, 'carol');
        const events = await stores.listAudit({ action: 'traffic.set' });
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({ actor: 'carol', model: 'iris', details: { canary: { version: 2, percent: 10 }, shadow: null } });
      });

      it('says MODEL_NOT_FOUND, VERSION_NOT_FOUND or VALIDATION_FAILED and changes nothing', async () => {
        const stores = await open();
        await withVersions(stores);
        await stores.traffic.setTraffic('iris', { canary: { version: 2, percent: 5 }, shadow: null }, 'carol');
        const before = [await stores.traffic.getTraffic('iris'), await stores.listAudit()];
        await expect(stores.traffic.setTraffic('nope', { canary: null, shadow: null }, 'u')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
        await expect(stores.traffic.setTraffic('iris', { canary: { version: 9, percent: 5 }, shadow: null }, 'u')).rejects.toMatchObject({ code: 'VERSION_NOT_FOUND', field: 'canary.version' });
        await expect(stores.traffic.setTraffic('iris', { canary: null, shadow: { version: 7, percent: 5 } }, 'u')).rejects.toMatchObject({ code: 'VERSION_NOT_FOUND', field: 'shadow.version' });
        for (const percent of [-1, 100.5, Number.NaN]) {
          await expect(stores.traffic.setTraffic('iris', { canary: { version: 2, percent }, shadow: null }, 'u')).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'canary.percent' });
        }
        expect([await stores.traffic.getTraffic('iris'), await stores.listAudit()]).toEqual(before);
      });
    });

    describe('prediction log', () => {
      it('inserts 1,000 predictions in one call and reads them back exactly', async () => {
        const stores = await open();
        const records = range(0, 1000).map((i) => prediction(i, { caller: i % 2 ? null : 'psk_x', route: i % 10 ? 'primary' : 'canary' }));
        await stores.predictions.insertPredictions(records);
        expect(await stores.predictions.countPredictions()).toBe(1000);
        expect(await stores.predictions.getPrediction(records[7]!.id)).toEqual(records[7]);
        expect(await stores.predictions.getPrediction('missing')).toBeUndefined();
        expect(await stores.predictions.listPredictions()).toEqual(records);
      });

      it('expires every prediction made before a day boundary, whatever its model and version', async () => {
        const stores = await open();
        const day = 86_400;
        const records = [0, 3600, day - 1, day, day + 7200, 2 * day + 1].map((s, i) => prediction(s, { model: i % 2 ? 'iris' : 'churn', version: i }));
        await stores.predictions.insertPredictions(records);
        expect(await stores.predictions.expirePredictionsBefore(prediction(day).at)).toBe(3);
        expect((await stores.predictions.listPredictions()).map((p) => p.id)).toEqual(records.slice(3).map((p) => p.id));
        expect(await stores.predictions.expirePredictionsBefore(prediction(day).at)).toBe(0);
      });

      it('expires the decisions made before a day boundary with the same rule', async () => {
        const stores = await open();
        const day = 86_400;
        const decisions = [0, day - 1, day, day + 1].map((s, i) => ({
          id: `01J${String(i).padStart(23, '0')}`, at: prediction(s).at, app: 'eta', ruleSetVersion: 1, ruleId: 'r', kind: 'respond' as const, applied: [],
          request: {}, features: {}, headers: {}, output: { s }, model: null, modelVersion: null, predictionId: null, modelOutput: null, caller: null, latencyMs: 1,
        }));
        await stores.decisions.insertDecisions(decisions);
        expect(await stores.decisions.expireDecisionsBefore(prediction(day).at)).toBe(2);
        expect((await stores.decisions.listDecisions()).map((d) => d.id)).toEqual(decisions.slice(2).map((d) => d.id));
      });

      it('ignores ids already present, so replaying a batch never duplicates', async () => {
        const stores = await open();
        await stores.predictions.insertPredictions(range(0, 10).map((i) => prediction(i)));
        await stores.predictions.insertPredictions(range(5, 20).map((i) => prediction(i, { output: 'replayed' })));
        await stores.predictions.insertPredictions([]);
        expect(await stores.predictions.countPredictions()).toBe(20);
        expect((await stores.predictions.getPrediction(prediction(5).id))?.output).toEqual(prediction(5).output);
        expect((await stores.predictions.getPrediction(prediction(15).id))?.output).toBe('replayed');
      });

      it('filters by model, version and a [from, to) time range, in lists and counts', async () => {
        const stores = await open();
        await stores.predictions.insertPredictions(range(0, 30).map((i) => prediction(i, { model: i < 20 ? 'iris' : 'churn', version: (i % 2) + 1 })));
        const ids = async (query: Parameters<Stores['predictions']['listPredictions']>[0]) => (await stores.predictions.listPredictions(query)).map((p) => Number(p.id.slice(4)));
        expect(await ids({ model: 'churn' })).toEqual(range(20, 30));
        expect(await ids({ model: 'iris', version: 2 })).toEqual(range(0, 20).filter((i) => i % 2 === 1));
        expect(await ids({ from: prediction(3).at, to: prediction(6).at })).toEqual([3, 4, 5]);
        expect(await stores.predictions.countPredictions({ model: 'iris', version: 1, from: prediction(10).at })).toBe(5);
        expect(await stores.predictions.countPredictions({ model: 'nope' })).toBe(0);
      });

      it('pages by id: each page starts after the last id of the one before', async () => {
        const stores = await open();
        await stores.predictions.insertPredictions(range(0, 250).map((i) => prediction(i)).reverse());
        const seen: string[] = [];
        let afterId: string | undefined;
        for (;;) {
          const page = await stores.predictions.listPredictions({ model: 'iris', limit: 100, ...(afterId ? { afterId } : {}) });
          if (page.length === 0) break;
          seen.push(...page.map((p) => p.id));
          afterId = page.at(-1)!.id;
        }
        expect(seen).toEqual(range(0, 250).map((i) => prediction(i).id));
      });

      it('matches input features as text, the output label and bounds on the output value, the same on every dialect', async () => {
        const stores = await open();
        const inputs = [{ 'a.b': 0.1, flag: true, city: 'Köln' }, { 'a.b': 1e-7, flag: false, city: '3' }, { 'a.b': 3, city: null }];
        const outputs = [{ label: 2, value: 0.5 }, { label: 'two', value: '7' }, { value: -1.25 }];
        await stores.predictions.insertPredictions(range(0, 3).map((i) => prediction(i, { input: inputs[i]!, output: outputs[i] })));
        const ids = async (query: Parameters<Stores['predictions']['listPredictions']>[0]) => (await stores.predictions.listPredictions(query)).map((p) => Number(p.id.slice(4)));
        expect(await ids({ feature: 'a.b', value: '0.1' })).toEqual([0]);
        expect(await ids({ feature: 'a.b', value: '1e-7' })).toEqual([1]);
        expect(await ids({ feature: 'flag', value: 'true' })).toEqual([0]);
        expect(await ids({ feature: 'city', value: 'Köln' })).toEqual([0]);
        expect(await ids({ feature: 'city', value: '3' })).toEqual([1]);
        expect(await ids({ feature: 'city' })).toEqual([0, 1]);
        expect(await ids({ label: '2' })).toEqual([0]);
        expect(await ids({ label: 'two' })).toEqual([1]);
        // A value that is not a JSON number is outside every bound, not an error.
        expect(await ids({ minValue: -2 })).toEqual([0, 2]);
        expect(await ids({ minValue: -1.25, maxValue: 0 })).toEqual([2]);
        expect(await stores.predictions.countPredictions({ feature: 'flag' })).toBe(2);
        expect(await ids({ newestFirst: true, beforeId: prediction(2).id })).toEqual([1, 0]);
      });

      it('counts recent predictions per model, leaving shadow copies out, with their p99 latency, in one query', async () => {
        const stores = await open();
        await stores.predictions.insertPredictions([
          ...range(0, 200).map((i) => prediction(i, { model: 'iris', latencyMs: i + 1 })),
          ...range(200, 210).map((i) => prediction(i, { model: 'iris', route: 'shadow', latencyMs: 10_000 })),
          ...range(210, 215).map((i) => prediction(i, { model: 'churn', latencyMs: 2 })),
        ]);
        const activity = await stores.predictions.modelActivity(['iris', 'churn', 'idle'], prediction(0).at);
        expect(activity.sort((a, b) => a.model.localeCompare(b.model))).toEqual([{ model: 'churn', predictions: 5, p99LatencyMs: 2 }, { model: 'iris', predictions: 200, p99LatencyMs: 198 }]);
        expect(await stores.predictions.modelActivity(['iris'], prediction(150).at)).toEqual([{ model: 'iris', predictions: 50, p99LatencyMs: 200 }]);
        expect(await stores.predictions.modelActivity([], prediction(0).at)).toEqual([]);
      });

      it('lands every row when 4 batches of 500 are inserted at once', async () => {
        const stores = await open();
        await Promise.all(range(0, 4).map((batch) => stores.predictions.insertPredictions(range(batch * 500, (batch + 1) * 500).map((i) => prediction(i)))));
        expect(await stores.predictions.countPredictions()).toBe(2000);
      });
    });

    describe('change feed', () => {
      it('moves on a stage change and a traffic change, not on predictions or refused changes', async () => {
        const stores = await open();
        expect(await stores.changes.currentRevision()).toBe(0);
        await stores.registerVersion(newVersion('iris', 'd1'), 'u');
        await stores.registerVersion(newVersion('iris', 'd2'), 'u');
        const registered = await stores.changes.currentRevision();
        await stores.changeStages('iris', moveOne(1, 'staging'), 'u');
        const staged = await stores.changes.currentRevision();
        expect(staged).toBeGreaterThan(registered);
        await stores.traffic.setTraffic('iris', { canary: { version: 2, percent: 10 }, shadow: null }, 'u');
        const trafficked = await stores.changes.currentRevision();
        expect(trafficked).toBeGreaterThan(staged);
        await stores.predictions.insertPredictions(range(0, 50).map((i) => prediction(i)));
        await expect(stores.traffic.setTraffic('iris', { canary: { version: 9, percent: 10 }, shadow: null }, 'u')).rejects.toThrow();
        expect(await stores.changes.currentRevision()).toBe(trafficked);
      });
    });
  });
}
