// The fuzz suite: thousands of mutated requests over every route of the OpenAPI document, with every role, no key and a
// bad key. Whatever a caller sends, the answer is never a 5xx, and the server still answers valid requests after each
// batch. The generator is seeded (FUZZ_SEED, FUZZ_REQUESTS change the run), so a failure can be replayed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey } from '../src/serving/auth/index.js';
import { testBackends } from './fixtures/backends.js';
import { creditRules, loadCustomers } from './fixtures/credit-app.js';
import { RequestFuzzer, routesOf, type FuzzRequest, type FuzzRoute } from './fixtures/request-fuzzer.js';
import { MODEL, startTestServer, type TestServer } from './fixtures/serving.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 6000);
const BATCH = 250;
const CONCURRENCY = 16;

const [sqlite] = testBackends();

describe('fuzzing every route', () => {
  let t: TestServer;
  let checkerToken: string;
  let routes: FuzzRoute[];
  let predictionId: string;

  beforeAll(async () => {
    t = await startTestServer(sqlite!, {}, { withMonitoring: true });
    await loadCustomers(t.stores);
    expect((await t.call('POST', '/admin/rules', { role: 'deployer', body: { source: creditRules(10, MODEL) } })).status).toBe(201);
    const answered = await t.call('POST', `/v1/models/${MODEL}/predict`, { role: 'predictor', body: { records: [{ x1: 1, x2: 2, x3: 3 }] } });
    predictionId = answered.body.prediction_ids[0];
    // A key of its own for the checks between batches, so nothing the fuzzer does to the other keys' budgets counts.
    const checker = generateApiKey();
    await t.stores.keys.createKey({ id: checker.id, name: 'checker', role: 'admin', secretHash: checker.secretHash, salt: checker.salt, createdBy: 'setup', rateLimit: null });
    checkerToken = checker.token;
    routes = routesOf((await t.call('GET', '/openapi.json', { role: null })).body);
  });
  afterAll(async () => t?.close());

  const send = async (request: FuzzRequest) => {
    const authorization = request.role === null ? {} : { authorization: request.role === 'forged' ? 'Bearer psk_forged.000' : `Bearer ${t.keys[request.role as keyof typeof t.keys]}` };
    const response = await fetch(`${t.url}${request.url}`, { method: request.method, headers: { ...request.headers, ...authorization }, body: request.body });
    const text = await response.text();
    return { status: response.status, text };
  };

  const stillAnswers = async () => {
    const headers = { authorization: `Bearer ${checkerToken}`, 'content-type': 'application/json' };
    expect((await fetch(`${t.url}/v2/health/live`)).status).toBe(200);
    expect((await fetch(`${t.url}/admin/whoami`, { headers })).status).toBe(200);
    const predict = await fetch(`${t.url}/v1/models/${MODEL}/predict?version=1`, { method: 'POST', headers, body: JSON.stringify({ records: [{ x1: 1, x2: 2, x3: 3 }] }) });
    expect([200, 404, 409]).toContain(predict.status); // 404/409 only if the fuzzer archived or retired version 1
  };

  it(`answers ${REQUESTS} mutated requests over every route and role without a 5xx`, async () => {
    expect(routes.length).toBeGreaterThan(40);
    const fuzzer = new RequestFuzzer(SEED, {
      roles: ['admin', 'deployer', 'predictor', 'viewer', null, 'forged'],
      pathValues: {
        name: [MODEL, MODEL, 'credit', 'nope'], version: ['1', '2', '3', '0'], id: [predictionId, 'nope'], alias: ['beta', 'production'],
        rule: ['high-latency', 'nope'], table: ['customers', 'nope'], key: ['2', '9'],
      },
      seedBodies: {
        'POST /v1/models/{name}/predict': { records: [{ x1: 1, x2: 2, x3: 3 }] },
        'POST /v2/models/{name}/infer': { inputs: [{ name: 'input', datatype: 'FP32', shape: [1, 3], data: [1, 2, 3] }] },
        'POST /v2/models/{name}/versions/{version}/infer': { inputs: [{ name: 'input', datatype: 'FP32', shape: [1, 3], data: [1, 2, 3] }] },
        'POST /v1/apps/{name}/decide': { customer_id: 2, amount: 4 },
        'POST /v1/feedback': { prediction_id: predictionId, label: 1.5 },
        'POST /admin/rules': { source: creditRules(12, MODEL) },
        'POST /admin/rules/dry-run': { source: creditRules(12, MODEL) },
        'PUT /admin/models/{name}/traffic': { canary: { version: 2, percent: 10 } },
        'POST /admin/models/{name}/versions/{version}/stage': { stage: 'staging', reason: 'fuzz' },
        'PUT /admin/features/{table}/rows': { rows: [{ key: '7', values: { segment: 'retail', income: 1 } }] },
      },
    });
    const counts = new Map<number, number>();
    const failures: string[] = [];
    const started = performance.now();
    for (let done = 0; done < REQUESTS; done += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, REQUESTS - done) }, (_, i) => fuzzer.request(routes[(done + i) % routes.length]!));
      for (let i = 0; i < batch.length; i += CONCURRENCY) {
        await Promise.all(batch.slice(i, i + CONCURRENCY).map(async (request) => {
          const { status, text } = await send(request);
          counts.set(status, (counts.get(status) ?? 0) + 1);
          if (status >= 500 && failures.length < 10) failures.push(`${status} ${request.method} ${request.url.slice(0, 200)} [${request.role}] body ${String(request.body).slice(0, 200)} -> ${text.slice(0, 300)}`);
        }));
      }
      await stillAnswers();
    }
    const seconds = (performance.now() - started) / 1000;
    const byStatus = [...counts].sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${n}`).join(', ');
    console.log(`fuzz: ${REQUESTS} requests over ${routes.length} routes in ${seconds.toFixed(1)} s (seed ${SEED}); ${byStatus}`);
    expect(failures, failures.join('\n')).toEqual([]);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(REQUESTS);
  }, 180_000);
});
