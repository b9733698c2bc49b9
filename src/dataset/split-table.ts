// Splits a Table into train, validation and holdout parts: at random (seeded), by stratum, or by time.
import { PitstopError } from '../errors/index.js';
import { parseIsoDate } from './parse-iso-date.js';
import { seededRandom, shuffleInPlace } from './seeded-random.js';
import { cellValue, type Table } from './table.js';
import { takeRows } from './take-rows.js';

export interface SplitFractions {
  readonly train: number;
  /** Absent: no validation part (null in the result). */
  readonly validation?: number;
  readonly holdout: number;
}

export interface SplitOptions {
  /** Shares of the rows; they must add up to 1. */
  readonly fractions: SplitFractions;
  /** The same seed (an integer) gives the same rows in each part. */
  readonly seed: number;
  /** Split by time instead: the earliest rows train, the latest are held out. Numbers or ISO-8601 text. */
  readonly timeColumn?: string;
  /** Split each value of this column (missing being one more value) in the same shares, so each part has its mix. */
  readonly stratifyBy?: string;
}

export interface TableSplit {
  readonly train: Table;
  readonly validation: Table | null;
  readonly holdout: Table;
}

/** Random and stratified parts keep the table's row order; time parts are in time order (ties in row order). */
export function splitTable(table: Table, options: SplitOptions): TableSplit {
  const fractions = checkedFractions(options.fractions);
  if (!Number.isSafeInteger(options.seed)) throw new PitstopError('VALIDATION_FAILED', `a split seed must be an integer, not ${options.seed}`, { field: 'seed' });
  if (options.timeColumn !== undefined && options.stratifyBy !== undefined) {
    throw new PitstopError('VALIDATION_FAILED', 'a split is either by time (timeColumn) or stratified (stratifyBy), not both', { field: 'stratifyBy' });
  }
  let parts: number[][];
  if (options.timeColumn !== undefined) {
    parts = cut(rowsInTimeOrder(table, options.timeColumn), fractions);
  } else {
    const random = seededRandom(options.seed);
    const groups = options.stratifyBy === undefined ? [allRows(table.rowCount)] : strata(table, options.stratifyBy);
    parts = fractions.map(() => []);
    for (const group of groups) {
      cut(shuffleInPlace(group, random), fractions).forEach((part, i) => {
        for (const row of part) parts[i]!.push(row);
      });
    }
    for (const part of parts) part.sort((a, b) => a - b);
  }
  const [train, validation, holdout] = parts.map((rows) => takeRows(table, rows));
  return { train: train!, validation: options.fractions.validation === undefined ? null : validation!, holdout: holdout! };
}

/** [train, validation, holdout], validation 0 when absent. */
function checkedFractions(fractions: SplitFractions): [number, number, number] {
  const shares: [number, number, number] = [fractions.train, fractions.validation ?? 0, fractions.holdout];
  const sum = shares.reduce((total, share) => total + share, 0);
  if (shares.some((share) => !Number.isFinite(share) || share < 0) || Math.abs(sum - 1) > 1e-9) {
    throw new PitstopError('VALIDATION_FAILED', `split fractions must be shares from 0 to 1 adding up to 1; train ${fractions.train}, validation ${fractions.validation ?? '(none)'} and holdout ${fractions.holdout} add up to ${sum}`, { field: 'fractions' });
  }
  return shares;
}

/** Cuts `rows` into consecutive parts; sizes are rounded by largest remainder so they add up to the row count. */
function cut(rows: number[], fractions: readonly number[]): number[][] {
  const exact = fractions.map((share) => share * rows.length);
  const sizes = exact.map(Math.floor);
  const left = rows.length - sizes.reduce((total, size) => total + size, 0);
  const byRemainder = exact.map((value, i) => i).sort((a, b) => exact[b]! - sizes[b]! - (exact[a]! - sizes[a]!) || a - b);
  for (let k = 0; k < left; k += 1) sizes[byRemainder[k]!]! += 1;
  let start = 0;
  return sizes.map((size) => rows.slice(start, (start += size)));
}

function allRows(count: number): number[] {
  return Array.from({ length: count }, (_, row) => row);
}

function strata(table: Table, name: string): number[][] {
  const column = table.columns.get(name);
  if (column === undefined) throw unknownColumn(table, name, 'stratifyBy');
  const groups = new Map<number | string | boolean | null, number[]>();
  for (let row = 0; row < table.rowCount; row += 1) {
    const value = cellValue(column, row);
    const group = groups.get(value);
    if (group) group.push(row);
    else groups.set(value, [row]);
  }
  return [...groups.values()];
}

function rowsInTimeOrder(table: Table, name: string): number[] {
  const column = table.columns.get(name);
  if (column === undefined) throw unknownColumn(table, name, 'timeColumn');
  if (column.type === 'boolean') throw new PitstopError('VALIDATION_FAILED', `time column "${name}" holds booleans, not times`, { field: 'timeColumn' });
  const times = new Float64Array(table.rowCount);
  for (let row = 0; row < table.rowCount; row += 1) {
    const value = cellValue(column, row);
    const time = typeof value === 'string' ? parseIsoDate(value) : (value as number | null);
    if (time === null || time === undefined) {
      const problem = value === null ? 'has no value' : `holds ${JSON.stringify(value)}, not an ISO-8601 date`;
      throw new PitstopError('VALIDATION_FAILED', `time column "${name}" ${problem} in row ${row}; a time split needs a time for every row`, { field: 'timeColumn' });
    }
    times[row] = time;
  }
  return allRows(table.rowCount).sort((a, b) => times[a]! - times[b]! || a - b);
}

function unknownColumn(table: Table, name: string, field: string): PitstopError {
  return new PitstopError('VALIDATION_FAILED', `there is no column "${name}" to split by (the columns: ${[...table.columns.keys()].join(', ')})`, { field });
}
