// A long-running server replays and explains predictions of many old versions through one ReplaySessions and one
// ExplainSessions: at most `capacity` onnxruntime sessions stay loaded, and the answers are the same as with fresh ones.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { explainLoggedPrediction, ExplainSessions, replayPrediction, ReplaySessions, type LoggedPredictionExplanation, type ReplayDeps } from '../src/archive/index.js';
import { FilesystemArtifactStore } from '../src/artifacts/index.js';
import { buildPackage } from '../src/package/index.js';
import { Registry } from '../src/registry/index.js';
import { ModelSession, type FeatureRecord } from '../src/runtime/index.js';
import { openMetadataStore, type PredictionRecord, type Stores } from '../src/store/index.js';
import { linearRegressorOnnx } from './fixtures/onnx-models.js';
import { regressorReference, regressorSpec } from './fixtures/packages.js';
import { tempDir } from './fixtures/test-databases.js';

const MODEL = 'house-prices';
const VERSIONS = 5;
const CAPACITY = 2;
const INPUTS: FeatureRecord[] = [{ x1: 1, x2: 2, x3: 3 }, { x1: -0.5, x2: 7, x3: 0.25 }];

/** Counts onnxruntime sessions loaded and not yet released, and the most ever alive at once. */
function countLiveSessions() {
  const counts = { alive: 0, maxAlive: 0, loads: 0, releases: 0 };
  const load = ModelSession.load.bind(ModelSession);
  const release = ModelSession.prototype.release;
  vi.spyOn(ModelSession, 'load').mockImplementation(async (...args) => {
    const session = await load(...args);
    counts.loads += 1;
    counts.alive += 1;
    counts.maxAlive = Math.max(counts.maxAlive, counts.alive);
    return session;
  });
  vi.spyOn(ModelSession.prototype, 'release').mockImplementation(async function (this: ModelSession) {
    counts.releases += 1;
    counts.alive -= 1;
    return release.call(this);
  });
  return counts;
}

describe(`ReplaySessions and ExplainSessions holding at most ${CAPACITY} of ${VERSIONS} versions`, () => {
  let home: string;
  let stores: Stores;
  let deps: ReplayDeps;
  /** Logged predictions, version by version: each version computes (v·x1 + 2·x2 + 3·x3 + v/2). */
  const logged: PredictionRecord[] = [];

  beforeAll(async () => {
    home = await tempDir('pitstop-session-capacity-');
    stores = await openMetadataStore(`sqlite:${path.join(home, 'pitstop.db')}`);
    const registry = new Registry(stores, new FilesystemArtifactStore(path.join(home, 'artifacts')));
    deps = { predictions: stores.predictions, registry };
    for (let v = 1; v <= VERSIONS; v++) {
      const built = await buildPackage({
        modelBytes: linearRegressorOnnx({ weights: [v, 2, 3], bias: v / 2 }), spec: regressorSpec({ version: `${v}.0.0` }),
        reference: regressorReference(), createdBy: 'setup', now: new Date(Date.UTC(2024, 0, v)),
      });
      const { version } = await registry.register(built.bytes, 'setup');
      const pkg = await registry.loadPackage(MODEL, version.version);
      const session = await ModelSession.load(pkg.modelBytes(), pkg.manifest);
      const outputs = await Promise.all(INPUTS.map(async (input) => (await session.predict([input]))[0]));
      await session.release();
      logged.push(...INPUTS.map((input, i) => ({
        id: `01HPCAPACITY${String(v).padStart(2, '0')}${String(i).padStart(12, '0')}`, at: new Date(Date.UTC(2024, 1, v)).toISOString(), model: MODEL,
        version: version.version, packageDigest: version.packageDigest, caller: null, requestId: null, route: 'primary' as const,
        input, output: JSON.parse(JSON.stringify(outputs[i])) as unknown, latencyMs: 1,
      })));
    }
    await stores.predictions.insertPredictions(logged);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await stores?.close();
    if (home) await fs.rm(home, { recursive: true, force: true });
  });

  it('replays every version in turn, twice over, bit for bit, never holding more than capacity sessions', async () => {
    const counts = countLiveSessions();
    const sessions = new ReplaySessions(deps.registry, { capacity: CAPACITY });
    // Round robin over the versions: the worst order for a cache, every use misses once it is full.
    const order = [...INPUTS.keys()].flatMap((i) => logged.filter((_, j) => j % INPUTS.length === i));
    const results = [];
    for (const prediction of [...order, ...order]) {
      results.push(await replayPrediction(deps, prediction.id, sessions));
      expect(counts.alive).toBeLessThanOrEqual(CAPACITY);
    }
    expect(results.map((r) => r.verdict)).toEqual(results.map(() => 'identical'));
    expect(counts.maxAlive).toBe(CAPACITY);
    expect(counts.loads).toBe(2 * order.length);
    expect(counts.releases).toBe(counts.loads - CAPACITY);
    await sessions.close();
    expect(counts.alive).toBe(0);
  });

  it('keeps a version loaded while its predictions are replayed one after another, reloading nothing', async () => {
    const counts = countLiveSessions();
    const sessions = new ReplaySessions(deps.registry, { capacity: CAPACITY });
    for (const prediction of logged) expect((await replayPrediction(deps, prediction.id, sessions)).verdict).toBe('identical');
    expect(counts.loads).toBe(VERSIONS);
    expect(counts.alive).toBeLessThanOrEqual(CAPACITY);
    await sessions.close();
    expect(counts.alive).toBe(0);
  });

  it('replays every prediction at once, identical, and is back within capacity when they are done', async () => {
    const counts = countLiveSessions();
    const sessions = new ReplaySessions(deps.registry, { capacity: CAPACITY });
    const results = await Promise.all(logged.map((prediction) => replayPrediction(deps, prediction.id, sessions)));
    expect(results.map((r) => r.verdict)).toEqual(results.map(() => 'identical'));
    // In use, every version may be loaded at once; each loads once however many of its predictions arrive together.
    expect(counts.loads).toBe(VERSIONS);
    expect(counts.alive).toBeLessThanOrEqual(CAPACITY);
    await sessions.close();
    expect(counts.alive).toBe(0);
  });

  it('checks the logged package digest on every replay, not only the one that loaded the session', async () => {
    const sessions = new ReplaySessions(deps.registry, { capacity: CAPACITY });
    const original = logged[0]!;
    const forged = { ...original, id: '01HPCAPACITYFORGED00000000', packageDigest: `sha256:${'0'.repeat(64)}` };
    await stores.predictions.insertPredictions([forged]);
    try {
      expect((await replayPrediction(deps, original.id, sessions)).verdict).toBe('identical');
      await expect(replayPrediction(deps, forged.id, sessions)).rejects.toMatchObject({ code: 'PACKAGE_DIGEST_MISMATCH', message: expect.stringMatching(/refusing to replay with another model/) });
    } finally {
      await sessions.close();
    }
  });

  it('explains predictions of every version with at most capacity sessions, as a fresh session would', async () => {
    const fresh: LoggedPredictionExplanation[] = [];
    for (const prediction of logged) fresh.push(await explainLoggedPrediction(deps, prediction.id, { method: 'sampling', pairs: 4 }));
    const counts = countLiveSessions();
    const sessions = new ExplainSessions(deps.registry, { capacity: CAPACITY });
    const cached: LoggedPredictionExplanation[] = [];
    for (const prediction of logged) {
      cached.push(await explainLoggedPrediction(deps, prediction.id, { method: 'sampling', pairs: 4 }, sessions));
      expect(counts.alive).toBeLessThanOrEqual(CAPACITY);
    }
    const untimed = (explanation: LoggedPredictionExplanation) => ({ ...explanation, elapsedMs: 0 });
    expect(cached.map(untimed)).toEqual(fresh.map(untimed));
    expect(counts.loads).toBe(VERSIONS);
    await sessions.close();
    expect(counts.alive).toBe(0);
  });
});
