// Labels for logged predictions over real HTTP, on SQLite and PostgreSQL: POST /v1/feedback (one or a batch, conflicts,
// corrections, unknown ids, bad shapes) and GET /v1/predictions/{id}/labels. The prediction log of this server only
// writes when something flushes it, so every label here arrives before its prediction is in the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from './fixtures/backends.js';
import { MODEL, startTestServer, type TestServer } from './fixtures/serving.js';

for (const backend of testBackends()) {
  describe.skipIf(backend.skipReason !== '')(`feedback on ${backend.name}${backend.skipReason ? ` (skipped: ${backend.skipReason})` : ''}`, () => {
    let t: TestServer;
    beforeAll(async () => {
      t = await startTestServer(backend, { predictionLogFlushMs: 3_600_000 });
    });
    afterAll(async () => t?.close());

    /** Asks for `count` predictions and returns their ids, as the application would keep them. */
    async function predict(count = 1): Promise<string[]> {
      const answer = await t.call('POST', `/v1/models/${MODEL}/predict`, { role: 'predictor', body: { records: Array.from({ length: count }, (_, i) => ({ x1: i, x2: 1, x3: 1 })) } });
      expect(answer.status).toBe(200);
      return answer.body.prediction_ids;
    }
    const feedback = (body: unknown, role: 'predictor' | 'viewer' | null = 'predictor') => t.call('POST', '/v1/feedback', { role, body });
    const history = (id: string) => t.call('GET', `/v1/predictions/${id}/labels`, { role: 'viewer' });

    it('labels a prediction sent the moment its answer came back, before the log has written it', async () => {
      const [id] = await predict();
      expect(await t.stores.predictions.getPrediction(id!)).toBeUndefined();
      const stored = await feedback({ prediction_id: id, actual: 231.5 });
      expect(stored.status).toBe(201);
      expect(stored.body).toEqual({ labels: [{ id: expect.any(Number), prediction_id: id, supersedes: null }] });
      const listed = await history(id!);
      expect(listed.body).toEqual({ prediction_id: id, labels: [{ id: stored.body.labels[0].id, actual: 231.5, labelled_at: expect.any(String), labelled_by: expect.stringMatching(/^psk_/), supersedes: null, reason: null }] });
    });

    it('refuses a second label with a 409 problem naming the field; a correction supersedes the first', async () => {
      const [id] = await predict();
      const first = await feedback({ prediction_id: id, actual: 'cheap' });
      expect(first.status).toBe(201);
      const again = await feedback({ prediction_id: id, actual: 'expensive' });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'LABEL_CONFLICT', field: 'prediction_id', errors: [{ field: 'prediction_id', message: expect.stringContaining('already has label') }] });
      const corrected = await feedback({ prediction_id: id, actual: 'expensive', correct: true, reason: 'appraisal came in' });
      expect(corrected.status).toBe(201);
      expect(corrected.body.labels[0].supersedes).toBe(first.body.labels[0].id);
      const listed = (await history(id!)).body.labels;
      expect(listed.map((l: { actual: string; reason: string | null }) => [l.actual, l.reason])).toEqual([['cheap', null], ['expensive', 'appraisal came in']]);
    });

    it('stores a batch of numbers, text and booleans in one request, in the order sent', async () => {
      const ids = await predict(3);
      const stored = await feedback({ labels: [{ prediction_id: ids[2], actual: true }, { prediction_id: ids[0], actual: 7 }, { prediction_id: ids[1], actual: '7', reason: 'as text' }] });
      expect(stored.status).toBe(201);
      expect(stored.body.labels.map((l: { prediction_id: string }) => l.prediction_id)).toEqual([ids[2], ids[0], ids[1]]);
      expect([(await history(ids[0]!)).body.labels[0].actual, (await history(ids[1]!)).body.labels[0].actual, (await history(ids[2]!)).body.labels[0].actual]).toEqual([7, '7', true]);
    });

    it('answers 404 naming the field for an unknown id, and stores nothing of a batch holding one', async () => {
      const single = await feedback({ prediction_id: '01HNOSUCHPREDICTION0000000', actual: 1 });
      expect(single.status).toBe(404);
      expect(single.body).toMatchObject({ code: 'PREDICTION_NOT_FOUND', field: 'prediction_id', detail: expect.stringContaining('01HNOSUCHPREDICTION0000000') });
      const ids = await predict(2);
      const batch = await feedback({ labels: [{ prediction_id: ids[0], actual: 1 }, { prediction_id: 'nope', actual: 2 }, { prediction_id: ids[1], actual: 3 }] });
      expect(batch.status).toBe(404);
      expect(batch.body).toMatchObject({ code: 'PREDICTION_NOT_FOUND', field: 'labels[1].prediction_id', errors: [{ field: 'labels[1].prediction_id' }] });
      for (const id of ids) expect((await history(id)).body.labels).toEqual([]);
      expect((await history('nope')).status).toBe(404);
    });

    it('needs the predictor role to send labels and the viewer role to read them', async () => {
      const [id] = await predict();
      expect((await feedback({ prediction_id: id, actual: 1 }, null)).status).toBe(401);
      expect((await feedback({ prediction_id: id, actual: 1 }, 'viewer')).status).toBe(403);
      expect((await t.call('GET', `/v1/predictions/${id}/labels`, { role: null })).status).toBe(401);
      expect((await feedback({ prediction_id: id, actual: 1 })).status).toBe(201);
      const openapi = await t.call('GET', '/openapi.json', { role: null });
      expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/v1/feedback', '/v1/predictions/{id}/labels']));
    });

    describe('a body of the wrong shape gets a 400 problem naming the field, and stores nothing', () => {
      const id = '01HSOMEID';
      const cases: [string, unknown, string][] = [
        ['a null label', { prediction_id: id, actual: null }, 'actual'],
        ['an object label', { prediction_id: id, actual: { value: 1 } }, 'actual'],
        ['a one-element array label (Ajv would unwrap it)', { prediction_id: id, actual: [1] }, 'actual'],
        ['a numeric prediction id (Ajv would make it text)', { prediction_id: 123, actual: 1 }, 'prediction_id'],
        ['no label', { prediction_id: id }, 'actual'],
        ['an unknown field', { prediction_id: id, actual: 1, confidence: 0.9 }, 'body'],
        ['correct that is not a boolean', { prediction_id: id, actual: 1, correct: 'yes' }, 'correct'],
        ['an empty batch', { labels: [] }, 'labels'],
        ['a batch that is not a list', { labels: { prediction_id: id, actual: 1 } }, 'labels'],
        ['a wrong type inside a batch', { labels: [{ prediction_id: id, actual: 1 }, { prediction_id: id, actual: null }] }, 'labels[1].actual'],
        ['more than 10,000 labels', { labels: Array.from({ length: 10_001 }, (_, i) => ({ prediction_id: `p${i}`, actual: 1 })) }, 'labels'],
        ['a list instead of an object', [{ prediction_id: id, actual: 1 }], 'body'],
      ];
      for (const [what, body, field] of cases) {
        it(`${what} → 400 (${field})`, async () => {
          const response = await feedback(body);
          expect(response.status).toBe(400);
          expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', field, detail: expect.any(String) });
        });
      }
    });
  });
}
