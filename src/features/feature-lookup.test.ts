import { afterAll, describe, expect, it, vi } from 'vitest';
import { HOUSES, loadHouses, sqliteStores } from '../../test/fixtures/feature-tables.js';
import type { Stores } from '../store/index.js';
import { FeatureLookup } from './feature-lookup.js';

const opened: Stores[] = [];
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
});

async function housesStore(): Promise<Stores> {
  const stores = await sqliteStores();
  opened.push(stores);
  await loadHouses(stores);
  return stores;
}

describe('FeatureLookup', () => {
  it('reads each distinct key of a batch once, in one query, and reads again next batch when the cache is off', async () => {
    const stores = await housesStore();
    const getRows = vi.spyOn(stores.features, 'getRows');
    const lookup = new FeatureLookup(stores.features);
    const rows = await lookup.rows('houses', ['1', '2', '1', '99', '2']);
    expect([...rows.keys()].sort()).toEqual(['1', '2']);
    expect(getRows).toHaveBeenCalledTimes(1);
    await lookup.rows('houses', ['1']);
    expect(getRows).toHaveBeenCalledTimes(2);
    lookup.close();
  });

  it('serves rows, and absent keys, from the cache until they expire', async () => {
    const stores = await housesStore();
    const getRows = vi.spyOn(stores.features, 'getRows');
    let now = 0;
    const lookup = new FeatureLookup(stores.features, { cacheTtlMs: 1000, now: () => now });
    await lookup.rows('houses', ['1', '99']);
    const again = await lookup.rows('houses', ['1', '99']);
    expect(getRows).toHaveBeenCalledTimes(1);
    expect(again.get('1')!.values).toEqual({ x2: 1, x3: 0.25 });
    expect(again.has('99')).toBe(false);
    // Only the keys not cached are read.
    await lookup.rows('houses', ['1', '2']);
    expect(getRows).toHaveBeenLastCalledWith('houses', ['2']);
    now = 1000;
    await lookup.rows('houses', ['1']);
    expect(getRows).toHaveBeenCalledTimes(3);
    lookup.close();
  });

  it('sees this process\'s own writes at once, cache or not', async () => {
    const stores = await housesStore();
    const lookup = new FeatureLookup(stores.features, { cacheTtlMs: 60_000 });
    expect((await lookup.rows('houses', ['1', '99'])).get('1')!.values.x2).toBe(1);
    await stores.features.upsertRows('houses', [{ key: '1', values: { x2: 10 } }, { key: '99', values: { x2: 99 } }], 'test');
    const after = await lookup.rows('houses', ['1', '99']);
    expect([after.get('1')!.values.x2, after.get('99')!.values.x2]).toEqual([10, 99]);
    await stores.features.deleteRows('houses', ['99'], 'test');
    expect((await lookup.rows('houses', ['99'])).has('99')).toBe(false);
    lookup.close();
  });

  it('does not cache a read that a write overtook', async () => {
    const stores = await housesStore();
    const lookup = new FeatureLookup(stores.features, { cacheTtlMs: 60_000 });
    const original = stores.features.getRows.bind(stores.features);
    // The write commits while the read is in flight, after the read saw the old row.
    vi.spyOn(stores.features, 'getRows').mockImplementationOnce(async (table, keys) => {
      const stale = await original(table, keys);
      await stores.features.upsertRows('houses', [{ key: '1', values: { x2: 10 } }], 'test');
      return stale;
    });
    expect((await lookup.rows('houses', ['1'])).get('1')!.values.x2).toBe(1);
    expect((await lookup.rows('houses', ['1'])).get('1')!.values.x2).toBe(10);
    lookup.close();
  });

  it('keeps table definitions, asks again for a missing table, and reads afresh on request', async () => {
    const stores = await sqliteStores();
    opened.push(stores);
    const getTable = vi.spyOn(stores.features, 'getTable');
    const lookup = new FeatureLookup(stores.features);
    expect(await lookup.table('houses')).toBeUndefined();
    await loadHouses(stores);
    getTable.mockClear();
    expect((await lookup.table('houses'))!.key).toEqual(HOUSES.key);
    await lookup.table('houses');
    expect(getTable).toHaveBeenCalledTimes(1);
    await lookup.table('houses', { fresh: true });
    expect(getTable).toHaveBeenCalledTimes(2);
    lookup.close();
  });
});
