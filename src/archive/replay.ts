// Replays logged decisions: loads the exact package that made a prediction, re-runs it on the logged input, and says
// whether the answer is the same (bit for bit on this runtime; within a stated tolerance across runtime versions).
import { PitstopError } from '../errors/index.js';
import type { Registry } from '../registry/index.js';
import { ModelSession, onnxRuntimeVersion, type FeatureRecord } from '../runtime/index.js';
import type { PredictionLogStore, PredictionRecord } from '../store/index.js';
import { LoadedSessionCache, type LoadedSessionCacheOptions } from './loaded-session-cache.js';

/** The largest difference still called a match when the runtime changed, relative to the logged number above 1 (see allowedDifference): float32 models differ in the last bits at most. */
export const REPLAY_TOLERANCE = 1e-5;

export interface ReplayResult {
  readonly predictionId: string;
  readonly model: string;
  readonly version: number;
  readonly packageDigest: string;
  /** identical: every number equal bit for bit; within-tolerance: within REPLAY_TOLERANCE × max(1, |logged|); different. */
  readonly verdict: 'identical' | 'within-tolerance' | 'different';
  readonly maxAbsDifference: number;
  readonly tolerance: number;
  readonly runtime: string;
  readonly logged: unknown;
  readonly replayed: unknown;
  /** Paths in the output that differ (beyond the tolerance), e.g. `probabilities.yes`. */
  readonly differences: string[];
  readonly loadMs: number;
  readonly runMs: number;
  /**
   * How the answer was re-run: `batch` re-ran every logged record of the original model run (batched runs can differ
   * from a run of one row in the last bits), `single` ran this record alone (it was alone, or the run is incomplete).
   */
  readonly rerun: { readonly mode: 'batch' | 'single'; readonly originalRunSize: number; readonly note?: string };
}

export interface ReplayDeps {
  readonly predictions: PredictionLogStore;
  readonly registry: Registry;
}

/** A version's session, with the digest of the package it was loaded from and how long loading took. */
export interface LoadedReplaySession {
  readonly session: ModelSession;
  readonly packageDigest: string;
  readonly loadMs: number;
}

/**
 * Sessions of the versions replayed recently, so replaying many predictions of the same few versions loads each once.
 * At most `capacity` stay loaded between uses (see LoadedSessionCache); a bulk run passes KEEP_UNTIL_CLOSED.
 */
export class ReplaySessions {
  private readonly cache: LoadedSessionCache<LoadedReplaySession>;

  constructor(private readonly registry: Registry, options: LoadedSessionCacheOptions = {}) {
    this.cache = new LoadedSessionCache((loaded) => loaded.session.release(), options);
  }

  /**
   * Runs fn with the session of the version that made the prediction, held loaded until fn settles. Throws
   * PACKAGE_DIGEST_MISMATCH when that version's package is not the one the log names.
   */
  use<R>(prediction: PredictionRecord, fn: (loaded: LoadedReplaySession) => Promise<R>): Promise<R> {
    return this.cache.use(`${prediction.model}@${prediction.version}`, () => this.load(prediction), async (loaded) => {
      // Checked on every use, not only the first: the log could name another package for a later prediction.
      if (!madeBy(prediction, loaded.packageDigest)) {
        throw new PitstopError('PACKAGE_DIGEST_MISMATCH', `prediction ${prediction.id} was made by package ${prediction.packageDigest}, but ${prediction.model} v${prediction.version} is now ${loaded.packageDigest}; refusing to replay with another model`, { field: 'packageDigest' });
      }
      return fn(loaded);
    });
  }

  /** Releases every session, after the replays under way finish. */
  close(): Promise<void> {
    return this.cache.close();
  }

  private async load(prediction: PredictionRecord): Promise<LoadedReplaySession> {
    const started = performance.now();
    const loaded = await this.registry.loadPackage(prediction.model, prediction.version);
    const session = await ModelSession.load(loaded.modelBytes(), loaded.manifest);
    return { session, packageDigest: loaded.digest, loadMs: performance.now() - started };
  }
}

/** Whether a logged prediction was made by the package with this digest (the log may keep it with or without `sha256:`). */
export function madeBy(prediction: Pick<PredictionRecord, 'packageDigest'>, digest: string): boolean {
  return prediction.packageDigest === digest || prediction.packageDigest === `sha256:${digest}`;
}

export async function replayPrediction(deps: ReplayDeps, id: string, sessions?: ReplaySessions): Promise<ReplayResult> {
  const prediction = await deps.predictions.getPrediction(id);
  if (!prediction) throw new PitstopError('PREDICTION_NOT_FOUND', `no logged prediction ${id}`, { field: 'prediction_id' });
  const own = sessions ?? new ReplaySessions(deps.registry);
  try {
    return await replayRecord(prediction, own, deps.predictions);
  } finally {
    if (!sessions) await own.close();
  }
}

export async function replayRecord(prediction: PredictionRecord, sessions: ReplaySessions, log?: Pick<PredictionLogStore, 'listRun'>): Promise<ReplayResult> {
  const { records, index, rerun } = await originalRun(prediction, log);
  const { output, loadMs, runMs } = await sessions.use(prediction, async ({ session, loadMs }) => {
    const started = performance.now();
    const output = (await session.predict(records))[index];
    return { output, loadMs, runMs: performance.now() - started };
  });
  // The log keeps JSON: compare what a JSON round trip keeps of the new answer too.
  const replayed = JSON.parse(JSON.stringify(output ?? null)) as unknown;
  const { verdict, maxAbsDifference, differences } = compareOutputs(prediction.output, replayed);
  return {
    predictionId: prediction.id, model: prediction.model, version: prediction.version, packageDigest: prediction.packageDigest,
    verdict, maxAbsDifference, tolerance: REPLAY_TOLERANCE, runtime: `onnxruntime-node ${onnxRuntimeVersion()}`,
    logged: prediction.output, replayed, differences, loadMs, runMs, rerun,
  };
}

async function originalRun(prediction: PredictionRecord, log?: Pick<PredictionLogStore, 'listRun'>): Promise<RunToReplay> {
  const run = prediction.run;
  return runToReplay(prediction, run && run.size > 1 && log ? await log.listRun(run.id) : undefined);
}

export interface RunToReplay {
  readonly records: FeatureRecord[];
  /** The prediction's position in `records`. */
  readonly index: number;
  readonly rerun: ReplayResult['rerun'];
}

/**
 * What to run to reproduce a prediction: the records of the model run that answered it, in their order, when every
 * one of them is at hand (`members`: the predictions logged with its run id); else the record alone.
 */
export function runToReplay(prediction: PredictionRecord, members: readonly PredictionRecord[] | undefined): RunToReplay {
  const alone = (note?: string) => ({ records: [prediction.input as FeatureRecord], index: 0, rerun: { mode: 'single' as const, originalRunSize: prediction.run?.size ?? 1, ...(note ? { note } : {}) } });
  const run = prediction.run;
  if (!run || run.size <= 1) return alone();
  if (!members) return alone(`ran alone: the original run held ${run.size} records and they were not looked up`);
  const complete = members.length === run.size && members.every((m, i) => m.run?.index === i && m.model === prediction.model && m.version === prediction.version);
  if (!complete) return alone(`ran alone: ${members.length} of the ${run.size} records of the original run are still logged`);
  return { records: members.map((m) => m.input as FeatureRecord), index: run.index, rerun: { mode: 'batch', originalRunSize: run.size } };
}

/** Compares a logged answer with a replayed one (both as JSON values): identical, within REPLAY_TOLERANCE, or different where. */
export function compareOutputs(logged: unknown, replayed: unknown): Pick<ReplayResult, 'verdict' | 'maxAbsDifference' | 'differences'> {
  const differences: string[] = [];
  let maxAbsDifference = 0;
  let exact = true;
  compare(logged, replayed, '', (path, difference, scale) => {
    exact = false;
    if (difference === null || difference > allowedDifference(scale)) differences.push(path || '(output)');
    maxAbsDifference = difference === null ? Number.POSITIVE_INFINITY : Math.max(maxAbsDifference, difference);
  });
  return { verdict: exact ? 'identical' : differences.length === 0 ? 'within-tolerance' : 'different', maxAbsDifference, differences };
}

/**
 * The largest difference still called a match for a logged number of this size: REPLAY_TOLERANCE, relative above 1.
 * Absolute alone would call a float32 output above 128 different when it moved by one step (larger than 1e-5 there).
 */
export function allowedDifference(logged: number): number {
  return REPLAY_TOLERANCE * Math.max(1, Math.abs(logged));
}

/** Calls `differ(path, |a − b| or null when not comparable, |a|)` for every place the two JSON values differ. */
function compare(a: unknown, b: unknown, path: string, differ: (path: string, difference: number | null, scale: number) => void): void {
  if (typeof a === 'number' && typeof b === 'number') {
    if (!Object.is(a, b)) differ(path, Math.abs(a - b), Math.abs(a));
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return differ(path, null, 0);
    a.forEach((item, i) => compare(item, b[i], `${path}[${i}]`, differ));
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) compare((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], path ? `${path}.${key}` : key, differ);
    return;
  }
  if (a !== b) differ(path, null, 0);
}
