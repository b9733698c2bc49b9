// Bulk replay: a seeded sample of a model's logged predictions in a period, each re-run by the version that made it.
import { SILENT_PROGRESS, type Progress } from '../progress/index.js';
import { seededRandom } from '../dataset/index.js';
import type { PredictionLogStore, PredictionRecord } from '../store/index.js';
import { KEEP_UNTIL_CLOSED } from './loaded-session-cache.js';
import { replayRecord, ReplaySessions, type ReplayDeps, type ReplayResult } from './replay.js';

export interface ReplayRangeQuery {
  readonly model: string;
  readonly from?: string;
  readonly to?: string;
  /** At most this many predictions, drawn uniformly (reservoir sampling, seeded). */
  readonly sample: number;
  readonly seed?: number;
}

export interface ReplayRangeReport {
  readonly model: string;
  readonly considered: number;
  readonly replayed: number;
  readonly identical: number;
  readonly withinTolerance: number;
  /** The replays that differ, and those that could not run (e.g. a tampered package), with why. */
  readonly mismatches: ReplayResult[];
  readonly failures: { predictionId: string; error: string }[];
  readonly versions: number[];
}

const PAGE = 5_000;

/** `progress` hears of the predictions replayed. */
export async function replayRange(deps: ReplayDeps, query: ReplayRangeQuery, progress: Progress = SILENT_PROGRESS): Promise<ReplayRangeReport> {
  progress.start(`sampling ${query.model}'s predictions`, { unit: '' });
  const { sample: reservoir, considered } = await samplePredictions(deps.predictions, query);
  progress.start('replaying', { total: reservoir.length, unit: 'predictions' });
  // Every version of the sample stays loaded for the run: the sample is in time order, and versions may interleave.
  const sessions = new ReplaySessions(deps.registry, KEEP_UNTIL_CLOSED);

  const results: ReplayResult[] = [];
  const failures: { predictionId: string; error: string }[] = [];
  try {
    for (const prediction of reservoir) {
      try {
        results.push(await replayRecord(prediction, sessions, deps.predictions));
      } catch (error) {
        failures.push({ predictionId: prediction.id, error: (error as Error).message });
      }
      progress.advance(results.length + failures.length);
    }
  } finally {
    await sessions.close();
  }
  return {
    model: query.model, considered, replayed: results.length,
    identical: results.filter((r) => r.verdict === 'identical').length,
    withinTolerance: results.filter((r) => r.verdict === 'within-tolerance').length,
    mismatches: results.filter((r) => r.verdict === 'different'), failures,
    versions: [...new Set(reservoir.map((p) => p.version))].sort((a, b) => a - b),
  };
}

/** A uniform, seeded sample (reservoir sampling) of a model's predictions in [from, to), in id order, and how many there were. */
export async function samplePredictions(log: PredictionLogStore, query: ReplayRangeQuery): Promise<{ sample: PredictionRecord[]; considered: number }> {
  const random = seededRandom(query.seed ?? 1);
  const reservoir: PredictionRecord[] = [];
  let considered = 0;
  let afterId: string | undefined;
  for (;;) {
    const page = await log.listPredictions({ model: query.model, from: query.from, to: query.to, limit: PAGE, ...(afterId ? { afterId } : {}) });
    for (const prediction of page) {
      considered++;
      if (reservoir.length < query.sample) reservoir.push(prediction);
      else {
        const slot = Math.floor(random() * considered);
        if (slot < query.sample) reservoir[slot] = prediction;
      }
    }
    if (page.length < PAGE) break;
    afterId = page[page.length - 1]!.id;
  }
  return { sample: reservoir.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), considered };
}
