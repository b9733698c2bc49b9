// Step 2 of the movie example: choose MF settings on a validation slice, train the package on the training split,
// and measure the model, the popularity baseline and the brief's rule on the held-out ratings.
//   node --import tsx examples/movies/evaluate.ts [--dir DIR] [--candidates N] [--bootstrap N]
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readTable, seededRandom, shuffleInPlace } from '../../src/dataset/index.js';
import { chooseSettings, type SettingsChoice } from './choose-settings.js';
import { DEFAULT_OUT_DIR, PREPARED_FILES, readPopularCsv, readRatingsCsv, readUsersCsv } from './movie-files.js';
import type { SplitSummary } from './prepare-data.js';
import { formatEstimate, formatRankingTable, rankingReport, type EvaluatedUser, type RankingReport } from './ranking-report.js';
import { COLD_START_BELOW, hybridList, isColdStart, LIST_LENGTH, topUnrated } from './recommendation-lists.js';
import { popularityRanking } from './temporal-split.js';
import { modelCandidates, trainMovieModel, type MovieModelSettings } from './train-movie-model.js';

/**
 * What the validation slice chooses from: explicit feedback with the trainer's defaults, implicit feedback with every
 * rating one interaction, and implicit feedback with the stars as the interaction's strength.
 */
export const SETTINGS_GRID: readonly MovieModelSettings[] = [
  { target: 'rating', params: { feedback: 'explicit', factors: 32, iterations: 15, regularization: 0.1 } },
  { target: null, params: { feedback: 'implicit', factors: 16, iterations: 15, regularization: 50, alpha: 5 } },
  { target: 'rating', params: { feedback: 'implicit', factors: 16, iterations: 15, regularization: 50, alpha: 1 } },
  { target: 'rating', params: { feedback: 'implicit', factors: 32, iterations: 15, regularization: 50, alpha: 1 } },
];

/**
 * How many candidates the exported graph answers (its TopK). The rated movies are removed after the model, so it must
 * answer more than 10; 200 keeps the rules' `item in features.rated_items` exclusion (about 200 × the user's ratings
 * steps) under the rule engine's million-step budget even for the heaviest MovieLens user.
 */
export const DEFAULT_CANDIDATES = 200;
export const PACKAGE_FILE = 'movie-recs.pitstop';

export interface EvaluateOptions {
  /** The directory prepare-data.ts wrote. */
  readonly dir: string;
  readonly candidates?: number;
  readonly grid?: readonly MovieModelSettings[];
  /** Evaluate a seeded sample of this many users instead of all (tests). */
  readonly sampleUsers?: number;
  readonly bootstrapIterations?: number;
}

export interface MovieEvaluation {
  readonly seconds: { readonly selection: number; readonly training: number; readonly evaluation: number; readonly total: number };
  readonly split: SplitSummary;
  readonly selection: SettingsChoice;
  readonly model: { readonly settings: MovieModelSettings; readonly package: string; readonly digest: string; readonly candidates: number };
  readonly users: {
    readonly evaluated: number;
    readonly cold: number;
    readonly warm: number;
    /** Users with held-out ratings but none rated ≥ relevantFrom: left out of the metrics. */
    readonly skippedNoRelevant: number;
    /** Evaluated users whose MF candidates held fewer than 10 unrated movies: their list is short. */
    readonly shortModelLists: readonly { readonly user: string; readonly ratingsCount: number; readonly movies: number }[];
  };
  readonly report: RankingReport;
  /** The lists that were scored, for checks (not written to results.json). */
  readonly evaluatedUsers: readonly (EvaluatedUser & { readonly rated: ReadonlySet<string> })[];
}

export async function evaluateMovieRecommenders(options: EvaluateOptions): Promise<MovieEvaluation> {
  const started = performance.now();
  const file = (name: string) => path.join(options.dir, name);
  const split = JSON.parse(readFileSync(file(PREPARED_FILES.split), 'utf8')) as SplitSummary;
  const table = await readTable(file(PREPARED_FILES.train));
  const train = readRatingsCsv(file(PREPARED_FILES.train));
  if (train.length !== table.rowCount) throw new Error(`${PREPARED_FILES.train}: read ${train.length} ratings but ${table.rowCount} table rows`);
  const heldout = readRatingsCsv(file(PREPARED_FILES.heldout));
  const features = new Map(readUsersCsv(file(PREPARED_FILES.users)).map((u) => [u.userId, { ratingsCount: u.ratingsCount, rated: new Set(u.ratedItems) }]));
  const popular = readPopularCsv(file(PREPARED_FILES.popular));
  const candidates = options.candidates ?? DEFAULT_CANDIDATES;

  const grid = (options.grid ?? SETTINGS_GRID).map((s) => ({ ...s, params: { ...s.params, topK: candidates } }));
  const selection = await chooseSettings(table, train, grid, {
    seed: split.seed, relevantFrom: split.relevantFrom, heldOutShare: split.heldOutShare,
  });
  const selected = performance.now();

  rmSync(file(PACKAGE_FILE), { force: true });
  const model = await trainMovieModel({ table, source: PREPARED_FILES.train, settings: selection.best, seed: split.seed, out: file(PACKAGE_FILE), version: 'evaluated' });
  const trained = performance.now();
  try {
    const relevant = new Map<string, Set<string>>();
    const withHeldout = new Set(heldout.map((r) => r.user));
    for (const r of heldout) if (r.rating >= split.relevantFrom) (relevant.get(r.user) ?? relevant.set(r.user, new Set()).get(r.user)!).add(r.movie);
    let users = [...relevant.keys()];
    if (options.sampleUsers !== undefined) users = shuffleInPlace(users, seededRandom(split.seed)).slice(0, options.sampleUsers);

    const lists = await modelCandidates(model.session, users);
    // The baseline ranks every training movie, so even a user who rated most of the top 100 gets 10; the rule serves
    // popular.csv's top 100, which is the same ranking's head.
    const popularity = popularityRanking(train);
    if (popular.some((movie, i) => popularity[i] !== movie)) throw new Error(`${PREPARED_FILES.popular} is not the head of the training popularity ranking; re-run prepare-data`);
    const evaluatedUsers = users.map((user) => {
      const history = features.get(user) ?? { ratingsCount: 0, rated: new Set<string>() };
      return {
        user,
        segment: isColdStart(history) ? ('cold' as const) : ('warm' as const),
        relevant: relevant.get(user)!,
        rated: history.rated,
        lists: {
          mf: topUnrated(lists.get(user)!, history.rated),
          popularity: topUnrated(popularity, history.rated),
          hybrid: hybridList(history, lists.get(user)!, popular),
        },
      };
    });
    const report = rankingReport(evaluatedUsers, { iterations: options.bootstrapIterations ?? 1000, seed: 1 });
    const finished = performance.now();
    return {
      seconds: {
        selection: (selected - started) / 1000,
        training: (trained - selected) / 1000,
        evaluation: (finished - trained) / 1000,
        total: (finished - started) / 1000,
      },
      split,
      selection,
      model: { settings: selection.best, package: PACKAGE_FILE, digest: model.digest, candidates },
      users: {
        evaluated: users.length,
        cold: evaluatedUsers.filter((u) => u.segment === 'cold').length,
        warm: evaluatedUsers.filter((u) => u.segment === 'warm').length,
        skippedNoRelevant: [...withHeldout].filter((u) => !relevant.has(u)).length,
        shortModelLists: evaluatedUsers
          .filter((u) => u.lists.mf.length < LIST_LENGTH)
          .map((u) => ({ user: u.user, ratingsCount: features.get(u.user)?.ratingsCount ?? 0, movies: u.lists.mf.length })),
      },
      report,
      evaluatedUsers,
    };
  } finally {
    await model.session.release();
  }
}

/** results.json: everything but the per-user lists. */
export function writeResults(dir: string, evaluation: MovieEvaluation): string {
  const { evaluatedUsers: _lists, ...results } = evaluation;
  const out = path.join(dir, PREPARED_FILES.results);
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  return out;
}

export function describeEvaluation(evaluation: MovieEvaluation): string {
  const { users, report, seconds, selection, model } = evaluation;
  const trials = selection.trials.map((t) => `  ${describeSettings(t.settings)}  precision@10 ${t.validationPrecisionAt10.toFixed(4)}  NDCG@10 ${t.validationNdcgAt10.toFixed(4)}  (${t.seconds.toFixed(1)}s)`);
  const all = report.all.versusPopularity;
  return [
    `Validation slice (${selection.validation.users} users; each one's latest ${evaluation.split.heldOutShare * 100}% of training ratings):`,
    ...trials,
    `Chose ${describeSettings(model.settings)}; the package ${model.package} answers ${model.candidates} candidates per user.`,
    '',
    `Held-out evaluation: ${users.evaluated} users (${users.cold} with fewer than ${COLD_START_BELOW} training ratings, ${users.warm} others); ` +
      `${users.skippedNoRelevant} skipped with no held-out movie rated ≥ ${evaluation.split.relevantFrom}; ` +
      `${users.shortModelLists.length} got fewer than ${LIST_LENGTH} unrated movies from the model's ${model.candidates}` +
      (users.shortModelLists.length > 0 ? ` (${users.shortModelLists.map((u) => `user ${u.user}: ${u.movies}, ${u.ratingsCount} ratings`).join('; ')}).` : '.'),
    '',
    formatRankingTable(report),
    '',
    `mf − popularity (all users, paired bootstrap): precision@10 ${formatEstimate(all.mf.precisionAt10, true)}, NDCG@10 ${formatEstimate(all.mf.ndcgAt10, true)}`,
    `hybrid − popularity: precision@10 ${formatEstimate(all.hybrid.precisionAt10, true)}, NDCG@10 ${formatEstimate(all.hybrid.ndcgAt10, true)}`,
    '',
    `Took ${seconds.total.toFixed(1)}s (selection ${seconds.selection.toFixed(1)}s, training ${seconds.training.toFixed(1)}s, evaluation ${seconds.evaluation.toFixed(1)}s).`,
  ].join('\n');
}

/** As `pitstop train` would be told: `--target rating --params feedback=implicit,...`. */
export function describeSettings(settings: MovieModelSettings): string {
  const params = Object.entries(settings.params).map(([key, value]) => `${key}=${String(value)}`).join(',');
  return `${settings.target ? `--target ${settings.target} ` : ''}--params ${params}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string', default: DEFAULT_OUT_DIR },
      candidates: { type: 'string', default: String(DEFAULT_CANDIDATES) },
      bootstrap: { type: 'string', default: '1000' },
    },
  });
  const dir = path.resolve(values.dir);
  if (!existsSync(path.join(dir, PREPARED_FILES.split))) throw new Error(`${dir} has no ${PREPARED_FILES.split}: run examples/movies/prepare-data.ts first`);
  const evaluation = await evaluateMovieRecommenders({ dir, candidates: Number(values.candidates), bootstrapIterations: Number(values.bootstrap) });
  console.log(describeEvaluation(evaluation));
  console.log(`Wrote ${writeResults(dir, evaluation)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
