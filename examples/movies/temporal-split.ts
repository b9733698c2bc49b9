// The per-user temporal split and what is derived from the training part: user features and movie popularity.
// Pure functions over ratings; prepare-data.ts does the files.
import { seededRandom } from '../../src/dataset/index.js';
import type { Rating, UserFeatures } from './movie-files.js';

export interface TemporalSplitOptions {
  /** Each user's latest share of ratings held out (at least one). */
  readonly heldOutShare: number;
  /**
   * Simulated cold start: this share of users (seeded pick) keeps only its first 1–9 training ratings (drawn uniformly);
   * its other training ratings are dropped, its held-out ratings stay. 0 (the default) keeps every training rating.
   */
  readonly coldShare?: number;
  readonly seed: number;
}

export interface TemporalSplit {
  readonly train: Rating[];
  readonly heldout: Rating[];
  /** Training ratings removed to simulate cold-start users (0 unless coldShare > 0). */
  readonly dropped: number;
  readonly coldStartUsers: string[];
}

/** Ratings ordered by time, ties by movie id, so the cut is the same on every run. */
export function splitByUserTime(ratings: readonly Rating[], options: TemporalSplitOptions): TemporalSplit {
  const random = seededRandom(options.seed);
  const train: Rating[] = [];
  const heldout: Rating[] = [];
  const coldStartUsers: string[] = [];
  let dropped = 0;
  for (const [user, own] of byUser(ratings)) {
    own.sort((a, b) => a.timestamp - b.timestamp || compareIds(a.movie, b.movie));
    const held = Math.max(1, Math.round(own.length * options.heldOutShare));
    const trainPart = own.slice(0, own.length - held);
    // Draw for every user, cold or not, so one user's pick does not depend on the others' histories.
    const cold = random() < (options.coldShare ?? 0);
    const keep = 1 + Math.floor(random() * 9);
    if (cold && trainPart.length > keep) {
      coldStartUsers.push(user);
      dropped += trainPart.length - keep;
      trainPart.length = keep;
    }
    train.push(...trainPart);
    heldout.push(...own.slice(own.length - held));
  }
  return { train, heldout, dropped, coldStartUsers };
}

/** One row per user in `users` (users without training ratings get 0 and []), ascending by id. */
export function userFeatures(train: readonly Rating[], users: Iterable<string>): UserFeatures[] {
  const rated = new Map<string, Set<string>>();
  const count = new Map<string, number>();
  for (const r of train) {
    (rated.get(r.user) ?? rated.set(r.user, new Set()).get(r.user)!).add(r.movie);
    count.set(r.user, (count.get(r.user) ?? 0) + 1);
  }
  return [...new Set(users)].sort(compareIds).map((userId) => ({
    userId,
    ratingsCount: count.get(userId) ?? 0,
    ratedItems: [...(rated.get(userId) ?? [])].sort(compareIds),
  }));
}

/** Every rated movie, most ratings first; ties by higher mean rating, then by lower id. */
export function popularityRanking(train: readonly Rating[]): string[] {
  const stats = new Map<string, { count: number; sum: number }>();
  for (const r of train) {
    const s = stats.get(r.movie) ?? stats.set(r.movie, { count: 0, sum: 0 }).get(r.movie)!;
    s.count++;
    s.sum += r.rating;
  }
  return [...stats]
    .sort(([a, x], [b, y]) => y.count - x.count || y.sum / y.count - x.sum / x.count || compareIds(a, b))
    .map(([movie]) => movie);
}

export function byUser(ratings: readonly Rating[]): Map<string, Rating[]> {
  const groups = new Map<string, Rating[]>();
  for (const r of ratings) (groups.get(r.user) ?? groups.set(r.user, []).get(r.user)!).push(r);
  return groups;
}

/** Numeric ids in numeric order, anything else after them in code-unit order. */
export function compareIds(a: string, b: string): number {
  const [x, y] = [Number(a), Number(b)];
  if (Number.isFinite(x) && Number.isFinite(y)) return x - y || (a < b ? -1 : a > b ? 1 : 0);
  if (Number.isFinite(x) !== Number.isFinite(y)) return Number.isFinite(x) ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
