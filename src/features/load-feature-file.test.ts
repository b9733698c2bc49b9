import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteStores } from '../../test/fixtures/feature-tables.js';
import { tempDir } from '../../test/fixtures/test-databases.js';
import type { Stores } from '../store/index.js';
import { loadFeatureFile } from './load-feature-file.js';

const opened: Stores[] = [];
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
});

async function setup() {
  const stores = await sqliteStores();
  opened.push(stores);
  const dir = await tempDir('pitstop-feature-files-');
  const write = async (name: string, text: string) => {
    const file = path.join(dir, name);
    await fs.writeFile(file, text);
    return file;
  };
  return { stores, write, load: (file: string, options: { table?: string; key?: string; types?: Record<string, string>; batchRows?: number } = {}) => loadFeatureFile(stores.features, { table: 'users', key: 'user_id', actor: 'alice', file, ...options }) };
}

describe('loadFeatureFile', () => {
  it('creates the table on the first load with inferred types, and upserts on the next', async () => {
    const { stores, write, load } = await setup();
    const first = await write('users.csv', 'user_id,ratings_count,mean_rating,premium,zip,joined\n1,3,4.5,true,00501,2024-01-02\n2,0,,false,10001,2023-12-31T10:00:00Z\n');
    const summary = await load(first);
    expect(summary).toMatchObject({ table: 'users', rows: 2, inserted: 2, updated: 0, createdTable: true, missingColumns: [] });
    const table = await stores.features.getTable('users');
    expect(table!.key).toEqual({ name: 'user_id', type: 'integer' });
    expect(table!.columns).toEqual([
      { name: 'ratings_count', type: 'integer' }, { name: 'mean_rating', type: 'number' }, { name: 'premium', type: 'boolean' },
      // 00501 is a code: a column of zero-padded numbers is text.
      { name: 'zip', type: 'string' }, { name: 'joined', type: 'datetime' },
    ]);
    expect((await stores.features.getRows('users', ['2'])).get('2')!.values).toEqual({ ratings_count: 0, premium: false, zip: '10001', joined: '2023-12-31T10:00:00Z' });

    const second = await write('more.csv', 'user_id,ratings_count\n2,9\n3,1\n');
    expect(await load(second)).toMatchObject({ rows: 2, inserted: 1, updated: 1, createdTable: false, addedColumns: [], missingColumns: ['mean_rating', 'premium', 'zip', 'joined'] });
    expect((await stores.features.getRows('users', ['2'])).get('2')!.values).toEqual({ ratings_count: 9 });
    expect((await stores.listAudit({ action: 'features.loaded' })).map((e) => e.details)).toEqual([
      { table: 'users', rows: 2, inserted: 2, updated: 0, source: 'users.csv' },
      { table: 'users', rows: 2, inserted: 1, updated: 1, source: 'more.csv' },
    ]);
  });

  it('takes declared types, keeping text codes and text keys with their leading zeros', async () => {
    const { stores, write, load } = await setup();
    const file = await write('stores.csv', 'store_id,zip,region\n007,00501,1\n010,10001,2\n');
    await load(file, { table: 'stores', key: 'store_id', types: { zip: 'category', region: 'string' } });
    const table = await stores.features.getTable('stores');
    expect(table!.key).toEqual({ name: 'store_id', type: 'string' });
    expect((await stores.features.getRows('stores', ['007'])).get('007')!.values).toEqual({ zip: '00501', region: '1' });
  });

  it('adds the columns a later file brings, as an audited schema change', async () => {
    const { stores, write, load } = await setup();
    await load(await write('a.json', JSON.stringify([{ user_id: 1, a: 1.5 }])));
    const summary = await load(await write('b.json', JSON.stringify([{ user_id: 1, a: 2, b: 'x' }])), { types: { b: 'category' } });
    expect(summary.addedColumns).toEqual([{ name: 'b', type: 'category' }]);
    expect((await stores.features.getTable('users'))!.columns).toEqual([{ name: 'a', type: 'number' }, { name: 'b', type: 'category' }]);
    expect(await stores.listAudit({ action: 'features.columns_added' })).toHaveLength(1);
  });

  it('checks every cell before writing: a bad value names its row and column and changes nothing', async () => {
    const { stores, write, load } = await setup();
    await load(await write('good.csv', 'user_id,ratings_count\n1,3\n'));
    const bad = await write('bad.csv', 'user_id,ratings_count,new_col\n2,4,x\n3,lots,y\n');
    await expect(load(bad)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'rows[1].ratings_count', message: `${bad} row 2, column "ratings_count": expected an integer, got string "lots"` });
    expect(await stores.features.countRows('users')).toBe(1);
    expect((await stores.features.getTable('users'))!.columns.map((c) => c.name)).toEqual(['ratings_count']);
  });

  it('refuses another key column, a missing key column, a changed type and unknown types', async () => {
    const { write, load } = await setup();
    const file = await write('u.csv', 'user_id,n\n1,2\n');
    await load(file);
    await expect(load(file, { key: 'n' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'key', message: expect.stringContaining('keyed by user_id') });
    await expect(load(file, { table: 'other', key: 'id' })).rejects.toMatchObject({ field: 'key', message: expect.stringContaining('has no key column "id"') });
    await expect(load(file, { types: { n: 'string' } })).rejects.toMatchObject({ field: 'types', message: expect.stringContaining('is integer, not string') });
    await expect(load(file, { table: 'fresh', types: { n: 'float' } })).rejects.toMatchObject({ field: 'types', message: expect.stringContaining('known types: number, integer') });
    await expect(load(file, { table: 'fresh', types: { user_id: 'number' } })).rejects.toMatchObject({ field: 'types', message: expect.stringContaining('integer or string') });
    await expect(load(file, { table: 'bad name!' })).rejects.toMatchObject({ field: 'table' });
    await expect(load(await write('odd.csv', 'user_id,has space\n1,2\n'), { table: 'odd' })).rejects.toMatchObject({ field: 'has space', message: expect.stringContaining('cannot be a feature name') });
  });

  it('refuses a key given twice, naming both rows', async () => {
    const { write, load } = await setup();
    await expect(load(await write('twice.csv', 'user_id,n\n1,2\n2,3\n1,4\n'))).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/rows\[2\] repeats key "1" of rows\[0\]/) });
  });

  it('writes in batches, one transaction and one audit event each', async () => {
    const { stores, write, load } = await setup();
    const lines = Array.from({ length: 25 }, (_, i) => `${i},${i * 2}`);
    const summary = await load(await write('many.csv', `user_id,n\n${lines.join('\n')}\n`), { batchRows: 10 });
    expect(summary).toMatchObject({ rows: 25, inserted: 25 });
    expect((await stores.listAudit({ action: 'features.loaded' })).map((e) => e.details.rows)).toEqual([10, 10, 5]);
  });
});
