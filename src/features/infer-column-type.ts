// Proposes a type for a new feature-table column, and for the key, from the values a data file holds.
import { datetimeEpochSeconds } from '../manifest/index.js';
import type { FeatureColumnType, FeatureKeyType } from '../store/index.js';

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER_TEXT = /^-?(?:0|[1-9]\d*)$/;
// "00501" is a code (a zip, an id), not the number 501: reading it as one would lose its zeros.
const ZERO_PADDED = /^[+-]?0\d/;

/**
 * `integer` when every present value is a whole number (or its text), `number` when every one is a number (text with
 * a leading zero such as "00501" is a code, not a number), `boolean`
 * when every one is true/false, `datetime` when every one is an ISO-8601 date, else `string`. A column with no value
 * at all is `number`, as the CSV reader reads it. Categories are never guessed: declare them (`--types plan=category`)
 * when a manifest feature of that type is filled from the column; `string` fills it as well.
 */
export function inferColumnType(values: readonly unknown[]): FeatureColumnType {
  const present = values.filter((v) => v !== null && v !== undefined && v !== '');
  const numbers = present.map((v) => (typeof v === 'string' && DECIMAL.test(v.trim()) && !ZERO_PADDED.test(v.trim()) ? Number(v) : v));
  if (numbers.every((v) => typeof v === 'number' && Number.isFinite(v))) return (numbers as number[]).every(Number.isSafeInteger) ? 'integer' : 'number';
  if (present.every((v) => typeof v === 'boolean' || (typeof v === 'string' && /^(true|false)$/i.test(v.trim())))) return 'boolean';
  if (present.every((v) => typeof v === 'string' && !DECIMAL.test(v.trim()) && datetimeEpochSeconds(v.trim()) !== null)) return 'datetime';
  return 'string';
}

/** `integer` when every key is a whole number written without leading zeros (so "007" stays a text key), else `string`. */
export function inferKeyType(values: readonly unknown[]): FeatureKeyType {
  const integer = values.every((v) => (typeof v === 'number' && Number.isSafeInteger(v)) || (typeof v === 'string' && INTEGER_TEXT.test(v) && Number.isSafeInteger(Number(v))));
  return integer && values.length > 0 ? 'integer' : 'string';
}
