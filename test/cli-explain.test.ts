// `pitstop explain` as a user runs it, and GET /v1/predictions/{id}/explanation: a logged prediction of a trained GBDT
// (pipeline inside the graph) explained per raw feature, a new one explained from --input, and readable refusals.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainedSyntheticPackage, withoutTarget, type SyntheticRecord } from '../src/archive/explain-test-data.js';
import { openMetadataStore, type PredictionRecord, type Stores } from '../src/store/index.js';
import { testBackends } from './fixtures/backends.js';
import { runCli, runCliJson } from './fixtures/run-cli.js';
import { startTestServer, type TestServer } from './fixtures/serving.js';
import { tempDir } from './fixtures/test-databases.js';

const MODEL = 'synthetic-gbdt-regression';
let trained: { bytes: Uint8Array; records: SyntheticRecord[] };
beforeAll(async () => {
  trained = await trainedSyntheticPackage('gbdt', 'regression', { nTrees: 20 });
});

function logged(id: string, input: Record<string, unknown>, packageDigest: string): PredictionRecord {
  return {
    id, at: '2024-03-01T00:00:00.000Z', model: MODEL, version: 1, packageDigest, caller: null, requestId: null, route: 'primary',
    input, output: { value: 0 }, latencyMs: 1,
  };
}

describe('pitstop explain', () => {
  const opened: Stores[] = [];
  afterAll(async () => {
    for (const stores of opened) await stores.close();
  });

  it('explains a logged prediction per raw feature, a new one from --input, and refuses what it cannot explain in one line', async () => {
    const work = await tempDir('pitstop-explain-');
    const home = path.join(work, 'home');
    const env = { PITSTOP_HOME: home };
    await fs.writeFile(path.join(work, 'model.pitstop'), trained.bytes);
    const { version } = await runCliJson<{ version: { version: number; packageDigest: string } }>(['register', 'model.pitstop'], { env, cwd: work });
    const stores = await openMetadataStore(`sqlite:${home}/pitstop.db`);
    opened.push(stores);
    const input = withoutTarget(trained.records[3]!);
    await stores.predictions.insertPredictions([
      logged('01HPEXPLAIN0000000000000001', input, version.packageDigest),
      logged('01HPEXPLAIN0000000000000002', input, `sha256:${'0'.repeat(64)}`),
    ]);

    const human = await runCli(['explain', '01HPEXPLAIN0000000000000001', '--top', '2'], { env });
    expect(human.code).toBe(0);
    const lines = human.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`01HPEXPLAIN0000000000000001: ${MODEL} v1, tree-shap, explains predicted value of y`);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^ {2}The predicted value of y is [\d.]+, compared with [\d.]+ on average\.$/),
      expect.stringMatching(/^ {2}(x1|x2|colour|day) = \S+ (raised|lowered) the predicted value of y by [\d.]+\.$/),
      expect.stringMatching(/^ {2}(x1|x2|colour|day) = \S+ (raised|lowered) the predicted value of y by [\d.]+\.$/),
      expect.stringMatching(/^ {2}The 2 other features together (raised|lowered|did not change) it/),
    ]);

    const fresh = await runCliJson<{ model: string; version: number; method: string; contributions: { feature: string; value: unknown }[]; sentences: string[] }>(
      ['explain', '--model', MODEL, '--model-version', '1', '--input', JSON.stringify(input), '--method', 'sampling'], { env },
    );
    expect(fresh).toMatchObject({ model: MODEL, version: 1, method: 'sampling' });
    expect(fresh.contributions.map((item) => [item.feature, item.value])).toEqual(Object.entries(input));
    expect(fresh.sentences).toContainEqual(expect.stringMatching(new RegExp(`^colour = ${input.colour} .* \\(give or take [\\d.]+\\)\\.$`)));

    const unknown = await runCli(['explain', '01HPNOSUCHPREDICTION000000'], { env });
    expect([unknown.code, unknown.stderr.trim().split('\n')]).toEqual([3, ['pitstop: PREDICTION_NOT_FOUND: no logged prediction 01HPNOSUCHPREDICTION000000']]);
    const tampered = await runCli(['explain', '01HPEXPLAIN0000000000000002'], { env });
    expect(tampered.code).toBe(5);
    expect(tampered.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^pitstop: PACKAGE_DIGEST_MISMATCH: prediction 01HPEXPLAIN0000000000000002 was made by package sha256:0+, but .* refusing to explain it with another model$/)]);
  });
});

const sqlite = testBackends().find((backend) => backend.name === 'sqlite')!;

describe('GET /v1/predictions/{id}/explanation', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(sqlite);
    await t.registry.register(trained.bytes, 'setup');
    await t.registry.setStage(MODEL, 1, 'staging', 'test', 'setup');
    await t.registry.setStage(MODEL, 1, 'production', 'test', 'setup');
    await t.server.deployment.sync();
  });
  afterAll(async () => t?.close());

  it('explains a served prediction for a viewer, exactly or by sampling, and answers 404 and 401 as problems', async () => {
    const input = withoutTarget(trained.records[9]!);
    const served = await t.call('POST', `/v1/models/${MODEL}/predict`, { role: 'predictor', body: { records: [input] } });
    expect(served.status).toBe(200);
    const id = served.body.prediction_ids[0] as string;
    await t.server.log.flush();

    const exact = await t.call('GET', `/v1/predictions/${id}/explanation?top=1`, { role: 'viewer' });
    expect(exact.status).toBe(200);
    expect(exact.body).toMatchObject({ predictionId: id, model: MODEL, version: 1, method: 'tree-shap', quantity: 'predicted value of y', columns: 10 });
    expect(exact.body.contributions.map((item: { feature: string }) => item.feature)).toEqual(['x1', 'x2', 'colour', 'day']);
    const sum = exact.body.contributions.reduce((total: number, item: { contribution: number }) => total + item.contribution, 0);
    expect(Math.abs(exact.body.baseline + sum - served.body.predictions[0].value)).toBeLessThan(1e-4);
    expect(exact.body.sentences).toHaveLength(3);

    const sampled = await t.call('GET', `/v1/predictions/${id}/explanation?method=sampling`, { role: 'viewer' });
    expect(sampled.body).toMatchObject({ method: 'sampling', background: { source: 'reference-profile', records: 64 } });
    expect(sampled.body.contributions[0].standardError).toBeGreaterThan(0);

    expect((await t.call('GET', '/v1/predictions/01NOSUCHPREDICTION0000000/explanation', { role: 'viewer' })).body).toMatchObject({ status: 404, errors: [{ field: 'prediction_id' }] });
    expect((await t.call('GET', `/v1/predictions/${id}/explanation?method=exact`, { role: 'viewer' })).status).toBe(400);
    expect((await t.call('GET', `/v1/predictions/${id}/explanation`, { role: null })).status).toBe(401);
  });
});
