import { describe, expect, it } from 'vitest';
import { tableFromRecords } from './table-from-records.js';
import { tableRows } from './table-rows.js';

describe('tableFromRecords', () => {
  it('types each column from its values and keeps the order keys are first met', () => {
    const table = tableFromRecords([
      { age: 30, sex: 'male', alive: true },
      { age: null, sex: 'female', alive: false, fare: 7.25 },
      { age: Number.NaN, alive: undefined },
    ]);
    expect(table.rowCount).toBe(3);
    expect([...table.columns.keys()]).toEqual(['age', 'sex', 'alive', 'fare']);
    expect(table.columns.get('age')?.type).toBe('number');
    expect(Array.from(table.columns.get('age')!.values as Float64Array)).toEqual([30, Number.NaN, Number.NaN]);
    expect(table.columns.get('sex')).toMatchObject({ type: 'string', values: ['male', 'female', null] });
    expect(table.columns.get('alive')).toMatchObject({ type: 'boolean', values: [true, false, null] });
    expect(Array.from(table.columns.get('fare')!.values as Float64Array)).toEqual([Number.NaN, 7.25, Number.NaN]);
  });

  it('reads a column of mixed kinds as text, and keeps "NA" as text', () => {
    expect(tableFromRecords([{ x: 1 }, { x: 'NA' }, { x: true }]).columns.get('x')).toMatchObject({ type: 'string', values: ['1', 'NA', 'true'] });
  });

  it('names the record and column of a value that is not a cell', () => {
    expect(() => tableFromRecords([{ a: 1 }, { a: { nested: true } }])).toThrow(expect.objectContaining({ code: 'REFERENCE_DATA_INVALID', message: expect.stringContaining('record 1, column "a"') }));
    expect(() => tableFromRecords([{ a: Number.POSITIVE_INFINITY }])).toThrow(expect.objectContaining({ message: expect.stringContaining('is not a finite number') }));
  });

  it('gives an empty table for no records', () => {
    expect(tableFromRecords([])).toEqual({ rowCount: 0, columns: new Map() });
  });
});

describe('tableRows', () => {
  it('gives back records with null for missing values, up to a limit', () => {
    const records = [
      { age: 30, sex: 'male', alive: true },
      { age: null, sex: null, alive: null },
      { age: 2, sex: 'female', alive: false },
    ];
    const table = tableFromRecords(records);
    expect(tableRows(table)).toEqual(records);
    expect(tableRows(table, 2)).toEqual(records.slice(0, 2));
    expect(tableRows(table, 0)).toEqual([]);
  });
});
