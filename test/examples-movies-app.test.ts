// The movie example served as its README says, with the CLI and a real server: the MF model trained by the built-in
// trainer, user features and the popular list in the feature store, the brief's rule deployed, and the app endpoint
// answering cold users with popular movies and everyone else with the model, never a movie they already rated.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPopularCsv, readUsersCsv } from '../examples/movies/movie-files.js';
import { prepareMovieData } from '../examples/movies/prepare-data.js';
import { runCli, runCliJson } from './fixtures/run-cli.js';
import { startServerProcess, type ServerProcess } from './fixtures/server-process.js';
import { tempDir } from './fixtures/test-databases.js';
import { MOVIELENS_DIR } from './fixtures/third-party-data.js';

const DATA = MOVIELENS_DIR;

describe('the movie recommender behind POST /v1/apps/recommend/decide', () => {
  let work: string;
  let env: NodeJS.ProcessEnv;
  let server: ServerProcess | null = null;
  let token: string;
  const decide = async (body: unknown) => {
    const response = await fetch(`${server!.url}/v1/apps/recommend/decide`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as { decision: { items: string[] }; decided_by: { rule: string; kind: string }; model: { name: string } | null } };
  };

  beforeAll(async () => {
    work = await tempDir('pitstop-movies-app-');
    env = { PITSTOP_HOME: path.join(work, 'home') };
    prepareMovieData({ dataDir: DATA, outDir: path.join(work, 'out') });
    const cli = async (args: string[]) => {
      const result = await runCli(args, { env, cwd: work });
      if (result.code !== 0) throw new Error(`pitstop ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
      return result.stdout;
    };
    await cli(['train', '--algo', 'mf', '--data', 'out/train.csv', '--target', 'rating', '--user-column', 'userId', '--item-column', 'movieId', '--name', 'movie-recs',
      '--params', 'feedback=implicit,factors=16,regularization=50,alpha=1,topK=200,iterations=8', '--holdout', '0', '--register', '--out', 'movie-recs.pitstop']);
    await cli(['promote', 'movie-recs', '1', '--reason', 'first recommender']);
    await cli(['features', 'load', 'users', '--file', 'out/users.csv', '--key', 'user_id', '--types', 'user_id=string,rated_items=json']);
    await cli(['features', 'load', 'popular', '--file', 'out/popular.csv', '--key', 'key', '--types', 'items=json']);
    await fs.copyFile(path.resolve('examples/movies/recommend.yaml'), path.join(work, 'recommend.yaml'));
    await cli(['rules', 'deploy', 'recommend.yaml']);
    token = (await runCliJson<{ key: string }>(['keys', 'create', '--role', 'admin', '--name', 'movies'], { env, cwd: work })).key;
    server = await startServerProcess(env);
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('gives a known user 10 personalised movies, none of which they rated', async () => {
    const users = readUsersCsv(path.join(work, 'out', 'users.csv'));
    const user = users.find((u) => u.ratingsCount >= 50)!;
    const { status, body } = await decide({ user_id: Number(user.userId) });
    expect(status).toBe(200);
    expect(body.decided_by).toMatchObject({ rule: 'personalised', kind: 'model' });
    expect(body.model?.name).toBe('movie-recs');
    expect(body.decision.items).toHaveLength(10);
    const rated = new Set(user.ratedItems);
    expect(body.decision.items.filter((item) => rated.has(item))).toEqual([]);
  });

  it('gives a user with fewer than 10 ratings the most popular movies they have not rated', async () => {
    const popular = readPopularCsv(path.join(work, 'out', 'popular.csv'));
    const put = await fetch(`${server!.url}/admin/features/users/rows`, {
      method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ rows: [{ user_id: '90001', ratings_count: 2, rated_items: [popular[0], popular[3]] }] }),
    });
    expect(put.status).toBe(200);
    const { body } = await decide({ user_id: 90001 });
    expect(body.decided_by).toMatchObject({ rule: 'cold-start', kind: 'respond' });
    expect(body.model).toBeNull();
    expect(body.decision.items).toEqual(popular.filter((_, i) => i !== 0 && i !== 3).slice(0, 10));
    // A user the store has never seen is cold too.
    expect((await decide({ user_id: 99999999 })).body.decision.items).toEqual(popular.slice(0, 10));
  });
});
