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
