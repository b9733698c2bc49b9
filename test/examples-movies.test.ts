// The movie example end to end on the real MovieLens data in data/: the split, the users' features, and a reduced
// evaluation (a sample of users, small MF settings) whose lists and metrics must keep the example's promises.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeEvaluation, evaluateMovieRecommenders, writeResults } from '../examples/movies/evaluate.js';
import { PREPARED_FILES, readPopularCsv, readRatingsCsv, readUsersCsv, type Rating } from '../examples/movies/movie-files.js';
import { prepareMovieData, type SplitSummary } from '../examples/movies/prepare-data.js';
import { METHODS, SEGMENTS } from '../examples/movies/ranking-report.js';
import { hybridList } from '../examples/movies/recommendation-lists.js';
import { byUser } from '../examples/movies/temporal-split.js';
import { tsxArgs } from './fixtures/run-concurrently.js';
import { tempDir } from './fixtures/test-databases.js';
import { MOVIELENS_DIR } from './fixtures/third-party-data.js';

const MOVIELENS = MOVIELENS_DIR;
const work = await tempDir('pitstop-movies-');
afterAll(() => rmSync(work, { recursive: true, force: true }));

function runScript(script: string, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, tsxArgs(path.resolve(script), ...args), { stdio: ['ignore', 'pipe', 'pipe'] });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('examples/movies prepare-data', () => {
  const out = path.join(work, 'split');

  it('holds out each user\'s latest ratings and writes features that match the training ratings', async () => {
    const run = await runScript('examples/movies/prepare-data.ts', ['--data', MOVIELENS, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^100836 ratings by 610 users/);
    const all = readRatingsCsv(path.join(MOVIELENS, 'ratings.csv'));
    const train = readRatingsCsv(path.join(out, PREPARED_FILES.train));
    const heldout = readRatingsCsv(path.join(out, PREPARED_FILES.heldout));
    expect(train.length + heldout.length).toBe(all.length);

    const trainByUser = byUser(train);
    const heldoutByUser = byUser(heldout);
    expect(heldoutByUser.size).toBe(new Set(all.map((r) => r.user)).size);
    for (const [user, held] of heldoutByUser) {
      const own = trainByUser.get(user) ?? [];
      const latestTraining = Math.max(...own.map((r) => r.timestamp));
      expect(Math.min(...held.map((r) => r.timestamp)), `user ${user}`).toBeGreaterThanOrEqual(latestTraining);
      expect(held.length, `user ${user}`).toBe(Math.max(1, Math.round((own.length + held.length) * 0.2)));
    }

    const users = readUsersCsv(path.join(out, PREPARED_FILES.users));
    expect(users.length).toBe(heldoutByUser.size);
    for (const u of users) {
      const own = trainByUser.get(u.userId) ?? [];
      expect(u.ratingsCount, `user ${u.userId}`).toBe(own.length);
      expect([...u.ratedItems].sort()).toEqual([...new Set(own.map((r) => r.movie))].sort());
    }

    const popular = readPopularCsv(path.join(out, PREPARED_FILES.popular));
    expect(popular).toHaveLength(100);
    expect(new Set(popular).size).toBe(100);
    const counts = ratingCounts(train);
    popular.slice(1).forEach((movie, i) => expect(counts.get(movie)!).toBeLessThanOrEqual(counts.get(popular[i]!)!));
    expect(Math.min(...popular.map((m) => counts.get(m)!))).toBeGreaterThanOrEqual(Math.max(...[...counts].filter(([m]) => !popular.includes(m)).map(([, c]) => c)));

    const split = JSON.parse(readFileSync(path.join(out, PREPARED_FILES.split), 'utf8')) as SplitSummary;
    expect(split.counts).toMatchObject({ ratings: all.length, train: train.length, heldout: heldout.length, users: users.length, droppedForColdStart: 0 });
  });
});

describe('examples/movies rule', () => {
  it('gives fewer than 10 ratings the popular movies and 10 or more the model\'s, rated ones removed from both', () => {
    const popular = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9', 'p10', 'p11', 'p12'];
    const model = ['m1', 'p1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10', 'm11'];
    const rated = (n: number) => new Set(['m1', 'p2', ...Array.from({ length: n - 2 }, (_, i) => `old${i}`)]);
    expect(hybridList({ ratingsCount: 9, rated: rated(9) }, model, popular)).toEqual(['p1', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9', 'p10', 'p11']);
    expect(hybridList({ ratingsCount: 10, rated: rated(10) }, model, popular)).toEqual(['p1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10']);
    expect(hybridList({ ratingsCount: 0, rated: new Set() }, model, popular)).toEqual(popular.slice(0, 10));
  });
});

describe('examples/movies evaluate (reduced)', () => {
  it('scores MF, popularity and the brief\'s rule without ever recommending a rated movie', async () => {
    // A quarter of the users made cold-start ones, so both branches of the rule are measured.
    const out = path.join(work, 'cold');
    const split = prepareMovieData({ dataDir: MOVIELENS, outDir: out, seed: 7, coldShare: 0.25 });
    expect(split.counts.usersUnder10Ratings).toBeGreaterThan(0);

    const evaluation = await evaluateMovieRecommenders({
      dir: out,
      candidates: 60,
      sampleUsers: 150,
      bootstrapIterations: 200,
      grid: [
        { target: 'rating', params: { feedback: 'explicit', factors: 4, iterations: 2, regularization: 0.1 } },
        { target: null, params: { feedback: 'implicit', factors: 8, iterations: 3, regularization: 50, alpha: 2 } },
      ],
    });
    expect(evaluation.selection.trials).toHaveLength(2);
    expect(evaluation.users.evaluated).toBe(150);
    expect(evaluation.users.cold + evaluation.users.warm).toBe(150);
    expect(evaluation.users.cold).toBeGreaterThan(0);

    const popular = readPopularCsv(path.join(out, PREPARED_FILES.popular));
    for (const user of evaluation.evaluatedUsers) {
      for (const method of METHODS) {
        const list = user.lists[method];
        expect(list.length, `${method} for ${user.user}`).toBeLessThanOrEqual(10);
        expect(new Set(list).size).toBe(list.length);
        expect(list.filter((movie) => user.rated.has(movie)), `${method} for ${user.user}`).toEqual([]);
      }
      expect(user.lists.popularity).toHaveLength(10);
      // The rule: cold users get the popular movies, the others the model's.
      expect(user.lists.hybrid).toEqual(user.segment === 'cold' ? popular.filter((m) => !user.rated.has(m)).slice(0, 10) : user.lists.mf);
    }

    for (const segment of SEGMENTS) {
      const part = evaluation.report[segment];
      for (const method of METHODS) {
        for (const estimate of [part.methods[method].precisionAt10, part.methods[method].ndcgAt10]) {
          expect(estimate.value).not.toBeNull();
          expect(estimate.value!).toBeGreaterThanOrEqual(0);
          expect(estimate.value!).toBeLessThanOrEqual(1);
          expect(estimate.low!).toBeLessThanOrEqual(estimate.value!);
          expect(estimate.high!).toBeGreaterThanOrEqual(estimate.value!);
        }
      }
    }

    const results = JSON.parse(readFileSync(writeResults(out, evaluation), 'utf8')) as { report: unknown; users: { evaluated: number } };
    expect(results.users.evaluated).toBe(150);
    expect(results).not.toHaveProperty('evaluatedUsers');
    expect(existsSync(path.join(out, evaluation.model.package))).toBe(true);
    expect(describeEvaluation(evaluation)).toMatch(/\| cold \| \d+ \| hybrid \|/);
  }, 180_000);
});

function ratingCounts(ratings: readonly Rating[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of ratings) counts.set(r.movie, (counts.get(r.movie) ?? 0) + 1);
  return counts;
}
