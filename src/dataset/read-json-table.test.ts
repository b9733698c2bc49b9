import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readJsonTable } from './read-json-table.js';

const DATA = path.resolve(import.meta.dirname, '../../node_modules/vega-datasets/data');

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pitstop-json-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function json(text: string): Promise<string> {
  const file = path.join(dir, 'data.json');
  await fs.writeFile(file, text);
  return file;
}

describe('readJsonTable', () => {
  it('reads the penguins: text, numbers with nulls as NaN, and missing text as null', async () => {
    const table = await readJsonTable(path.join(DATA, 'penguins.json'));
    expect(table.rowCount).toBe(344);
    expect([...table.columns.values()].map((column) => [column.name, column.type])).toEqual([
      ['Species', 'string'],
      ['Island', 'string'],
      ['Beak Length (mm)', 'number'],
      ['Beak Depth (mm)', 'number'],
      ['Flipper Length (mm)', 'number'],
      ['Body Mass (g)', 'number'],
      ['Sex', 'string'],
    ]);
    expect(Array.from(table.columns.get('Body Mass (g)')!.values as Float64Array).filter(Number.isNaN)).toHaveLength(2);
    expect((table.columns.get('Sex')!.values as (string | null)[]).filter((sex) => sex === null)).toHaveLength(10);
  });

  it('keeps dates in the cars as text', async () => {
    const table = await readJsonTable(path.join(DATA, 'cars.json'));
    expect(table.rowCount).toBe(406);
    expect(table.columns.get('Year')).toMatchObject({ type: 'string' });
    expect((table.columns.get('Year')!.values as string[])[0]).toBe('1970-01-01');
  });

  it('refuses JSON that is not an array of records, naming the item at fault', async () => {
    await expect(readJsonTable(await json('{"a": 1}'))).rejects.toMatchObject({ code: 'REFERENCE_DATA_INVALID', message: expect.stringContaining('holds an object, not an array of records') });
    await expect(readJsonTable(await json('[{"a": 1}, [1], 3]'))).rejects.toMatchObject({ field: '[1]', message: expect.stringContaining('item 1 is an array, not a record') });
    await expect(readJsonTable(await json('[{"a": 1},'))).rejects.toMatchObject({ code: 'REFERENCE_DATA_INVALID', message: expect.stringContaining('is not valid JSON') });
    await expect(readJsonTable(path.join(dir, 'missing.json'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });
});
