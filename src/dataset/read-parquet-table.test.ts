import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readParquetTable } from './read-parquet-table.js';

const FLIGHTS = path.resolve(import.meta.dirname, '../../node_modules/vega-datasets/data/flights-3m.parquet');

describe('readParquetTable', () => {
  it('reads all 3 million zstd-compressed flights in seconds: integers as numbers, text as strings, timestamps as ISO text', async () => {
    const started = performance.now();
    const table = await readParquetTable(FLIGHTS);
    const seconds = (performance.now() - started) / 1000;
    expect(seconds, `reading took ${seconds.toFixed(1)} s`).toBeLessThan(60);
    expect(table.rowCount).toBe(3_000_000);
    expect([...table.columns.values()].map((column) => [column.name, column.type, column.values.length])).toEqual([
      ['date', 'string', 3_000_000],
      ['delay', 'number', 3_000_000],
      ['distance', 'number', 3_000_000],
      ['origin', 'string', 3_000_000],
      ['destination', 'string', 3_000_000],
    ]);
    expect(table.columns.get('delay')?.values).toBeInstanceOf(Float64Array);
    const last = 2_999_999;
    const row = (index: number) => [...table.columns.values()].map((column) => column.values[index]);
    expect(row(0)).toEqual(['2001-01-01T00:01:00.000Z', 33, 2176, 'LAS', 'PHL']);
    expect(row(last)).toEqual(['2001-07-01T00:00:00.000Z', 33, 373, 'ATL', 'CVG']);
    const dates = table.columns.get('date')!.values as string[];
    expect(dates.every((date) => /^2001-0[1-7]-\d\dT\d\d:\d\d:00\.000Z$/.test(date))).toBe(true);
  }, 120_000);

  it('reads only the first rows when given a limit', async () => {
    const table = await readParquetTable(FLIGHTS, { limit: 5 });
    expect(table.rowCount).toBe(5);
    expect(table.columns.get('origin')?.values).toHaveLength(5);
    expect((table.columns.get('date')!.values as string[])[4]).toBe('2001-01-01T00:01:00.000Z');
    expect(Array.from(table.columns.get('distance')!.values as Float64Array)).toEqual([2176, 215, 405, 2345, 75]);
    expect((await readParquetTable(FLIGHTS, { limit: 0 })).rowCount).toBe(0);
  });

  it('reports a missing file and a file that is not parquet with their own codes', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pitstop-parquet-'));
    try {
      await expect(readParquetTable(path.join(dir, 'missing.parquet'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
      const notParquet = path.join(dir, 'data.parquet');
      await fs.writeFile(notParquet, 'a,b\n1,2\n');
      await expect(readParquetTable(notParquet)).rejects.toMatchObject({ code: 'REFERENCE_DATA_INVALID', message: expect.stringContaining('is not a readable parquet file') });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
