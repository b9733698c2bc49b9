// The admin GUI's model list and model page over HTTP: pages without gaps or duplicates, search, traffic and aliases,
// health lights from the prediction log, the server's counters, stored monitoring windows and alert states; rollback;
// and every admin route in the OpenAPI document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../src/alerts/index.js';
import { testBackends } from './fixtures/backends.js';
import { predictEach, registerRegressor, summariseWindows } from './fixtures/admin-seeds.js';
import { MODEL, startTestServer, type TestServer } from './fixtures/serving.js';

const OTHERS = ['alpha', 'bravo', 'charlie', 'delta'];

for (const backend of testBackends()) {
  describe.skipIf(backend.skipReason !== '')(`the admin model API on ${backend.name}${backend.skipReason ? ` (skipped: ${backend.skipReason})` : ''}`, () => {
    let t: TestServer;
    beforeAll(async () => {
      t = await startTestServer(backend);
      for (const name of OTHERS) await registerRegressor(t, name, { description: name === 'charlie' ? 'Forecasts HOUSE demand' : undefined });
      await registerRegressor(t, 'drifty', { reference: true, production: true, metrics: { rmse: 0.25 } });
      await t.registry.setAlias(MODEL, 'champion', 1, 'setup');
      await t.registry.setAlias(MODEL, 'challenger', 2, 'setup');
      await t.stores.traffic.setTraffic(MODEL, { canary: { version: 2, percent: 10 }, shadow: null }, 'setup');
      await predictEach(t, MODEL, [{ x1: 1, x2: 2, x3: 3 }, { x1: 2, x2: 2, x3: 3 }, { x1: 3, x2: 2, x3: 3 }, { x1: 4, x2: 2, x3: 3 }]);
      // Far outside the reference profile (x1 0..19, x2 -3..3, x3 0..4.75): every feature drifts.
      await predictEach(t, 'drifty', Array.from({ length: 30 }, (_, i) => ({ x1: 500 + i, x2: 90, x3: 400 + i })));
      await summariseWindows(t);
      const refused = await t.call('POST', `/v1/models/${MODEL}/predict`, { role: 'predictor', body: { records: [{ x1: 1, x2: 1000, x3: 3 }] } });
      expect(refused.status).toBe(422);
      await t.stores.monitoring.putRule({ model: MODEL, name: 'accuracy-drop', rule: { name: 'accuracy-drop', model: MODEL, metric: 'rmse', op: '>', threshold: 1, for: '0s', severity: 'critical', retrain: false }, createdBy: 'setup' });
      await t.stores.monitoring.putRule({ model: MODEL, name: 'slow', rule: { name: 'slow', model: MODEL, metric: 'p99_latency_ms', op: '>', threshold: 100, for: '0s', severity: 'warning', retrain: false }, createdBy: 'setup' });
      const firing = { status: 'firing', since: new Date().toISOString(), activeAt: new Date().toISOString(), firedAt: new Date().toISOString(), announced: true, lastValue: 3, evaluatedAt: new Date().toISOString() };
      await t.stores.monitoring.saveAlertState({ fingerprint: fingerprint({ model: MODEL, name: 'accuracy-drop' }), model: MODEL, ruleName: 'accuracy-drop', state: firing, silencedUntil: null });
    });
    afterAll(async () => t?.close());

    it('lists models by name a page at a time, with the total, and no gaps or duplicates across pages', async () => {
      const seen: string[] = [];
      for (let offset = 0; ; offset += 2) {
        const page = await t.call('GET', `/admin/models?limit=2&offset=${offset}`, { role: 'viewer' });
        expect(page.status).toBe(200);
        expect(page.body.total).toBe(6);
        if (page.body.models.length === 0) break;
        expect(page.body.models.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.models.map((m: { name: string }) => m.name));
      }
      expect(seen).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'drifty', MODEL]);
    });

    it('searches names and descriptions without regard to case', async () => {
      const found = await t.call('GET', '/admin/models?q=house', { role: 'viewer' });
      expect(found.body).toMatchObject({ total: 2 });
      expect(found.body.models.map((m: { name: string }) => m.name)).toEqual(['charlie', MODEL]);
    });

    it('shows stages, traffic and aliases, and health from the log, the counters and the alert states', async () => {
      const { body } = await t.call('GET', '/admin/models?q=house-prices', { role: 'viewer' });
      const [model] = body.models;
      expect(model).toMatchObject({
        name: MODEL, versionCount: 2, production: { version: 1, since: expect.any(String) }, staging: [],
        canary: { version: 2, percent: 10 }, shadow: null, aliases: { champion: 1, challenger: 2 },
      });
      expect(model.health).toMatchObject({ status: 'red', requestsPerMinute: 0.8, errorRate: 0.2, drift: 'unknown', driftShare: null, performance: 'red', firingAlerts: 1 });
      expect(model.health.p99LatencyMs).toBeGreaterThan(0);
    });

    it("colours drift from the production version's newest window, and falls back on its latency when idle", async () => {
      const { body } = await t.call('GET', '/admin/models?q=drifty', { role: 'viewer' });
      expect(body.models[0].health).toMatchObject({ drift: 'red', driftShare: 1, status: 'green', performance: 'unknown', firingAlerts: 0, requestsPerMinute: 6 });
      const idle = await t.call('GET', '/admin/models?q=alpha', { role: 'viewer' });
      expect(idle.body.models[0]).toMatchObject({ production: null, health: { status: 'unknown', requestsPerMinute: 0, errorRate: null, p99LatencyMs: null, drift: 'unknown' } });
    });

    it('refuses bad paging as problems naming the field, and callers without a key', async () => {
      const bad = await t.call('GET', '/admin/models?limit=0', { role: 'viewer' });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'querystring.limit' });
      expect((await t.call('GET', '/admin/models?limit=abc', { role: 'viewer' })).status).toBe(400);
      expect((await t.call('GET', '/admin/models', { role: null })).status).toBe(401);
    });

    it("shows a model's page: versions with aliases, metrics and lineage, traffic, policy, history oldest first", async () => {
      const { status, body } = await t.call('GET', '/admin/models/drifty', { role: 'viewer' });
      expect(status).toBe(200);
      expect(body.model).toMatchObject({ name: 'drifty' });
      expect(body.versions).toEqual([expect.objectContaining({ version: 1, stage: 'production', aliases: [], metrics: { rmse: 0.25 }, lineage: expect.objectContaining({ metrics: { rmse: 0.25 } }) })]);
      expect(body.traffic).toMatchObject({ model: 'drifty', canary: null, shadow: null });
      expect(body.policy).toMatchObject({ model: 'drifty', requireApproval: false });
      expect(body.history.map((e: { toStage: string }) => e.toStage)).toEqual(['registered', 'staging', 'production']);
      expect(body.pendingPromotions).toEqual([]);
      expect(body.health).toMatchObject({ drift: 'red' });
      const prices = await t.call('GET', `/admin/models/${MODEL}`, { role: 'viewer' });
      expect(prices.body.versions.map((v: { aliases: string[] }) => v.aliases)).toEqual([['champion'], ['challenger']]);
      expect(prices.body.traffic).toMatchObject({ canary: { version: 2, percent: 10 } });
    });

    it('answers 404 for an unknown model', async () => {
      const missing = await t.call('GET', '/admin/models/nope', { role: 'viewer' });
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('MODEL_NOT_FOUND');
    });

    it('rolls back to the previous production version for a deployer, not a viewer or predictor, and names the moves', async () => {
      await t.call('PUT', `/admin/models/${MODEL}/traffic`, { role: 'deployer', body: { canary: null } });
      await t.registry.promote(MODEL, 2, 'v2 is better', 'setup');
      for (const role of ['viewer', 'predictor'] as const) expect((await t.call('POST', `/admin/models/${MODEL}/rollback`, { role, body: { reason: 'v2 misbehaves' } })).status).toBe(403);
      expect((await t.call('POST', `/admin/models/${MODEL}/rollback`, { role: 'deployer', body: {} })).body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.reason' });
      const rolled = await t.call('POST', `/admin/models/${MODEL}/rollback`, { role: 'deployer', body: { reason: 'v2 misbehaves' } });
      expect(rolled.status).toBe(200);
      expect(rolled.body.moves).toEqual([
        { version: 2, from: 'production', to: 'decommissioned', reason: expect.stringMatching(/v2 misbehaves/) },
        { version: 1, from: 'decommissioned', to: 'production', reason: expect.stringMatching(/rollback from v2: v2 misbehaves/) },
      ]);
      const again = await t.call('POST', '/admin/models/drifty/rollback', { role: 'deployer', body: { reason: 'nothing before' } });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ILLEGAL_STAGE_TRANSITION');
    });

    it('documents every admin route in the OpenAPI document, with its parameters', async () => {
      const { body } = await t.call('GET', '/openapi.json', { role: null });
      const paths = body.paths as Record<string, Record<string, { parameters?: { name: string }[]; requestBody?: unknown }>>;
      for (const [path, method] of [
        ['/admin/models', 'get'], ['/admin/models/{name}', 'get'], ['/admin/models/{name}/rollback', 'post'],
        ['/admin/archive', 'get'], ['/admin/models/{name}/versions/{version}/archive', 'post'], ['/admin/archive/verify', 'post'],
        ['/admin/audit', 'get'], ['/admin/audit/export', 'get'], ['/admin/predictions', 'get'], ['/admin/predictions/{id}', 'get'],
        ['/admin/models/{name}/alerts', 'get'], ['/admin/models/{name}/alerts', 'post'], ['/admin/models/{name}/alerts/{rule}', 'delete'],
        ['/admin/models/{name}/alerts/{rule}/silence', 'post'], ['/admin/rules/{name}/diff', 'get'],
      ] as const) {
        expect(paths[path]?.[method], `${method} ${path}`).toBeDefined();
      }
      expect(paths['/admin/models']!.get!.parameters!.map((p) => p.name)).toEqual(['q', 'limit', 'offset']);
      expect(paths['/admin/predictions']!.get!.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['feature', 'value', 'label', 'minValue', 'maxValue', 'after']));
      expect(paths['/admin/models/{name}/alerts']!.post!.requestBody).toBeDefined();
    });
  });
}
