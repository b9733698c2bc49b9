import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvTable } from './read-csv-table.js';
import { readJsonTable } from './read-json-table.js';
import { tableFingerprint } from './table-fingerprint.js';
import { tableFromRecords } from './table-from-records.js';

const PENGUINS = path.resolve(import.meta.dirname, '../../node_modules/vega-datasets/data/penguins.json');

describe('tableFingerprint', () => {
  it('is the same for the same data read from JSON and from CSV, however the CSV spells it', async () => {
    const fromJson = await readJsonTable(PENGUINS);
    const records = JSON.parse(await fs.readFile(PENGUINS, 'utf8')) as Record<string, unknown>[];
    const names = Object.keys(records[0]!);
    const cell = (value: unknown) => (value === null ? 'NA' : typeof value === 'string' ? `"${value}"` : Number(value).toExponential());
    const csv = [names.map((name) => `"${name}"`).join(','), ...records.map((record) => names.map((name) => cell(record[name])).join(','))].join('\r\n');
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pitstop-fingerprint-'));
    try {
      await fs.writeFile(path.join(dir, 'penguins.csv'), csv);
      const fromCsv = await readCsvTable(path.join(dir, 'penguins.csv'));
      expect(tableFingerprint(fromCsv)).toBe(tableFingerprint(fromJson));
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
    expect(tableFingerprint(fromJson)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps the digest it has always given (more than one chunk of values; missing numbers, -0, booleans, text)', () => {
    const rows = Array.from({ length: 70_000 }, (_, i) => ({
      x: i % 7 === 0 ? null : i % 11 === 0 ? -0 : i * 0.37 - 9000.5, flag: i % 3 === 0 ? null : i % 2 === 0, name: i % 5 === 0 ? null : `n${i % 13}`,
    }));
    expect(tableFingerprint(tableFromRecords(rows))).toBe('2eab268c63e7cee17d01a1aadb51d3a02197a0962ce91098a2c036e4d29ef16a');
  });

  it('hashes a NaN of any bit pattern as the one NaN', () => {
    const values = Float64Array.of(1, Number.NaN, 2);
    const table = { rowCount: 3, columns: new Map([['x', { name: 'x', type: 'number' as const, values }]]) };
    const before = tableFingerprint(table);
    new Uint32Array(values.buffer)[2] = 0x12345; // the NaN's low word: another payload, still NaN
    expect(Number.isNaN(values[1])).toBe(true);
    expect(tableFingerprint(table)).toBe(before);
  });

  it('changes with a value, the row order, the column order, a column type or a missing value', () => {
    const base = tableFingerprint(tableFromRecords([{ a: 1, b: 'x' }, { a: 2, b: 'y' }]));
    expect(tableFingerprint(tableFromRecords([{ a: 1, b: 'x' }, { a: 2, b: 'y' }]))).toBe(base);
    const others = [
      [{ a: 1, b: 'x' }, { a: 3, b: 'y' }],
      [{ a: 2, b: 'y' }, { a: 1, b: 'x' }],
      [{ b: 'x', a: 1 }, { b: 'y', a: 2 }],
      [{ a: '1', b: 'x' }, { a: '2', b: 'y' }],
      [{ a: 1, b: 'x' }, { a: 2, b: null }],
      [{ a: 1, b: 'x' }, { a: 2, b: 'null' }],
    ].map((records) => tableFingerprint(tableFromRecords(records)));
    expect(new Set([base, ...others]).size).toBe(7);
  });

  it('does not tell -0 from 0', () => {
    expect(tableFingerprint(tableFromRecords([{ a: -0 }]))).toBe(tableFingerprint(tableFromRecords([{ a: 0 }])));
  });
});
