// Step 1 of the movie example: MovieLens ratings → a per-user temporal split, the users' features and the popular movies.
//   node --import tsx examples/movies/prepare-data.ts [--data DIR] [--out DIR] [--seed N] [--cold-share S]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  DEFAULT_DATA_DIR,
  DEFAULT_OUT_DIR,
  PREPARED_FILES,
  REPO_ROOT,
  readRatingsCsv,
  writePopularCsv,
  writeRatingsCsv,
  writeUsersCsv,
} from './movie-files.js';
import { popularityRanking, splitByUserTime, userFeatures } from './temporal-split.js';

export const HELD_OUT_SHARE = 0.2;
/** A held-out movie is relevant when the user rated it at least this: 3.5 of 5 stars, "liked it". */
export const RELEVANT_FROM = 3.5;
export const POPULAR_COUNT = 100;

export interface PrepareOptions {
  readonly dataDir: string;
  readonly outDir: string;
  readonly seed?: number;
  readonly coldShare?: number;
}

/** What split.json records. */
export interface SplitSummary {
  readonly source: string;
  readonly seed: number;
  readonly heldOutShare: number;
  readonly coldShare: number;
  readonly relevantFrom: number;
  readonly counts: {
    readonly ratings: number;
    readonly users: number;
    readonly movies: number;
    readonly train: number;
    readonly heldout: number;
    readonly droppedForColdStart: number;
    readonly coldStartUsers: number;
    /** Users with fewer than 10 training ratings: the brief's popularity segment. */
    readonly usersUnder10Ratings: number;
    readonly usersWithRelevantHeldout: number;
    readonly trainMovies: number;
  };
}

export function prepareMovieData(options: PrepareOptions): SplitSummary {
  const seed = options.seed ?? 42;
  const coldShare = options.coldShare ?? 0;
  const ratingsFile = path.join(options.dataDir, 'ratings.csv');
  const ratings = readRatingsCsv(ratingsFile);
  const split = splitByUserTime(ratings, { heldOutShare: HELD_OUT_SHARE, coldShare, seed });
  const users = userFeatures(split.train, ratings.map((r) => r.user));
  const popular = popularityRanking(split.train);

  mkdirSync(options.outDir, { recursive: true });
  const out = (name: string) => path.join(options.outDir, name);
  writeRatingsCsv(out(PREPARED_FILES.train), split.train);
  writeRatingsCsv(out(PREPARED_FILES.heldout), split.heldout);
  writeUsersCsv(out(PREPARED_FILES.users), users);
  writePopularCsv(out(PREPARED_FILES.popular), popular.slice(0, POPULAR_COUNT));

  const summary: SplitSummary = {
    source: path.relative(REPO_ROOT, ratingsFile),
    seed,
    heldOutShare: HELD_OUT_SHARE,
    coldShare,
    relevantFrom: RELEVANT_FROM,
    counts: {
      ratings: ratings.length,
      users: users.length,
      movies: new Set(ratings.map((r) => r.movie)).size,
      train: split.train.length,
      heldout: split.heldout.length,
      droppedForColdStart: split.dropped,
      coldStartUsers: split.coldStartUsers.length,
      usersUnder10Ratings: users.filter((u) => u.ratingsCount < 10).length,
      usersWithRelevantHeldout: new Set(split.heldout.filter((r) => r.rating >= RELEVANT_FROM).map((r) => r.user)).size,
      trainMovies: popular.length,
    },
  };
  writeFileSync(out(PREPARED_FILES.split), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: DEFAULT_DATA_DIR },
      out: { type: 'string', default: DEFAULT_OUT_DIR },
      seed: { type: 'string', default: '42' },
      'cold-share': { type: 'string', default: '0' },
    },
  });
  const summary = prepareMovieData({
    dataDir: path.resolve(values.data),
    outDir: path.resolve(values.out),
    seed: Number(values.seed),
    coldShare: Number(values['cold-share']),
  });
  const c = summary.counts;
  console.log(`${c.ratings} ratings by ${c.users} users of ${c.movies} movies`);
  console.log(`train ${c.train}, held out ${c.heldout} (each user's latest ${HELD_OUT_SHARE * 100}%)${c.droppedForColdStart ? `, ${c.droppedForColdStart} dropped to make ${c.coldStartUsers} cold-start users` : ''}`);
  console.log(`${c.usersUnder10Ratings} users with fewer than 10 training ratings; ${c.usersWithRelevantHeldout} with a held-out movie rated ≥ ${RELEVANT_FROM}`);
  console.log(`wrote ${Object.values(PREPARED_FILES).filter((f) => f !== PREPARED_FILES.results).join(', ')} to ${path.resolve(values.out)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
