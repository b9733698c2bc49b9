import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inferFeatures } from './infer-features.js';
import { readCsvTable } from './read-csv-table.js';
import { readJsonTable } from './read-json-table.js';
import { renameColumns } from './rename-columns.js';
import { tableFromRecords } from './table-from-records.js';

const DATA = path.resolve(import.meta.dirname, '../../node_modules/vega-datasets/data');

describe('inferFeatures', () => {
  it('types the penguins: categories, whole and fractional numbers, with required false where values are missing', async () => {
    const penguins = renameColumns(await readJsonTable(path.join(DATA, 'penguins.json')), {
      'Beak Length (mm)': 'beak_length_mm',
      'Beak Depth (mm)': 'beak_depth_mm',
      'Flipper Length (mm)': 'flipper_length_mm',
      'Body Mass (g)': 'body_mass_g',
    });
    expect(inferFeatures(penguins, { target: 'Species' })).toEqual([
      { name: 'Island', type: 'category', required: true, allowNaN: false },
      { name: 'beak_length_mm', type: 'number', required: false, allowNaN: false },
      { name: 'beak_depth_mm', type: 'number', required: false, allowNaN: false },
      { name: 'flipper_length_mm', type: 'integer', required: false, allowNaN: false },
      { name: 'body_mass_g', type: 'integer', required: false, allowNaN: false },
      { name: 'Sex', type: 'category', required: false, allowNaN: false },
    ]);
  });

  it('finds the date column of the Seattle weather and leaves out excluded columns', async () => {
    const weather = await readCsvTable(path.join(DATA, 'seattle-weather.csv'));
    expect(inferFeatures(weather, { target: 'weather', exclude: ['wind'] }).map(({ name, type }) => [name, type])).toEqual([
      ['date', 'datetime'],
      ['precipitation', 'number'],
      ['temp_max', 'number'],
      ['temp_min', 'number'],
    ]);
  });

  it('calls text free when it has more than 50 distinct values and at least 5% distinct', () => {
    const texts = (distinct: number, rows: number) => tableFromRecords(Array.from({ length: rows }, (_, i) => ({ t: `v${i % distinct}`, y: 1 })));
    const typeOf = (distinct: number, rows: number) => inferFeatures(texts(distinct, rows), { target: 'y' })[0]?.type;
    expect(typeOf(50, 100)).toBe('category');
    expect(typeOf(51, 100)).toBe('string');
    expect(typeOf(99, 2000)).toBe('category');
    expect(typeOf(100, 2000)).toBe('string');
  });

  it('calls text datetime only when every value is an ISO-8601 date', () => {
    const table = tableFromRecords([
      { at: '2012-01-01T10:00:00Z', day: '2012-01-02', mixed: '2012-01-03', y: 1 },
      { at: '2012-01-01T11:30:00+02:00', day: null, mixed: 'soon', y: 0 },
    ]);
    expect(inferFeatures(table, { target: 'y' }).map(({ name, type, required }) => [name, type, required])).toEqual([
      ['at', 'datetime', true],
      ['day', 'datetime', false],
      ['mixed', 'category', true],
    ]);
  });

  it('refuses a column whose name cannot be a feature name, and an unknown target', () => {
    const table = tableFromRecords([{ 'Body Mass (g)': 1, y: 1 }]);
    expect(() => inferFeatures(table, { target: 'y' })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'Body Mass (g)', message: expect.stringContaining('renameColumns') }));
    expect(() => inferFeatures(table, { target: 'z' })).toThrow(expect.objectContaining({ field: 'target' }));
  });
});
