// Proposes manifest features for a table's columns: a type for each, and whether it may be missing.
import { PitstopError } from '../errors/index.js';
import { FeatureSchema, type Feature, type FeatureType } from '../manifest/index.js';
import { parseIsoDate } from './parse-iso-date.js';
import type { Column, Table } from './table.js';

export interface InferFeaturesOptions {
  /** The column the model predicts; it is not a feature. */
  readonly target: string;
  /** Columns that are not features either (ids, leaks). */
  readonly exclude?: readonly string[];
}

// A text column with few distinct values, absolutely or relative to its size, is a category rather than free text.
const MAX_CATEGORIES = 50;
const MAX_DISTINCT_SHARE = 0.05;

/**
 * One feature per other column, in column order. Numbers are `integer` when every value is whole, else `number`;
 * booleans `boolean`; text `datetime` when every value is an ISO-8601 date, `category` when it has at most 50 distinct
 * values or fewer than 5% distinct, else `string`. `required` is false when the column has a missing value.
 * min, max and categories are left for the caller (a pipeline's fitted spec knows them better).
 */
export function inferFeatures(table: Table, options: InferFeaturesOptions): Feature[] {
  const excluded = new Set([options.target, ...(options.exclude ?? [])]);
  for (const name of excluded) {
    if (!table.columns.has(name)) {
      const field = name === options.target ? 'target' : 'exclude';
      throw new PitstopError('VALIDATION_FAILED', `there is no column "${name}" (the columns: ${[...table.columns.keys()].join(', ')})`, { field });
    }
  }
  const features: Feature[] = [];
  for (const column of table.columns.values()) {
    if (excluded.has(column.name)) continue;
    const feature: Feature = { name: column.name, type: featureType(column), required: !hasMissing(column), allowNaN: false };
    const checked = FeatureSchema.safeParse(feature);
    if (!checked.success) {
      const problem = checked.error.issues.map((issue) => issue.message).join('; ');
      throw new PitstopError('VALIDATION_FAILED', `column "${column.name}" cannot be a feature: ${problem}; rename it (renameColumns) or exclude it`, { field: column.name });
    }
    features.push(feature);
  }
  return features;
}

function featureType(column: Column): FeatureType {
  if (column.type === 'boolean') return 'boolean';
  if (column.type === 'number') return column.values.every((value) => Number.isNaN(value) || Number.isInteger(value)) ? 'integer' : 'number';
  const present = column.values.filter((value): value is string => value !== null);
  if (present.length > 0 && present.every((value) => parseIsoDate(value) !== undefined)) return 'datetime';
  const distinct = new Set(present).size;
  return distinct <= MAX_CATEGORIES || distinct < MAX_DISTINCT_SHARE * present.length ? 'category' : 'string';
}

function hasMissing(column: Column): boolean {
  if (column.type === 'number') return column.values.some(Number.isNaN);
  return (column.values as readonly unknown[]).includes(null);
}
