// Picks the matrix-factorisation settings on a validation slice of the training data (each user's latest 20% of
// training ratings), never on the held-out ratings the final numbers are measured on.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { takeRows, type Table } from '../../src/dataset/index.js';
import { rankingMetrics } from '../../src/metrics/index.js';
import type { Rating } from './movie-files.js';
import { topUnrated } from './recommendation-lists.js';
import { splitByUserTime } from './temporal-split.js';
import { modelCandidates, trainMovieModel, type MovieModelSettings } from './train-movie-model.js';

export interface SettingsTrial {
  readonly settings: MovieModelSettings;
  readonly validationPrecisionAt10: number;
  readonly validationNdcgAt10: number;
  readonly seconds: number;
}

export interface SettingsChoice {
  readonly best: MovieModelSettings;
  readonly trials: SettingsTrial[];
  readonly validation: { readonly train: number; readonly validation: number; readonly users: number };
}

/**
 * `ratings[i]` must be row i of `table`. Relevance on the validation slice is the same as on the held-out set:
 * rated at least `relevantFrom`. The first candidate with the best validation precision@10 wins.
 */
export async function chooseSettings(
  table: Table,
  ratings: readonly Rating[],
  candidates: readonly MovieModelSettings[],
  options: { seed: number; relevantFrom: number; heldOutShare: number },
): Promise<SettingsChoice> {
  const rowOf = new Map(ratings.map((r, row) => [r, row]));
  const slice = splitByUserTime(ratings, { heldOutShare: options.heldOutShare, seed: options.seed });
  const trainTable = takeRows(table, slice.train.map((r) => rowOf.get(r)!).sort((a, b) => a - b));
  const rated = new Map<string, Set<string>>();
  for (const r of slice.train) (rated.get(r.user) ?? rated.set(r.user, new Set()).get(r.user)!).add(r.movie);
  const relevant = new Map<string, Set<string>>();
  for (const r of slice.heldout) if (r.rating >= options.relevantFrom) (relevant.get(r.user) ?? relevant.set(r.user, new Set()).get(r.user)!).add(r.movie);
  const users = [...relevant.keys()];

  const dir = mkdtempSync(path.join(os.tmpdir(), 'pitstop-movies-validation-'));
  const trials: SettingsTrial[] = [];
  try {
    for (const [i, settings] of candidates.entries()) {
      const started = performance.now();
      const model = await trainMovieModel({ table: trainTable, source: 'train.csv (validation slice)', settings, seed: options.seed, out: path.join(dir, `candidate-${i}.pitstop`), version: `validation-${i}` });
      try {
        const lists = await modelCandidates(model.session, users);
        const metrics = rankingMetrics(users.map((user) => ({ ranked: topUnrated(lists.get(user)!, rated.get(user) ?? new Set()), relevant: relevant.get(user)! })), 10);
        trials.push({
          settings,
          validationPrecisionAt10: metrics.values.precision_at_k.value ?? 0,
          validationNdcgAt10: metrics.values.ndcg_at_k.value ?? 0,
          seconds: (performance.now() - started) / 1000,
        });
      } finally {
        await model.session.release();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const best = trials.reduce((a, b) => (b.validationPrecisionAt10 > a.validationPrecisionAt10 ? b : a));
  return { best: best.settings, trials, validation: { train: slice.train.length, validation: slice.heldout.length, users: users.length } };
}
