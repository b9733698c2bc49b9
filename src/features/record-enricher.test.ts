import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadHouses, sqliteStores } from '../../test/fixtures/feature-tables.js';
import { regressorSpec } from '../../test/fixtures/packages.js';
import type { ManifestLookup } from '../manifest/index.js';
import type { Stores } from '../store/index.js';
import { FeatureLookup } from './feature-lookup.js';
import { compileRecordEnricher } from './record-enricher.js';

const opened: Stores[] = [];
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
});

const HOUSE_LOOKUP = { table: 'houses', key: 'house_id', features: ['x2', 'x3'], required: true };

async function enricherFor(lookups: ManifestLookup[], options: { load?: boolean } = {}) {
  const stores = await sqliteStores();
  opened.push(stores);
  if (options.load !== false) await loadHouses(stores);
  const lookup = new FeatureLookup(stores.features);
  const enrich = compileRecordEnricher(regressorSpec({ lookups }), lookup, { maxRecords: 100 })!;
  return { stores, enrich, getRows: vi.spyOn(stores.features, 'getRows') };
}

const failure = async (promise: Promise<unknown>) => promise.then(() => expect.unreachable('it resolved'), (error: unknown) => error);

describe('compileRecordEnricher', () => {
  it('is null for a manifest without lookups: no lookup work at all', async () => {
    const stores = await sqliteStores();
    opened.push(stores);
    expect(compileRecordEnricher(regressorSpec(), new FeatureLookup(stores.features), { maxRecords: 10 })).toBeNull();
  });

  it('fills in looked-up features and drops a key the model does not take, with one query for the batch', async () => {
    const { enrich, getRows } = await enricherFor([HOUSE_LOOKUP]);
    const body = await enrich({ records: [{ house_id: 2, x1: 1 }, { house_id: '4', x1: 0 }, { house_id: 2, x1: 5 }] });
    expect(body).toEqual({ records: [{ x1: 1, x2: 2, x3: 0.5 }, { x1: 0, x2: 4, x3: 1 }, { x1: 5, x2: 2, x3: 0.5 }] });
    expect(getRows).toHaveBeenCalledTimes(1);
    expect(getRows).toHaveBeenCalledWith('houses', ['2', '4']);
  });

  it('keeps a key that is also a model feature', async () => {
    const { enrich } = await enricherFor([{ ...HOUSE_LOOKUP, key: 'x1', features: ['x2'] }]);
    expect(await enrich({ records: [{ x1: 3, x3: 1 }] })).toEqual({ records: [{ x1: 3, x3: 1, x2: 3 }] });
  });

  it('leaves a value the row lacks missing, for the validator to default or refuse', async () => {
    const { enrich } = await enricherFor([HOUSE_LOOKUP]);
    expect(await enrich({ records: [{ house_id: 3, x1: 1 }] })).toEqual({ records: [{ x1: 1, x2: 3 }] });
  });

  it('refuses a caller\'s own value for a looked-up feature (400), before reading anything', async () => {
    const { enrich, getRows } = await enricherFor([HOUSE_LOOKUP]);
    expect(await failure(enrich({ records: [{ house_id: 1, x1: 1 }, { house_id: 1, x1: 1, x3: 9 }] }))).toMatchObject({
      code: 'VALIDATION_FAILED', status: 400, field: 'records[1].x3', message: expect.stringContaining('is looked up in feature table "houses" by house_id'),
    });
    expect(getRows).not.toHaveBeenCalled();
  });

  it('says INVALID_RECORDS for a missing or mistyped key of a required lookup', async () => {
    const { enrich } = await enricherFor([HOUSE_LOOKUP]);
    expect(await failure(enrich({ records: [{ x1: 1 }, { house_id: 'two', x1: 1 }] }))).toMatchObject({
      code: 'INVALID_RECORDS',
      errors: [{ field: 'records[0].house_id', message: expect.stringContaining('is missing; model "house-prices" looks up x2, x3') }, { field: 'records[1].house_id', message: 'expected an integer key, got string "two"' }],
    });
  });

  it('says FEATURE_ENTITY_NOT_FOUND naming each record whose key has no row', async () => {
    const { enrich } = await enricherFor([HOUSE_LOOKUP]);
    expect(await failure(enrich({ records: [{ house_id: 1, x1: 1 }, { house_id: 42, x1: 1 }] }))).toMatchObject({
      code: 'FEATURE_ENTITY_NOT_FOUND', field: 'records[1].house_id', message: 'records[1].house_id: feature table "houses" has no row for house_id 42',
    });
  });

  it('leaves the features missing when an optional lookup finds nothing or has no key', async () => {
    const { enrich } = await enricherFor([{ ...HOUSE_LOOKUP, required: false }]);
    expect(await enrich({ records: [{ house_id: 42, x1: 1 }, { x1: 2 }] })).toEqual({ records: [{ x1: 1 }, { x1: 2 }] });
  });

  it('answers NOT_READY when the table or a column is missing, or a column cannot fill its feature', async () => {
    const absent = await enricherFor([HOUSE_LOOKUP], { load: false });
    expect(await failure(absent.enrich({ records: [{ house_id: 1, x1: 1 }] }))).toMatchObject({ code: 'NOT_READY', status: 503, message: expect.stringContaining('feature table "houses", which does not exist') });
    const noColumn = await enricherFor([HOUSE_LOOKUP]);
    await noColumn.stores.features.createTable({ name: 'thin', key: { name: 'house_id', type: 'integer' }, columns: [{ name: 'x2', type: 'string' }] }, 'test');
    const thin = compileRecordEnricher(regressorSpec({ lookups: [{ ...HOUSE_LOOKUP, table: 'thin' }] }), new FeatureLookup(noColumn.stores.features), { maxRecords: 10 })!;
    expect(await failure(thin({ records: [{ house_id: 1, x1: 1 }] }))).toMatchObject({ code: 'NOT_READY', message: expect.stringContaining('takes x2 as number, but column x2 of feature table "thin" is string') });
  });

  it('finds a column another process added after this one first read the table', async () => {
    const { stores } = await enricherFor([HOUSE_LOOKUP]);
    // A lookup that hears of no change, as when another process changes the table.
    const deaf = { getTable: (name: string) => stores.features.getTable(name), getRows: (table: string, keys: readonly string[]) => stores.features.getRows(table, keys), onChange: () => () => undefined };
    const onlyX2 = compileRecordEnricher(regressorSpec({ lookups: [{ table: 'later', key: 'house_id', features: ['x2'], required: true }] }), new FeatureLookup(deaf), { maxRecords: 10 })!;
    await stores.features.createTable({ name: 'later', key: { name: 'house_id', type: 'integer' }, columns: [{ name: 'note', type: 'string' }] }, 'test');
    expect(await failure(onlyX2({ records: [{ house_id: 1, x1: 0, x3: 0 }] }))).toMatchObject({ code: 'NOT_READY', message: expect.stringContaining('has no such column') });
    await stores.features.addColumns('later', [{ name: 'x2', type: 'number' }], 'test');
    await stores.features.upsertRows('later', [{ key: '1', values: { x2: 7 } }], 'test');
    expect(await onlyX2({ records: [{ house_id: 1, x1: 0, x3: 0 }] })).toEqual({ records: [{ x1: 0, x3: 0, x2: 7 }] });
  });

  it('passes bodies it cannot read unchanged, for the validator to explain', async () => {
    const { enrich, getRows } = await enricherFor([HOUSE_LOOKUP]);
    for (const body of [null, [1], { records: [] }, { records: 'x' }, { records: [1] }, { records: Array.from({ length: 101 }, () => ({ house_id: 1 })) }]) expect(await enrich(body)).toBe(body);
    expect(getRows).not.toHaveBeenCalled();
  });
});
