import { describe, expect, it } from 'vitest';
import { featureSafeColumnNames, renameColumns } from './rename-columns.js';
import { tableFromRecords } from './table-from-records.js';
import { tableRows } from './table-rows.js';
import { takeRows } from './take-rows.js';

const table = tableFromRecords([
  { n: 1, s: 'a', b: true },
  { n: null, s: null, b: null },
  { n: 3, s: 'c', b: false },
]);

describe('takeRows', () => {
  it('picks rows in the order given, repeats allowed, keeping column types', () => {
    const taken = takeRows(table, [2, 0, 2]);
    expect(tableRows(taken)).toEqual([{ n: 3, s: 'c', b: false }, { n: 1, s: 'a', b: true }, { n: 3, s: 'c', b: false }]);
    expect(taken.columns.get('n')?.values).toBeInstanceOf(Float64Array);
    expect(tableRows(takeRows(table, [1]))).toEqual([{ n: null, s: null, b: null }]);
  });
});

describe('renameColumns', () => {
  it('renames in place and refuses an unknown column or a clash', () => {
    expect([...renameColumns(table, { s: 'text' }).columns.keys()]).toEqual(['n', 'text', 'b']);
    expect(renameColumns(table, { s: 'text' }).columns.get('text')?.name).toBe('text');
    expect(() => renameColumns(table, { x: 'y' })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'x' }));
    expect(() => renameColumns(table, { s: 'n' })).toThrow(expect.objectContaining({ field: 'n' }));
  });
});

describe('featureSafeColumnNames', () => {
  it('renames only unusable column names, to snake_case, avoiding clashes', () => {
    const table = tableFromRecords([{ 'Beak Length (mm)': 1, beak_length_mm: 2, Island: 'x', '2nd try': 3 }]);
    const { table: renamed, renames } = featureSafeColumnNames(table);
    expect(renames).toEqual({ 'Beak Length (mm)': 'beak_length_mm_2', '2nd try': '_2nd_try' });
    expect([...renamed.columns.keys()]).toEqual(['beak_length_mm_2', 'beak_length_mm', 'Island', '_2nd_try']);
  });
});
