// How raw feature values enter the pipeline, in JS and in the graph alike: one [N, 1] tensor per feature, named after
// it. This file is the one statement of the conventions the serving layer must follow when it builds those tensors.
import { parseIsoDate, type Column, type Table } from '../../dataset/index.js';
import { PitstopError } from '../../errors/index.js';
import type { FittedFeaturePipeline, FittedFeatureStep } from './fitted-feature-pipeline.js';

/**
 * What a serving layer feeds for a missing datetime: int64 cannot be NaN. The graph reads any value below
 * -8.64e12 s (the earliest instant a JS Date can hold) as missing, so INT64_MIN works as well.
 */
export const MISSING_DATETIME_SECONDS = Number.MIN_SAFE_INTEGER;
/** Seconds below this are a missing datetime. */
export const EARLIEST_DATETIME_SECONDS = -8_640_000_000_000;

/** A manifest input declaration: the tensor that carries one feature. */
export interface PipelineInput {
  readonly name: string;
  readonly dtype: 'float32' | 'string' | 'int64';
  readonly features: string[];
  readonly rank: 2;
}

export type PipelineFeed =
  | { readonly name: string; readonly dtype: 'float32'; readonly values: Float32Array }
  | { readonly name: string; readonly dtype: 'string'; readonly values: string[] }
  | { readonly name: string; readonly dtype: 'int64'; readonly values: BigInt64Array };

/**
 * number, integer and boolean features: float32, a boolean as 1 or 0, missing as NaN.
 * category and string features: string, a number as its JS text (3 → "3"), missing as ''.
 * datetime features: int64 epoch seconds UTC (the ISO-8601 text parsed, sub-seconds dropped), missing as
 * MISSING_DATETIME_SECONDS.
 */
export function pipelineInputs(pipeline: FittedFeaturePipeline): PipelineInput[] {
  return pipeline.features.map((step) => ({ name: step.name, dtype: inputDtype(step), features: [step.name], rank: 2 }));
}

/** The tensors (as flat arrays of `table.rowCount` values, shape [N, 1]) that the graph takes for `table`. */
export function pipelineFeeds(pipeline: FittedFeaturePipeline, table: Table): PipelineFeed[] {
  return pipeline.features.map((step) => {
    const column = featureColumn(table, step.name);
    if (step.kind === 'numeric') return { name: step.name, dtype: 'float32', values: numericInput(column) };
    if (step.kind === 'categorical') return { name: step.name, dtype: 'string', values: categoryInput(column) };
    const seconds = datetimeInput(column);
    return { name: step.name, dtype: 'int64', values: BigInt64Array.from(seconds, (value) => BigInt(Number.isNaN(value) ? MISSING_DATETIME_SECONDS : value)) };
  });
}

function inputDtype(step: FittedFeatureStep): PipelineInput['dtype'] {
  if (step.kind === 'numeric') return 'float32';
  return step.kind === 'categorical' ? 'string' : 'int64';
}

export function featureColumn(table: Table, name: string): Column {
  const column = table.columns.get(name);
  if (column === undefined) throw new PitstopError('REFERENCE_DATA_INVALID', `the data has no column for feature "${name}" (its columns: ${[...table.columns.keys()].join(', ')})`, { field: name });
  return column;
}

export function numericInput(column: Column): Float32Array {
  if (column.type === 'number') return Float32Array.from(column.values);
  if (column.type === 'boolean') return Float32Array.from(column.values, (value) => (value === null ? Number.NaN : value ? 1 : 0));
  throw new PitstopError('REFERENCE_DATA_INVALID', `column "${column.name}" holds text, and its feature takes numbers`, { field: column.name });
}

export function categoryInput(column: Column): string[] {
  return Array.from(column.values as ArrayLike<number | string | boolean | null>, (value) =>
    value === null || (typeof value === 'number' && Number.isNaN(value)) ? '' : String(value),
  );
}

/** Epoch seconds, NaN for missing (JS's own missing mark; the int64 feed uses MISSING_DATETIME_SECONDS). */
export function datetimeInput(column: Column): Float64Array {
  if (column.type !== 'string') throw new PitstopError('REFERENCE_DATA_INVALID', `column "${column.name}" holds ${column.type}s, and its datetime feature takes ISO-8601 text`, { field: column.name });
  return Float64Array.from(column.values, (text, row) => {
    if (text === null) return Number.NaN;
    const millis = parseIsoDate(text);
    if (millis === undefined) throw new PitstopError('REFERENCE_DATA_INVALID', `column "${column.name}", row ${row}: ${JSON.stringify(text)} is not an ISO-8601 date`, { field: column.name });
    return Math.floor(millis / 1000);
  });
}
