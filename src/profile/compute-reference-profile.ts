// Computes the reference profile of a table's features: a pure function of the table and the declared feature types.
import type { Column, DeclaredColumnType, Table } from '../dataset/index.js';
import { PitstopError } from '../errors/index.js';
import { datetimeEpochSeconds } from '../manifest/index.js';
import { categoricalFeatureProfile } from './categorical-feature-profile.js';
import { numericFeatureProfile } from './numeric-feature-profile.js';
import { Float64Sorter } from './sort-float64.js';
import type { FeatureProfile, ReferenceProfile } from './reference-profile-schema.js';

export interface ProfiledFeature {
  readonly name: string;
  readonly type: DeclaredColumnType | 'datetime';
}

/**
 * number and integer features get a numeric profile, datetime features one over epoch seconds; category, string and boolean features a categorical one
 * (booleans counted as "true" / "false", numbers by their shortest decimal text). A feature the table lacks, or whose
 * column holds values of another kind, is REFERENCE_DATA_INVALID naming it.
 */
export function computeReferenceProfile(table: Table, features: readonly ProfiledFeature[]): ReferenceProfile {
  const seen = new Set<string>();
  const sorter = new Float64Sorter();
  const profiles = features.map((feature): [string, FeatureProfile] => {
    if (seen.has(feature.name)) throw new PitstopError('VALIDATION_FAILED', `feature "${feature.name}" is listed twice`, { field: feature.name });
    seen.add(feature.name);
    const column = table.columns.get(feature.name);
    if (!column) {
      const known = [...table.columns.keys()].join(', ') || 'none';
      throw new PitstopError('REFERENCE_DATA_INVALID', `reference data has no column for feature "${feature.name}" (its columns: ${known})`, { field: feature.name });
    }
    return [feature.name, featureProfile(column, feature.type, table.rowCount, sorter)];
  });
  return { schemaVersion: 1, rowCount: table.rowCount, features: Object.fromEntries(profiles) };
}

function featureProfile(column: Column, type: ProfiledFeature['type'], rowCount: number, sorter: Float64Sorter): FeatureProfile {
  if (type === 'datetime') {
    const present = datetimeValues(column);
    return numericFeatureProfile(present, rowCount - present.length, sorter);
  }
  if (type === 'number' || type === 'integer') {
    const present = numericValues(column, type);
    return numericFeatureProfile(present, rowCount - present.length, sorter);
  }
  const present = textValues(column, type);
  return categoricalFeatureProfile(present, rowCount - present.length);
}

function numericValues(column: Column, type: 'number' | 'integer'): Float64Array {
  if (column.type !== 'number') {
    assertNoValues(column, type);
    return new Float64Array(0);
  }
  const { values } = column;
  // Profiling only reads the values, so a number column without missing values is profiled as it is, not copied.
  if (type === 'number' && !hasNaN(values)) return values;
  const present = new Float64Array(values.length);
  let count = 0;
  for (let row = 0; row < values.length; row++) {
    const value = values[row]!;
    if (Number.isNaN(value)) continue;
    if (type === 'integer' && !Number.isInteger(value)) throw kindMismatch(column.name, type, row, value);
    present[count++] = value;
  }
  return present.subarray(0, count);
}

function hasNaN(values: Float64Array): boolean {
  for (let row = 0; row < values.length; row++) if (values[row] !== values[row]) return true;
  return false;
}

function datetimeValues(column: Column): number[] {
  const present: number[] = [];
  column.values.forEach((value: unknown, row) => {
    if (value === null || (typeof value === 'number' && Number.isNaN(value))) return;
    // Numbers in a datetime column are epoch milliseconds, as the server reads them.
    const seconds = datetimeEpochSeconds(value);
    if (seconds === null) throw kindMismatch(column.name, 'datetime', row, value);
    present.push(seconds);
  });
  return present;
}

function textValues(column: Column, type: 'boolean' | 'category' | 'string'): string[] {
  if (column.type === 'boolean') return column.values.filter((value) => value !== null).map(String);
  if (type === 'boolean') {
    assertNoValues(column, type);
    return [];
  }
  if (column.type === 'string') return column.values.filter((value): value is string => value !== null);
  return Array.from(column.values).filter((value) => !Number.isNaN(value)).map(String);
}

/** A column of the wrong kind is acceptable only when it holds nothing at all (as an all-empty CSV column does). */
function assertNoValues(column: Column, type: DeclaredColumnType): void {
  const row = Array.from(column.values as ArrayLike<unknown>).findIndex((value) => value !== null && !(typeof value === 'number' && Number.isNaN(value)));
  if (row !== -1) throw kindMismatch(column.name, type, row, column.values[row]);
}

function kindMismatch(name: string, type: ProfiledFeature['type'], row: number, value: unknown): PitstopError {
  return new PitstopError('REFERENCE_DATA_INVALID', `feature "${name}" is declared ${type}, but row ${row + 1} of its column holds ${JSON.stringify(value)}`, { field: name });
}
