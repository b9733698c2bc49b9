// A SHA-256 fingerprint of a Table's content, for lineage: the same data gives the same digest whatever file it came from.
import { createHash, type Hash } from 'node:crypto';
import type { Column, Table } from './table.js';

const VALUES_PER_UPDATE = 65_536;

/**
 * Hex SHA-256 over a canonical form: the row count, then each column in order with its name, its type and its values
 * (numbers as little-endian float64 with one NaN and no -0; text as JSON strings; missing values as their own mark).
 * So a CSV and a JSON file holding the same values with the same column types and order agree, however they spell
 * their numbers or quote their text; reordering columns or rows changes it.
 */
export function tableFingerprint(table: Table): string {
  const hash = createHash('sha256');
  hash.update(`pitstop-table-v1\n${table.rowCount} rows\n`);
  for (const column of table.columns.values()) {
    hash.update(`${JSON.stringify(column.name)} ${column.type}\n`);
    hashValues(hash, column);
  }
  return hash.digest('hex');
}

function hashValues(hash: Hash, column: Column): void {
  const count = column.values.length;
  for (let start = 0; start < count; start += VALUES_PER_UPDATE) {
    const end = Math.min(count, start + VALUES_PER_UPDATE);
    if (column.type === 'number') {
      hash.update(canonicalNumbers(column.values, start, end));
    } else if (column.type === 'boolean') {
      let marks = '';
      for (let i = start; i < end; i += 1) marks += column.values[i] === null ? 'n' : column.values[i] ? 't' : 'f';
      hash.update(marks);
    } else {
      let texts = '';
      for (let i = start; i < end; i += 1) texts += `${column.values[i] === null ? 'null' : JSON.stringify(column.values[i])}\n`;
      hash.update(texts);
    }
  }
}

const LITTLE_ENDIAN = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f;

/**
 * values[start, end) as little-endian float64 bytes, with one NaN and no -0. A loop in a function of its own: V8 code
 * compiled in the middle of a long loop gives up at the first statement after it that has not run yet.
 */
function canonicalNumbers(values: Float64Array, start: number, end: number): Uint8Array {
  const canonical = new Float64Array(end - start);
  if (!LITTLE_ENDIAN) return canonicalNumbersThroughView(values, start, end);
  for (let i = start; i < end; i += 1) {
    const value = values[i]!;
    // NaN !== NaN; a stored Number.NaN has the one canonical bit pattern, and 0 replaces -0.
    canonical[i - start] = value !== value ? Number.NaN : value === 0 ? 0 : value;
  }
  return new Uint8Array(canonical.buffer);
}

function canonicalNumbersThroughView(values: Float64Array, start: number, end: number): Uint8Array {
  const view = new DataView(new ArrayBuffer((end - start) * 8));
  for (let i = start; i < end; i += 1) {
    const value = values[i]!;
    view.setFloat64((i - start) * 8, Number.isNaN(value) ? Number.NaN : value === 0 ? 0 : value, true);
  }
  return new Uint8Array(view.buffer);
}
