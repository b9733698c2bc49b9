import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTable } from './read-table.js';

const DATA = path.resolve(import.meta.dirname, '../../node_modules/vega-datasets/data');

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pitstop-table-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('readTable', () => {
  it('chooses the reader by extension, in any letter case', async () => {
    expect((await readTable(path.join(DATA, 'seattle-weather.csv'))).rowCount).toBe(1461);
    expect((await readTable(path.join(DATA, 'penguins.json'))).rowCount).toBe(344);
    expect((await readTable(path.join(DATA, 'flights-3m.parquet'), { limit: 10 })).rowCount).toBe(10);
    const upper = path.join(dir, 'DATA.CSV');
    await fs.writeFile(upper, 'a\n1\n');
    expect((await readTable(upper)).columns.get('a')?.type).toBe('number');
  });

  it('refuses an unknown extension and lists the known ones', async () => {
    await expect(readTable(path.join(DATA, 'unemployment.tsv'))).rejects.toMatchObject({
      code: 'REFERENCE_DATA_INVALID',
      message: expect.stringMatching(/ending in \.tsv; known extensions: \.csv, \.json, \.parquet$/),
    });
    await expect(readTable(path.join(dir, 'data'))).rejects.toMatchObject({ message: expect.stringContaining('without an extension') });
  });

  it('keeps the first rows of any format when given a limit', async () => {
    const table = await readTable(path.join(DATA, 'cars.json'), { limit: 3 });
    expect(table.rowCount).toBe(3);
    expect(table.columns.get('Name')?.values).toEqual(['chevrolet chevelle malibu', 'buick skylark 320', 'plymouth satellite']);
  });

  it('applies declared types to JSON as to CSV: a numeric category becomes its text', async () => {
    const table = await readTable(path.join(DATA, 'cars.json'), { columns: { Cylinders: 'category', Horsepower: 'number' } });
    expect(table.columns.get('Cylinders')).toMatchObject({ type: 'string' });
    expect((table.columns.get('Cylinders')!.values as string[]).slice(0, 2)).toEqual(['8', '8']);
    await expect(readTable(path.join(DATA, 'cars.json'), { columns: { Name: 'number' } })).rejects.toMatchObject({
      code: 'REFERENCE_DATA_INVALID',
      field: 'Name',
      message: expect.stringContaining('column "Name" holds string values, not numbers'),
    });
    await expect(readTable(path.join(DATA, 'cars.json'), { columns: { Acceleration: 'integer' } })).rejects.toMatchObject({ message: expect.stringMatching(/not an integer$/) });
    await expect(readTable(path.join(DATA, 'cars.json'), { columns: { Colour: 'string' } })).rejects.toMatchObject({ field: 'Colour', message: expect.stringContaining('has no column "Colour"') });
  });
});
