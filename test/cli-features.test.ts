// `pitstop features load|list|show` as a user runs them: a table created from a CSV file, upserted by the next one,
// and one readable line, naming the row and column, for a value that does not fit.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliJson } from './fixtures/run-cli.js';
import { tempDir } from './fixtures/test-databases.js';

async function workspace() {
  const work = await tempDir('pitstop-features-cli-');
  const env = { PITSTOP_HOME: path.join(work, 'home') };
  const write = async (name: string, text: string) => {
    await fs.writeFile(path.join(work, name), text);
    return name;
  };
  const cli = (args: string[]) => runCli(args, { env, cwd: work });
  return { env, work, write, cli };
}

describe('pitstop features', () => {
  it('creates a table from a CSV file, upserts the next one, and lists and shows it', async () => {
    const { env, work, write, cli } = await workspace();
    const users = await write('users.csv', 'user_id,ratings_count,mean_rating,plan\n1,3,4.5,gold\n2,0,,free\n3,12,3.25,007\n');
    const first = await cli(['features', 'load', 'users', '--file', users, '--key', 'user_id', '--types', 'plan=category']);
    expect(first.code).toBe(0);
    const [summary, created] = first.stdout.trim().split('\n');
    expect(summary).toMatch(/^Loaded 3 rows into users from users\.csv: 3 inserted, 0 updated \(\d+ ms\)\.$/);
    expect(created).toBe('Created feature table users with columns ratings_count (integer), mean_rating (number), plan (category).');

    const more = await write('more.csv', 'user_id,ratings_count,mean_rating,plan\n3,13,3.5,gold\n4,1,5,free\n');
    const second = await runCliJson<Record<string, unknown>>(['features', 'load', 'users', '--file', more, '--key', 'user_id'], { env, cwd: work });
    expect(second).toMatchObject({ table: 'users', rows: 2, inserted: 1, updated: 1, createdTable: false, addedColumns: [], missingColumns: [], ms: expect.any(Number) });

    const list = await cli(['features', 'list']);
    expect(list.stdout).toMatch(/^TABLE +KEY +COLUMNS +ROWS +UPDATED\nusers +user_id \(integer\) +3 +4 +\S+\n$/);
    const show = await cli(['features', 'show', 'users', '3', '2', '99']);
    expect(show.stdout.split('\n').slice(0, 3)).toEqual([
      expect.stringMatching(/^USER_ID +RATINGS_COUNT +MEAN_RATING +PLAN +UPDATED$/),
      expect.stringMatching(/^3 +13 +3\.5 +gold +\S+$/),
      expect.stringMatching(/^2 +0 +- +free +\S+$/),
    ]);
    expect(show.stdout).toContain('No row for user_id 99.');
    expect((await cli(['features', 'show', 'users'])).stdout).toMatch(/key: +user_id \(integer\)[\s\S]*rows: +4[\s\S]*plan +category/);
    expect(await runCliJson(['features', 'show', 'users', '1'], { env, cwd: work })).toEqual({
      table: 'users', rows: [{ key: '1', values: { ratings_count: 3, mean_rating: 4.5, plan: 'gold' }, updatedAt: expect.any(String) }], missing: [],
    });
  });

  it('refuses a file with a bad value in one line naming the row and column, and loads nothing', async () => {
    const { write, cli } = await workspace();
    await cli(['features', 'load', 'users', '--file', await write('good.csv', 'user_id,ratings_count\n1,3\n'), '--key', 'user_id']);
    const bad = await write('bad.csv', 'user_id,ratings_count\n2,4\n3,lots\n4,five\n');
    const result = await cli(['features', 'load', 'users', '--file', bad, '--key', 'user_id']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('pitstop: VALIDATION_FAILED: bad.csv row 2, column "ratings_count": expected an integer, got string "lots" (and 1 more problem)');
    expect((await cli(['features', 'show', 'users', '2'])).stdout).toContain('No row for user_id 2.');
  });

  it('explains an unknown table, a bad --types and a missing file', async () => {
    const { write, cli } = await workspace();
    expect(await cli(['features', 'show', 'nope', '1'])).toMatchObject({ code: 3, stderr: expect.stringMatching(/^pitstop: FEATURE_TABLE_NOT_FOUND: no feature table "nope"; create it by loading a file/) });
    const file = await write('u.csv', 'user_id,n\n1,2\n');
    expect(await cli(['features', 'load', 'users', '--file', file, '--key', 'user_id', '--types', 'n'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--types takes column=type pairs') });
    expect(await cli(['features', 'load', 'users', '--file', 'missing.csv', '--key', 'user_id'])).toMatchObject({ code: 3, stderr: expect.stringContaining('FILE_NOT_FOUND') });
  });
});
