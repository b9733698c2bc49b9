// The prediction log for the admin GUI over HTTP: keyset pages in both orders without gaps or duplicates, filters on
// model, version, time, id, an input feature's value, the predicted label and value; one prediction with its labels
// and the application decision that made it; and what changed between two versions of that application's rule set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { predictEach } from './fixtures/admin-seeds.js';
import { buildClassifierPackage } from './fixtures/packages.js';
import { MODEL, startTestServer, type TestServer } from './fixtures/serving.js';
import { testBackends } from './fixtures/backends.js';

const rules = (x2: number) => `name: pricing
route:
  - id: scored
    model: { name: ${MODEL}, input: { x1: request.a, x2: ${x2}, x3: 1 } }
`;

interface Listed { id: string; version: number; input: Record<string, unknown>; output: { value?: number; label?: string } }

for (const backend of testBackends()) {
  describe.skipIf(backend.skipReason !== '')(`the admin prediction API on ${backend.name}${backend.skipReason ? ` (skipped: ${backend.skipReason})` : ''}`, () => {
    let t: TestServer;
    let v1Ids: string[];
    let v2Ids: string[];
    let decided: { prediction_id: string };
    const list = async (query: string) => {
      const response = await t.call('GET', `/admin/predictions?${query}`, { role: 'viewer' });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body as { predictions: Listed[]; next: string | null };
    };
    /** Every page of a query, following next. */
    const allPages = async (query: string) => {
      const pages: Listed[][] = [];
      let after: string | null = null;
      do {
        const page = await list(`${query}${after ? `&after=${after}` : ''}`);
        pages.push(page.predictions);
        after = page.next;
      } while (after !== null);
      return pages;
    };
    beforeAll(async () => {
      t = await startTestServer(backend);
      await t.registry.register((await buildClassifierPackage()).bytes, 'setup');
      await t.registry.promote('iris-species', 1, 'seeded', 'setup');
      await t.registry.setStage(MODEL, 2, 'staging', 'seeded', 'setup');
      v1Ids = await predictEach(t, MODEL, Array.from({ length: 7 }, (_, i) => ({ x1: i, x2: i % 2, x3: 1 })));
      await t.server.deployment.sync(true);
      v2Ids = [];
      for (const x1 of [10, 11]) {
        const pinned = await t.call('POST', `/v1/models/${MODEL}/predict?version=2`, { role: 'predictor', body: { records: [{ x1, x2: 0, x3: 0 }] } });
        v2Ids.push(...pinned.body.prediction_ids);
      }
      await predictEach(t, 'iris-species', [{ petal_length: 1, petal_width: 0.2 }, { petal_length: 6, petal_width: 2.2 }]);
      await t.call('POST', '/v1/feedback', { role: 'predictor', body: { prediction_id: v1Ids[3], actual: 9 } });
      await t.call('POST', '/v1/feedback', { role: 'predictor', body: { prediction_id: v1Ids[3], actual: 9.5, correct: true, reason: 'remeasured' } });
      expect((await t.call('POST', '/admin/rules', { role: 'deployer', body: { source: rules(1) } })).status).toBe(201);
      expect((await t.call('POST', '/admin/rules', { role: 'deployer', body: { source: rules(2), description: 'x2 is 2 now' } })).status).toBe(201);
      await t.server.deployment.sync(true);
      decided = (await t.call('POST', '/v1/apps/pricing/decide', { role: 'predictor', body: { a: 42 } })).body;
      await t.server.log.flush();
      await t.server.decisionLog.flush();
    });
    afterAll(async () => t?.close());

    it('pages a model\'s predictions by id, oldest first, without gaps or duplicates, and says when there are no more', async () => {
      const pages = await allPages(`model=${MODEL}&limit=3`);
      expect(pages.map((p) => p.length)).toEqual([3, 3, 3, 1]);
      const ids = pages.flat().map((p) => p.id);
      expect(ids).toEqual([...v1Ids, ...v2Ids, decided.prediction_id].sort());
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('pages newest first with order=desc, next still going on from where the page ended', async () => {
      const pages = await allPages(`model=${MODEL}&limit=4&order=desc`);
      expect(pages.flat().map((p) => p.id)).toEqual([...v1Ids, ...v2Ids, decided.prediction_id].sort().reverse());
    });

    it('filters by version, id and time', async () => {
      expect((await list(`model=${MODEL}&version=2`)).predictions.map((p) => p.id)).toEqual(v2Ids);
      expect((await list(`id=${v1Ids[4]}`)).predictions.map((p) => p.id)).toEqual([v1Ids[4]]);
      expect((await list(`model=${MODEL}&from=2999-01-01T00:00:00%2B02:00`)).predictions).toEqual([]);
      expect((await list(`model=${MODEL}&to=2999-01-01`)).predictions).toHaveLength(10);
    });

    it("filters on an input feature's value, numbers matched as written, and on the feature being set", async () => {
      expect((await list(`model=${MODEL}&feature=x1&value=3`)).predictions.map((p) => p.id)).toEqual([v1Ids[3]]);
      expect((await list(`model=${MODEL}&version=1&feature=x2&value=1`)).predictions.map((p) => p.input.x1)).toEqual([1, 3, 5]);
      expect((await list('feature=petal_length')).predictions).toHaveLength(2);
      expect((await list('feature=x1&value=nothing')).predictions).toEqual([]);
    });

    it('filters on the predicted label and on bounds of the predicted value', async () => {
      const setosa = await list('label=setosa');
      expect(setosa.predictions.map((p) => p.output.label)).toEqual(['setosa']);
      // v1: x1 + 2·x2 + 3·x3 + 0.5 → 3.5, 6.5, 5.5, 8.5, 7.5, 10.5, 9.5 for x1 = 0..6.
      const bounded = await list(`model=${MODEL}&version=1&minValue=7.5&maxValue=9.5`);
      expect(bounded.predictions.map((p) => p.output.value)).toEqual([8.5, 7.5, 9.5]);
    });

    it('refuses bad filters as problems naming the field', async () => {
      for (const [query, field] of [
        ['value=3', 'querystring.feature'], ['feature=x1%22%29&value=1', 'querystring.feature'], ['from=yesterday', 'querystring.from'],
        ['minValue=5&maxValue=1', 'querystring.minValue'], ['limit=501', 'querystring.limit'], ['version=zero', 'querystring.version'], ['order=sideways', 'querystring.order'],
      ] as const) {
        const response = await t.call('GET', `/admin/predictions?${query}`, { role: 'viewer' });
        expect(response.status, query).toBe(400);
        expect(response.body, query).toMatchObject({ code: 'VALIDATION_FAILED', field });
      }
      expect((await t.call('GET', '/admin/predictions', { role: null })).status).toBe(401);
    });

    it('shows one prediction with its labels, corrections included, and no decision when none made it', async () => {
      const { status, body } = await t.call('GET', `/admin/predictions/${v1Ids[3]}`, { role: 'viewer' });
      expect(status).toBe(200);
      expect(body.prediction).toMatchObject({ id: v1Ids[3], model: MODEL, version: 1, input: { x1: 3, x2: 1, x3: 1 } });
      expect(body.labels.map((l: { actual: number; supersedes: number | null }) => l.actual)).toEqual([9, 9.5]);
      expect(body.labels[1].supersedes).toBe(body.labels[0].id);
      expect(body.decision).toBeNull();
    });

    it('shows the application decision that made a prediction', async () => {
      const { body } = await t.call('GET', `/admin/predictions/${decided.prediction_id}`, { role: 'viewer' });
      expect(body.prediction.input).toEqual({ x1: 42, x2: 2, x3: 1 });
      expect(body.decision).toMatchObject({ app: 'pricing', ruleSetVersion: 2, ruleId: 'scored', predictionId: decided.prediction_id });
      expect(body.labels).toEqual([]);
    });

    it('answers 404 for an unknown prediction', async () => {
      const missing = await t.call('GET', '/admin/predictions/01NOPE', { role: 'viewer' });
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('PREDICTION_NOT_FOUND');
    });

    it('diffs two versions of a rule set, by default the latest against the one before', async () => {
      const diff = await t.call('GET', '/admin/rules/pricing/diff', { role: 'viewer' });
      expect(diff.status).toBe(200);
      expect(diff.body).toMatchObject({ name: 'pricing', from: 1, to: 2 });
      expect(diff.body.lines.filter((l: { kind: string }) => l.kind !== 'same')).toEqual([
        { kind: 'removed', text: `    model: { name: ${MODEL}, input: { x1: request.a, x2: 1, x3: 1 } }` },
        { kind: 'added', text: `    model: { name: ${MODEL}, input: { x1: request.a, x2: 2, x3: 1 } }` },
      ]);
      const same = await t.call('GET', '/admin/rules/pricing/diff?from=2&to=2', { role: 'viewer' });
      expect(same.body.lines.every((l: { kind: string }) => l.kind === 'same')).toBe(true);
      const missing = await t.call('GET', '/admin/rules/pricing/diff?from=7', { role: 'viewer' });
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ code: 'APP_NOT_FOUND', field: 'querystring.from' });
      expect((await t.call('GET', '/admin/rules/nothing/diff', { role: 'viewer' })).status).toBe(404);
    });
  });
}
