// Checks rows for a feature table against its columns' types and turns them into storable rows: the entity key as
// text, values by column, missing values left out. Every problem names the row and the column.
import { PitstopError, type FieldError } from '../errors/index.js';
import { datetimeEpochSeconds } from '../manifest/index.js';
import type { FeatureColumnType, FeatureKeyType, FeatureRow, NewFeatureTable } from '../store/index.js';

/**
 * `json`: values from a JSON body must already have their type (a number column takes 3, not "3").
 * `file`: cells from a data file may be text (CSV) and are read as the column's type ("3" → 3, "true" → true).
 */
export type ValueSource = 'json' | 'file';

export interface CheckRowsOptions {
  readonly source: ValueSource;
  /** Where a cell is, for messages: `users.csv row 3, column "plan"` or `rows[2].plan`. */
  readonly place: (index: number, column: string) => string;
}

/** Problems listed in one error at most. */
const MAX_LISTED = 100;
/** Longest entity key: keys are index entries, not documents. */
const MAX_KEY_LENGTH = 512;
// Plain decimal notation only: Number() would also take "0x1f", "Infinity" and "  " (as 0).
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER_TEXT = /^-?(?:0|[1-9]\d*)$/;

/**
 * The rows as the store takes them, or VALIDATION_FAILED listing (up to 100) cells at fault, each as `rows[i].column`.
 * Every row needs the table's key; a column the table does not have is refused.
 */
export function checkFeatureRows(table: NewFeatureTable, records: readonly unknown[], options: CheckRowsOptions): FeatureRow[] {
  const types = new Map(table.columns.map((c) => [c.name, c.type]));
  const keyName = table.key.name;
  const problems: FieldError[] = [];
  const messages: string[] = [];
  let total = 0;
  const fail = (index: number, column: string, message: string) => {
    total++;
    if (problems.length >= MAX_LISTED) return;
    problems.push({ field: column ? `rows[${index}].${column}` : `rows[${index}]`, message });
    messages.push(`${column ? options.place(index, column) : `rows[${index}]`}: ${message}`);
  };
  const rows: FeatureRow[] = [];
  records.forEach((record, index) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) return fail(index, '', `expected an object of column values, got ${describe(record)}`);
    const cells = record as Record<string, unknown>;
    const key = entityKey(Object.hasOwn(cells, keyName) ? cells[keyName] : undefined, table.key.type, options.source);
    if (typeof key !== 'string') fail(index, keyName, key.problem);
    const values: Record<string, unknown> = {};
    for (const [column, raw] of Object.entries(cells)) {
      if (column === keyName || raw === null || raw === undefined) continue;
      const type = types.get(column);
      if (type === undefined) {
        fail(index, column, `unknown column; feature table "${table.name}" has ${[...types.keys()].join(', ') || 'no value columns'}`);
        continue;
      }
      const value = featureValue(raw, type, options.source);
      if (value instanceof ValueProblem) fail(index, column, value.message);
      else values[column] = value;
    }
    if (typeof key === 'string') rows.push({ key, values });
  });
  if (problems.length > 0) {
    const more = total > 1 ? ` (and ${total - 1} more ${total === 2 ? 'problem' : 'problems'}${total > MAX_LISTED ? `; the first ${MAX_LISTED} are listed` : ''})` : '';
    throw new PitstopError('VALIDATION_FAILED', `${messages[0]}${more}`, { field: problems[0]!.field, errors: problems });
  }
  return rows;
}

/** The text an entity key is stored under (integer keys in canonical form: 42, "42" → "42"), or why there is none. */
export function entityKey(value: unknown, type: FeatureKeyType, source: ValueSource): string | { problem: string } {
  if (value === undefined || value === null) return { problem: 'is missing; every row needs its key' };
  if (type === 'integer') {
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    if (typeof value === 'string' && INTEGER_TEXT.test(value) && Number.isSafeInteger(Number(value))) return value;
    return { problem: `expected an integer key, got ${describe(value)}` };
  }
  const text = typeof value === 'string' ? value : source === 'file' && (typeof value === 'number' || typeof value === 'boolean') ? String(value) : undefined;
  if (text === undefined) return { problem: `expected a text key, got ${describe(value)}` };
  if (text === '' || text.length > MAX_KEY_LENGTH) return { problem: `a key holds 1 to ${MAX_KEY_LENGTH} characters, got ${text.length}` };
  return text;
}

class ValueProblem {
  constructor(readonly message: string) {}
}

function featureValue(value: unknown, type: FeatureColumnType, source: ValueSource): unknown {
  const text = source === 'file' && typeof value === 'string' ? value.trim() : undefined;
  const wrong = (expected: string) => new ValueProblem(`expected ${expected}, got ${describe(value)}`);
  switch (type) {
    case 'number': {
      const n = text !== undefined && DECIMAL.test(text) ? Number(text) : value;
      return typeof n === 'number' && Number.isFinite(n) ? n : wrong('a finite number');
    }
    case 'integer': {
      const n = text !== undefined && DECIMAL.test(text) ? Number(text) : value;
      return typeof n === 'number' && Number.isSafeInteger(n) ? n : wrong('an integer');
    }
    case 'boolean': {
      const lower = text?.toLowerCase();
      const b = lower === 'true' ? true : lower === 'false' ? false : value;
      return typeof b === 'boolean' ? b : wrong('true or false');
    }
    case 'category':
    case 'string':
      if (typeof value === 'string') return value;
      // A data file's reader may have read a code such as 7 as a number; a category is compared as text.
      return source === 'file' && (typeof value === 'number' || typeof value === 'boolean') ? String(value) : wrong('text');
    case 'datetime': {
      const candidate = text !== undefined && DECIMAL.test(text) ? Number(text) : value;
      return datetimeEpochSeconds(candidate) !== null ? candidate : wrong('an ISO-8601 date-time or epoch milliseconds');
    }
    case 'json':
      if (text === undefined) return value;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return wrong('JSON text');
      }
  }
}

/** `string "12"`, `number 2.5`, `boolean true`, `array`, `object`: what a message says came instead. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return `a${typeof value === 'object' ? 'n' : ''} ${typeof value}`;
}
