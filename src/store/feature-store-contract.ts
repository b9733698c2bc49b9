// The behaviour the feature store must have; SQLite and PostgreSQL each run it.
import { describe, expect, it } from 'vitest';
import type { FeatureChange, NewFeatureTable } from './feature-records.js';
import type { Stores } from './open-metadata-store.js';

export const USERS: NewFeatureTable = {
  name: 'users',
  key: { name: 'user_id', type: 'integer' },
  columns: [{ name: 'ratings_count', type: 'integer' }, { name: 'mean_rating', type: 'number' }, { name: 'plan', type: 'category' }],
};

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);

export function describeFeatureStoreContract(name: string, open: () => Promise<Stores>): void {
  describe(`feature store contract: ${name}`, () => {
    it('creates a table once, audits it, and lists it by name', async () => {
      const stores = await open();
      const { table, created } = await stores.features.createTable(USERS, 'alice');
      expect(created).toBe(true);
      expect(table).toMatchObject({ ...USERS, createdBy: 'alice', createdAt: expect.stringMatching(/^\d{4}-/), updatedAt: table.createdAt });
      const again = await stores.features.createTable({ ...USERS, columns: [] }, 'bob');
      expect(again).toEqual({ table, created: false });
      await stores.features.createTable({ name: 'stores', key: { name: 'store_id', type: 'string' }, columns: [] }, 'alice');
      expect((await stores.features.listTables()).map((t) => t.name)).toEqual(['stores', 'users']);
      expect(await stores.features.getTable('nope')).toBeUndefined();
      const events = await stores.listAudit({ action: 'features.table_created' });
      expect(events.map((e) => [e.actor, e.details.table])).toEqual([['alice', 'users'], ['alice', 'stores']]);
    });

    it('upserts rows in one audited batch, counting inserted and updated, and replaces a row\'s values whole', async () => {
      const stores = await open();
      await stores.features.createTable(USERS, 'alice');
      const first = await stores.features.upsertRows('users', [
        { key: '1', values: { ratings_count: 3, mean_rating: 4.5, plan: 'gold' } },
        { key: '2', values: { ratings_count: 0 } },
      ], 'alice', { source: 'users.csv' });
      expect(first).toEqual({ inserted: 2, updated: 0 });
      const second = await stores.features.upsertRows('users', [
        { key: '2', values: { ratings_count: 7, plan: 'free' } },
        { key: '3', values: { mean_rating: 2.25 } },
      ], 'bob');
      expect(second).toEqual({ inserted: 1, updated: 1 });
      const rows = await stores.features.getRows('users', ['1', '2', '3', '2', 'missing']);
      expect([...rows.keys()].sort()).toEqual(['1', '2', '3']);
      expect(rows.get('1')).toEqual({ key: '1', values: { ratings_count: 3, mean_rating: 4.5, plan: 'gold' }, updatedAt: expect.any(String) });
      expect(rows.get('2')!.values).toEqual({ ratings_count: 7, plan: 'free' });
      expect(await stores.features.countRows('users')).toBe(3);
      const loads = await stores.listAudit({ action: 'features.loaded' });
      expect(loads.map((e) => e.details)).toEqual([
        { table: 'users', rows: 2, inserted: 2, updated: 0, source: 'users.csv' },
        { table: 'users', rows: 2, inserted: 1, updated: 1 },
      ]);
      expect((await stores.features.getTable('users'))!.updatedAt >= rows.get('2')!.updatedAt).toBe(true);
    });

    it('keeps JSON values of every kind as they were sent', async () => {
      const stores = await open();
      await stores.features.createTable({ name: 'odd', key: { name: 'k', type: 'string' }, columns: [{ name: 'j', type: 'json' }, { name: 's', type: 'string' }] }, 'alice');
      const values = { j: { nested: [1, 'two', null, true], 'ü': 'ß' }, s: 'it\'s "quoted"' };
      await stores.features.upsertRows('odd', [{ key: 'ключ 1', values }], 'alice');
      expect((await stores.features.getRows('odd', ['ключ 1'])).get('ключ 1')!.values).toEqual(values);
    });

    it('keeps tables apart: the same key in two tables is two rows', async () => {
      const stores = await open();
      await stores.features.createTable(USERS, 'alice');
      await stores.features.createTable({ ...USERS, name: 'users_v2' }, 'alice');
      await stores.features.upsertRows('users', [{ key: '1', values: { plan: 'a' } }], 'alice');
      await stores.features.upsertRows('users_v2', [{ key: '1', values: { plan: 'b' } }], 'alice');
      expect((await stores.features.getRows('users', ['1'])).get('1')!.values).toEqual({ plan: 'a' });
      expect(await stores.features.countRows('users_v2')).toBe(1);
    });

    it('upserts and reads 1,300 rows in statements of at most 500', async () => {
      const stores = await open();
      await stores.features.createTable(USERS, 'alice');
      const rows = range(0, 1300).map((i) => ({ key: String(i), values: { ratings_count: i } }));
      expect(await stores.features.upsertRows('users', rows, 'alice')).toEqual({ inserted: 1300, updated: 0 });
      expect(await stores.features.upsertRows('users', rows.slice(600), 'alice')).toEqual({ inserted: 0, updated: 700 });
      const read = await stores.features.getRows('users', rows.map((r) => r.key));
      expect(read.size).toBe(1300);
      expect(read.get('1299')!.values).toEqual({ ratings_count: 1299 });
      expect(await stores.listAudit({ action: 'features.loaded' })).toHaveLength(2);
    });

    it('refuses an unknown table and a key given twice, storing nothing', async () => {
      const stores = await open();
      await expect(stores.features.upsertRows('nope', [{ key: '1', values: {} }], 'alice')).rejects.toMatchObject({ code: 'FEATURE_TABLE_NOT_FOUND', field: 'table', message: expect.stringContaining('pitstop features load nope') });
      await stores.features.createTable(USERS, 'alice');
      const twice = [{ key: '1', values: {} }, { key: '2', values: {} }, { key: '1', values: {} }];
      await expect(stores.features.upsertRows('users', twice, 'alice')).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'rows[2].key', message: expect.stringContaining('rows[0]') });
      expect(await stores.features.countRows('users')).toBe(0);
      expect(await stores.features.upsertRows('users', [], 'alice')).toEqual({ inserted: 0, updated: 0 });
      expect(await stores.listAudit({ action: 'features.loaded' })).toEqual([]);
    });

    it('adds columns as an audited schema change, and never changes a column\'s type', async () => {
      const stores = await open();
      await stores.features.createTable(USERS, 'alice');
      const changed = await stores.features.addColumns('users', [{ name: 'plan', type: 'category' }, { name: 'last_seen', type: 'datetime' }], 'bob');
      expect(changed.columns.map((c) => c.name)).toEqual(['ratings_count', 'mean_rating', 'plan', 'last_seen']);
      expect(await stores.features.addColumns('users', [{ name: 'last_seen', type: 'datetime' }], 'bob')).toEqual(changed);
      await expect(stores.features.addColumns('users', [{ name: 'plan', type: 'integer' }], 'bob')).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'plan', message: expect.stringContaining('is category') });
      await expect(stores.features.addColumns('nope', [{ name: 'x', type: 'number' }], 'bob')).rejects.toMatchObject({ code: 'FEATURE_TABLE_NOT_FOUND' });
      expect((await stores.listAudit({ action: 'features.columns_added' })).map((e) => e.details)).toEqual([{ table: 'users', columns: [{ name: 'last_seen', type: 'datetime' }] }]);
    });

    it('lets concurrent schema changes both land', async () => {
      const stores = await open();
      await stores.features.createTable(USERS, 'alice');
      await Promise.all(['a', 'b', 'c'].map((name) => stores.features.addColumns('users', [{ name, type: 'number' }], name)));
      expect((await stores.features.getTable('users'))!.columns.map((c) => c.name).sort()).toEqual(['a', 'b', 'c', 'mean_rating', 'plan', 'ratings_count']);
    });

    it('deletes rows by key with one audit event, and counts only those that existed', async () => {
      const stores = await open();
      await stores.features.createTable(USERS, 'alice');
      await stores.features.upsertRows('users', range(0, 5).map((i) => ({ key: String(i), values: {} })), 'alice');
      expect(await stores.features.deleteRows('users', ['1', '3', '3', 'missing'], 'bob')).toBe(2);
      expect([...(await stores.features.getRows('users', range(0, 5).map(String))).keys()].sort()).toEqual(['0', '2', '4']);
      expect((await stores.listAudit({ action: 'features.rows_deleted' })).map((e) => e.details)).toEqual([{ table: 'users', requested: 3, deleted: 2 }]);
      expect(await stores.features.deleteRows('users', [], 'bob')).toBe(0);
    });

    it('tells in-process listeners what changed, after it commits', async () => {
      const stores = await open();
      const changes: FeatureChange[] = [];
      const stop = stores.features.onChange((change) => changes.push(change));
      await stores.features.createTable(USERS, 'alice');
      await stores.features.upsertRows('users', [{ key: '1', values: {} }, { key: '2', values: {} }], 'alice');
      await stores.features.deleteRows('users', ['2'], 'alice');
      await stores.features.upsertRows('nope', [{ key: '1', values: {} }], 'alice').catch(() => undefined);
      stop();
      await stores.features.addColumns('users', [{ name: 'x', type: 'number' }], 'alice');
      expect(changes).toEqual([{ table: 'users', keys: null }, { table: 'users', keys: ['1', '2'] }, { table: 'users', keys: ['2'] }]);
    });
  });
}
