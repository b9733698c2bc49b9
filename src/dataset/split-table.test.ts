import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvTable } from './read-csv-table.js';
import { splitTable } from './split-table.js';
import { tableFromRecords } from './table-from-records.js';
import type { Table } from './table.js';

const WEATHER = path.resolve(import.meta.dirname, '../../node_modules/vega-datasets/data/seattle-weather.csv');

/** 1000 rows numbered by `id`, with a class that is "rare" for one row in ten. */
function numbered(count = 1000): Table {
  return tableFromRecords(Array.from({ length: count }, (_, id) => ({ id, label: id % 10 === 0 ? 'rare' : 'common' })));
}

const ids = (table: Table | null): number[] => Array.from((table?.columns.get('id')?.values ?? []) as ArrayLike<number>);

describe('splitTable', () => {
  it('gives the same rows for the same seed and other rows for another seed', () => {
    const table = numbered();
    const options = { fractions: { train: 0.7, validation: 0.1, holdout: 0.2 }, seed: 42 };
    const first = splitTable(table, options);
    const again = splitTable(table, options);
    expect(ids(again.train)).toEqual(ids(first.train));
    expect(ids(again.holdout)).toEqual(ids(first.holdout));
    expect(ids(splitTable(table, { ...options, seed: 43 }).train)).not.toEqual(ids(first.train));
  });

  it('puts every row in exactly one part, in the shares asked for, keeping row order', () => {
    const { train, validation, holdout } = splitTable(numbered(), { fractions: { train: 0.7, validation: 0.1, holdout: 0.2 }, seed: 1 });
    expect([train.rowCount, validation?.rowCount, holdout.rowCount]).toEqual([700, 100, 200]);
    expect([...ids(train), ...ids(validation), ...ids(holdout)].sort((a, b) => a - b)).toEqual(ids(numbered()));
    expect(ids(train)).toEqual([...ids(train)].sort((a, b) => a - b));
  });

  it('has no validation part unless asked, and rounds so the parts add up', () => {
    const { train, validation, holdout } = splitTable(numbered(7), { fractions: { train: 0.7, holdout: 0.3 }, seed: 1 });
    expect(validation).toBeNull();
    expect([train.rowCount, holdout.rowCount]).toEqual([5, 2]);
  });

  it('keeps the share of each class in every part when stratified', () => {
    const { train, holdout } = splitTable(numbered(), { fractions: { train: 0.8, holdout: 0.2 }, seed: 7, stratifyBy: 'label' });
    const rare = (table: Table) => (table.columns.get('label')!.values as string[]).filter((label) => label === 'rare').length;
    expect([rare(train), rare(holdout)]).toEqual([80, 20]);
  });

  it('trains on the earliest rows and holds out the latest when split by time', async () => {
    const weather = await readCsvTable(WEATHER);
    const { train, validation, holdout } = splitTable(weather, { fractions: { train: 0.6, validation: 0.2, holdout: 0.2 }, seed: 0, timeColumn: 'date' });
    const dates = (table: Table | null) => (table?.columns.get('date')?.values ?? []) as string[];
    expect(dates(train).at(-1)! < dates(validation)[0]!).toBe(true);
    expect(dates(validation).at(-1)! < dates(holdout)[0]!).toBe(true);
    expect(dates(train)[0]).toBe('2012-01-01');
    expect(dates(holdout).at(-1)).toBe('2015-12-31');
  });

  it('orders numeric times and keeps row order among equal times', () => {
    const table = tableFromRecords([{ id: 0, t: 5 }, { id: 1, t: 1 }, { id: 2, t: 5 }, { id: 3, t: 2 }]);
    const { train, holdout } = splitTable(table, { fractions: { train: 0.5, holdout: 0.5 }, seed: 0, timeColumn: 't' });
    expect([ids(train), ids(holdout)]).toEqual([[1, 3], [0, 2]]);
  });

  it('refuses fractions that do not add up to 1, a fractional seed, and unknown or unusable columns', () => {
    const table = tableFromRecords([{ id: 1, t: null, flag: true }]);
    const split = (options: object) => () => splitTable(table, { fractions: { train: 0.7, holdout: 0.3 }, seed: 1, ...options });
    expect(split({ fractions: { train: 0.7, holdout: 0.2 } })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'fractions' }));
    expect(split({ fractions: { train: 1.2, holdout: -0.2 } })).toThrow(expect.objectContaining({ field: 'fractions' }));
    expect(split({ seed: 0.5 })).toThrow(expect.objectContaining({ field: 'seed' }));
    expect(split({ stratifyBy: 'nope' })).toThrow(expect.objectContaining({ field: 'stratifyBy', message: expect.stringContaining('no column "nope"') }));
    expect(split({ timeColumn: 't' })).toThrow(expect.objectContaining({ field: 'timeColumn', message: expect.stringContaining('has no value in row 0') }));
    expect(split({ timeColumn: 'flag' })).toThrow(expect.objectContaining({ field: 'timeColumn' }));
    expect(split({ timeColumn: 't', stratifyBy: 'id' })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
