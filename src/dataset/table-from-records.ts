// Builds a Table from in-memory records (parsed JSON, smoke inputs), inferring each column's type from its values.
import { PitstopError } from '../errors/index.js';
import type { Column, Table } from './table.js';

type Cell = number | string | boolean | null;

/**
 * Columns appear in the order their keys are first met. null, undefined, NaN and an absent key are missing values.
 * A column of numbers is a number column, of booleans a boolean column, of strings (or of mixed kinds) a string column.
 * Strings are kept as they are: "NA" in a record is the text NA, not a missing value.
 */
export function tableFromRecords(records: readonly Record<string, unknown>[]): Table {
  const names: string[] = [];
  const known = new Set<string>();
  for (const record of records) {
    for (const key of Object.keys(record)) {
      if (!known.has(key)) {
        known.add(key);
        names.push(key);
      }
    }
  }
  const columns = new Map<string, Column>();
  for (const name of names) {
    const cells = records.map((record, index) => cellOf(Object.hasOwn(record, name) ? record[name] : undefined, index, name));
    columns.set(name, columnOf(name, cells));
  }
  return { rowCount: records.length, columns };
}

function cellOf(value: unknown, index: number, name: string): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return null;
    if (!Number.isFinite(value)) throw invalidValue(index, name, `${value} is not a finite number`);
    return value;
  }
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  throw invalidValue(index, name, `${Array.isArray(value) ? 'an array' : `a value of type ${typeof value}`} is not a number, string or boolean`);
}

function columnOf(name: string, cells: Cell[]): Column {
  const kinds = new Set(cells.filter((cell) => cell !== null).map((cell) => typeof cell));
  if (kinds.size === 0 || (kinds.size === 1 && kinds.has('number'))) {
    return { name, type: 'number', values: Float64Array.from(cells, (cell) => (cell === null ? Number.NaN : (cell as number))) };
  }
  if (kinds.size === 1 && kinds.has('boolean')) return { name, type: 'boolean', values: cells as (boolean | null)[] };
  return { name, type: 'string', values: cells.map((cell) => (cell === null ? null : String(cell))) };
}

function invalidValue(index: number, name: string, problem: string): PitstopError {
  return new PitstopError('REFERENCE_DATA_INVALID', `record ${index}, column "${name}": ${problem}`, { field: `[${index}].${name}` });
}
