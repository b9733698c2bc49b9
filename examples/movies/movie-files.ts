// The movie example's files: MovieLens-style ratings CSVs in, and the prepared files (train, held-out, user features,
// popular movies) out and back in. Plain line-by-line CSV: these files never hold a comma inside a field except the
// JSON lists, which are quoted.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One rating; ids stay text because the model answers movie ids as strings. */
export interface Rating {
  readonly user: string;
  readonly movie: string;
  readonly rating: number;
  /** Seconds since 1970 (MovieLens' timestamp column). */
  readonly timestamp: number;
}

/** A user's row in users.csv: what the feature store holds for the rules. */
export interface UserFeatures {
  readonly userId: string;
  /** Training ratings. */
  readonly ratingsCount: number;
  /** The training movie ids, ascending by id. */
  readonly ratedItems: readonly string[];
}

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_DATA_DIR = path.resolve(REPO_ROOT, 'data/movielens-latest-small');
export const DEFAULT_OUT_DIR = path.resolve(REPO_ROOT, 'examples/movies/out');

export const PREPARED_FILES = {
  train: 'train.csv',
  heldout: 'heldout.csv',
  users: 'users.csv',
  popular: 'popular.csv',
  split: 'split.json',
  results: 'results.json',
} as const;

const RATINGS_HEADER = 'userId,movieId,rating,timestamp';

/** Reads a `userId,movieId,rating,timestamp` file (MovieLens' ratings.csv, or the prepared train/held-out files). */
export function readRatingsCsv(file: string): Rating[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  if (lines[0]?.trim() !== RATINGS_HEADER) throw new Error(`${file}: expected the header "${RATINGS_HEADER}", found "${lines[0] ?? ''}"`);
  const ratings: Rating[] = [];
  for (let at = 1; at < lines.length; at++) {
    const line = lines[at]!.trim();
    if (line === '') continue;
    const [user, movie, rating, timestamp] = line.split(',');
    const value = Number(rating);
    const time = Number(timestamp);
    if (!user || !movie || !Number.isFinite(value) || !Number.isFinite(time)) throw new Error(`${file}:${at + 1}: not a rating: "${line}"`);
    ratings.push({ user, movie, rating: value, timestamp: time });
  }
  return ratings;
}

export function writeRatingsCsv(file: string, ratings: readonly Rating[]): void {
  writeLines(file, RATINGS_HEADER, ratings.map((r) => `${r.user},${r.movie},${r.rating},${r.timestamp}`));
}

/** users.csv: `user_id,ratings_count,rated_items`, rated_items a JSON array of movie-id strings. */
export function writeUsersCsv(file: string, users: readonly UserFeatures[]): void {
  writeLines(file, 'user_id,ratings_count,rated_items', users.map((u) => `${u.userId},${u.ratingsCount},${quoted(JSON.stringify(u.ratedItems))}`));
}

export function readUsersCsv(file: string): UserFeatures[] {
  return dataLines(file, 'user_id,ratings_count,rated_items').map((line) => {
    const [userId, count] = line.split(',', 2);
    const list = unquoted(line.slice(userId!.length + count!.length + 2));
    return { userId: userId!, ratingsCount: Number(count), ratedItems: JSON.parse(list) as string[] };
  });
}

/** popular.csv: one row, key `all`, items a JSON array of movie-id strings, most popular first. */
export function writePopularCsv(file: string, items: readonly string[]): void {
  writeLines(file, 'key,items', [`all,${quoted(JSON.stringify(items))}`]);
}

export function readPopularCsv(file: string): string[] {
  const row = dataLines(file, 'key,items').find((line) => line.startsWith('all,'));
  if (!row) throw new Error(`${file}: no row with key "all"`);
  return JSON.parse(unquoted(row.slice('all,'.length))) as string[];
}

function writeLines(file: string, header: string, rows: readonly string[]): void {
  writeFileSync(file, `${header}\n${rows.join('\n')}${rows.length > 0 ? '\n' : ''}`);
}

function dataLines(file: string, header: string): string[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  if (lines[0]?.trim() !== header) throw new Error(`${file}: expected the header "${header}", found "${lines[0] ?? ''}"`);
  return lines.slice(1).filter((line) => line.trim() !== '');
}

/** A CSV field in double quotes, inner quotes doubled (RFC 4180). */
function quoted(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function unquoted(field: string): string {
  return field.startsWith('"') && field.endsWith('"') ? field.slice(1, -1).replaceAll('""', '"') : field;
}
