// Makes one generation of the replay regression fixture (test/fixtures/replay-regression/<date>/): two models trained by
// Pitstop's own trainers, their .pitstop packages, and the predictions a real Pitstop server logged for them.
// test/replay-regression.test.ts replays every generation on every test run. Never remake an existing generation: add a
// new one beside it (see test/fixtures/replay-regression/README.md).
//
//   node --import tsx scripts/make-replay-fixture.ts [YYYY-MM-DD]    (default: today, UTC)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ulid } from 'ulid';
import { FilesystemArtifactStore } from '../src/artifacts/index.js';
import { seededRandom, tableFromRecords, type Table } from '../src/dataset/index.js';
import { Registry } from '../src/registry/index.js';
import { onnxRuntimeVersion } from '../src/runtime/index.js';
import { createPitstopServer } from '../src/serving/index.js';
import { openMetadataStore, type PredictionRecord, type Stores } from '../src/store/index.js';
import { runTraining, type TrainingRequest } from '../src/training/index.js';
import { currentPlatform, GENERATION_NAME, REPLAY_FIXTURE_ROOT, REPLAY_LOG_FILE, type LoggedModel, type ReplayLog } from '../test/fixtures/replay-fixtures.js';
import { tempDir } from '../test/fixtures/test-databases.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const ACTOR = 'make-replay-fixture';
const TRAINING_ROWS = 300;
/**
 * One record per request, so each logged answer was computed alone, as replay recomputes it. onnxruntime's linear
 * kernels round differently for a batch of 5 than for 1 (the last float32 bit of the ridge values), which would make a
 * batched log only within tolerance of its replay even on the runtime that made it.
 */
const REQUEST_SIZE = 1;
const CHANNELS = ['web', 'store', 'phone', 'partner'] as const;
const DAY_MS = 86_400_000;

type Row = Record<string, number | string | boolean | null>;

/** The models of one generation: a gbdt classifier and a ridge regressor, each with the in-graph feature pipeline. */
function trainingRequests(table: Table, label: string): TrainingRequest[] {
  const common = { kind: 'tabular', table, source: 'synthetic-customers', version: label, seed: 7, split: { validation: 0.1, holdout: 0.2 } } as const;
  return [
    {
      ...common, name: 'replay-churn', algorithm: 'gbdt', target: 'churned', exclude: ['spend'],
      description: 'Replay regression fixture: gbdt churn classifier over numeric, categorical, boolean and datetime features.',
      params: { nTrees: 20, maxDepth: 3, learningRate: 0.2, minLeaf: 10 },
      pipeline: {
        features: {
          amount: { impute: 'median', log: true, scale: null },
          tenure: { clip: { min: 0, max: 120 } },
          channel: { encode: 'onehot' },
          signup: { dateParts: ['year', 'month', 'dayofweek', 'dayofyear'] },
        },
      },
    },
    {
      ...common, name: 'replay-spend', algorithm: 'ridge', target: 'spend', exclude: ['churned'],
      description: 'Replay regression fixture: ridge regressor of spend over the same features.',
      params: { alpha: 1 },
      pipeline: {
        features: {
          amount: { clip: { min: 0, max: 5000 }, scale: 'standard' },
          channel: { encode: 'onehot' },
          signup: { dateParts: ['year', 'month'], scale: 'standard' },
        },
      },
    },
  ];
}

/** A customer table with a little of everything: missing numbers, categories and dates, booleans, and two targets. */
function syntheticCustomers(rows: number, seed: number): Table {
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const start = Date.UTC(2019, 0, 1);
  const records: Row[] = [];
  for (let i = 0; i < rows; i++) {
    const amount = Math.round(Math.exp(3.5 + normal()) * 100) / 100;
    const tenure = Math.floor(random() * 120);
    const channel = CHANNELS[Math.floor(random() * CHANNELS.length)]!;
    const promo = random() < 0.3;
    const signup = start + Math.floor(random() * 7 * 365) * DAY_MS + Math.floor(random() * DAY_MS / 1000) * 1000;
    const winter = [11, 0, 1].includes(new Date(signup).getUTCMonth()) ? 0.7 : 0;
    const churnLogit = 0.9 * Number(channel === 'phone') - 0.03 * tenure + 0.35 * Math.log1p(amount) - 0.8 * Number(promo) + winter - 0.5 + 0.5 * normal();
    records.push({
      amount: random() < 0.06 ? null : amount,
      tenure,
      channel: random() < 0.05 ? null : channel,
      promo: random() < 0.04 ? null : promo,
      signup: random() < 0.05 ? null : isoSeconds(signup),
      churned: churnLogit > 0 ? 'yes' : 'no',
      spend: Math.round((20 + 0.4 * amount + 6 * Number(channel === 'store') + 0.15 * tenure - 5 * Number(promo) + 4 * normal()) * 100) / 100,
    });
  }
  return tableFromRecords(records);
}

/** What callers send: typical records, then the edges (missing values, unknown categories, extreme numbers and dates). */
function probeRecords(seed: number): Row[] {
  const typical = tableRowsOf(syntheticCustomers(30, seed)).map(({ churned: _c, spend: _s, ...features }) => features);
  const base = { amount: 42.5, tenure: 24, channel: 'web', promo: false, signup: '2022-06-15T12:00:00Z' };
  const edges: Row[] = [
    { tenure: 12 }, // every optional feature left out
    { ...base, amount: null },
    { ...base, channel: 'carrier-pigeon' }, // a category the model never saw
    { ...base, channel: 'WEB' }, // case matters: unknown too
    { ...base, channel: null },
    { ...base, promo: null },
    { ...base, signup: null },
    { ...base, signup: Date.UTC(2023, 2, 4, 5, 6, 7) }, // epoch milliseconds
    { ...base, signup: '2024-02-29T23:59:59.999+05:30' },
    { ...base, signup: '2024-02-29' },
    { ...base, signup: '1970-01-01T00:00:00Z' },
    { ...base, signup: '1900-01-01T00:00:00Z' },
    { ...base, signup: '2099-12-31T23:59:59Z' },
    { ...base, amount: 0 },
    { ...base, amount: -250.75 },
    { ...base, amount: 1e-7 },
    { ...base, amount: 1e9 },
    { ...base, tenure: 0 },
    { ...base, tenure: 100_000 },
    { ...base, amount: 1e39, tenure: -5 }, // beyond float32: Infinity once in the tensor
  ];
  return [...typical, ...edges];
}

function tableRowsOf(table: Table): Row[] {
  return Array.from({ length: table.rowCount }, (_, i) => {
    const row: Row = {};
    for (const [name, column] of table.columns) {
      const value = column.values[i];
      row[name] = value === undefined || (typeof value === 'number' && Number.isNaN(value)) ? null : value;
    }
    return row;
  });
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Registers the packages into an empty registry, serves them, sends the probes, and returns what the log stored. */
async function logPredictions(stores: Stores, home: string, packages: { name: string; bytes: Buffer }[], probes: Row[]): Promise<Map<string, { version: number; predictions: PredictionRecord[] }>> {
  const registry = new Registry(stores, new FilesystemArtifactStore(path.join(home, 'artifacts')));
  const versions = new Map<string, number>();
  for (const { name, bytes } of packages) {
    const { version } = await registry.register(bytes, ACTOR);
    await registry.setStage(name, version.version, 'staging', 'replay fixture', ACTOR);
    await registry.setStage(name, version.version, 'production', 'replay fixture', ACTOR);
    versions.set(name, version.version);
  }
  const server = await createPitstopServer(stores, registry, { home, auth: 'disabled', logLevel: 'silent' });
  try {
    for (const { name } of packages) {
      for (let start = 0; start < probes.length; start += REQUEST_SIZE) {
        const response = await server.app.inject({ method: 'POST', url: `/v1/models/${name}/predict`, payload: { records: probes.slice(start, start + REQUEST_SIZE) } });
        if (response.statusCode !== 200) throw new Error(`${name}: records ${start}..: HTTP ${response.statusCode} ${response.body}`);
      }
    }
    await server.log.flush();
  } finally {
    await server.close();
  }
  const logged = new Map<string, { version: number; predictions: PredictionRecord[] }>();
  for (const { name } of packages) {
    const predictions = await stores.predictions.listPredictions({ model: name });
    if (predictions.length !== probes.length) throw new Error(`${name}: the log holds ${predictions.length} predictions, ${probes.length} were made`);
    logged.set(name, { version: versions.get(name)!, predictions });
  }
  return logged;
}

async function makeGeneration(generation: string): Promise<void> {
  const folder = path.join(REPLAY_FIXTURE_ROOT, generation);
  // mkdir without `recursive` fails when the folder exists: an existing generation is never overwritten.
  await fs.mkdir(REPLAY_FIXTURE_ROOT, { recursive: true });
  try {
    await fs.mkdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`${path.relative(ROOT, folder)} exists; a generation is never remade (read ${path.relative(ROOT, REPLAY_FIXTURE_ROOT)}/README.md)`);
    throw error;
  }
  const home = await tempDir('pitstop-replay-fixture-');
  const stores = await openMetadataStore(`sqlite:${path.join(home, 'pitstop.db')}`);
  try {
    const madeAt = new Date();
    const requests = trainingRequests(syntheticCustomers(TRAINING_ROWS, 20261124), generation);
    const packages: { name: string; file: string; bytes: Buffer; digest: string; algorithm: string; task: string }[] = [];
    for (const request of requests) {
      const file = `${request.name}.pitstop`;
      const { run, built } = await runTraining(request, path.join(folder, file), { runs: stores.runs, actor: ACTOR, runId: ulid(), clock: () => madeAt });
      packages.push({ name: request.name, file, bytes: built.bytes, digest: built.digest, algorithm: run.algorithm, task: built.manifest.task });
    }
    const logged = await logPredictions(stores, home, packages, probeRecords(1124));
    const models: LoggedModel[] = packages.map(({ name, file, digest, algorithm, task }) => ({
      name, algorithm, task, package: file, packageDigest: digest, version: logged.get(name)!.version, predictions: logged.get(name)!.predictions,
    }));
    const log: ReplayLog = {
      format: 1, generation, madeAt: madeAt.toISOString(),
      madeWith: { script: 'scripts/make-replay-fixture.ts', pitstop: await pitstopVersion(), gitCommit: gitCommit(), onnxruntime: onnxRuntimeVersion(), node: process.version, platform: currentPlatform() },
      models,
    };
    await fs.writeFile(path.join(folder, REPLAY_LOG_FILE), `${JSON.stringify(log, null, 2)}\n`, { flag: 'wx' });
    for (const name of (await fs.readdir(folder)).sort()) console.log(`wrote ${path.relative(ROOT, path.join(folder, name))} (${(await fs.stat(path.join(folder, name))).size} bytes)`);
  } catch (error) {
    await fs.rm(folder, { recursive: true, force: true });
    throw error;
  } finally {
    await stores.close();
    await fs.rm(home, { recursive: true, force: true });
  }
}

async function pitstopVersion(): Promise<string> {
  return (JSON.parse(await fs.readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

const generation = process.argv[2] ?? new Date().toISOString().slice(0, 10);
if (!GENERATION_NAME.test(generation)) {
  console.error(`the generation is named for a day, YYYY-MM-DD, not "${generation}"`);
  process.exit(2);
}
try {
  await makeGeneration(generation);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
