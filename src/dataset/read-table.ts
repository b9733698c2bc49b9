// Reads a data file into a Table, choosing the reader by the file's extension.
import path from 'node:path';
import { PitstopError } from '../errors/index.js';
import type { Progress } from '../progress/index.js';
import { applyDeclaredTypes } from './apply-declared-types.js';
import { readCsvTable } from './read-csv-table.js';
import { readJsonTable } from './read-json-table.js';
import { readParquetTable } from './read-parquet-table.js';
import type { DeclaredColumnType, Table } from './table.js';
import { takeRows } from './take-rows.js';

export interface ReadTableOptions {
  /** Types for some columns (a numeric-looking category stays text); every named column must exist. */
  readonly columns?: Readonly<Record<string, DeclaredColumnType>>;
  /** Keep only the first `limit` rows (a parquet file is not even read past them). */
  readonly limit?: number;
  /** Hears of the rows read (CSV) or of the reading only (JSON, parquet). */
  readonly progress?: Progress;
}

type Reader = (file: string, options: ReadTableOptions) => Promise<Table>;

const READERS: Readonly<Record<string, Reader>> = {
  '.csv': (file, options) => readCsvTable(file, { ...(options.columns && { columns: options.columns }), ...(options.progress && { progress: options.progress }) }),
  '.json': async (file, options) => applyDeclaredTypes(await readJsonTable(file), options.columns ?? {}, file),
  '.parquet': async (file, options) => applyDeclaredTypes(await readParquetTable(file, { ...(options.limit !== undefined && { limit: options.limit }) }), options.columns ?? {}, file),
};

/** `.csv`, `.json` (an array of records) or `.parquet`, in any letter case; another extension is refused, naming these. */
export async function readTable(file: string, options: ReadTableOptions = {}): Promise<Table> {
  const extension = path.extname(file).toLowerCase();
  const reader = Object.hasOwn(READERS, extension) ? READERS[extension] : undefined;
  if (reader === undefined) {
    const known = Object.keys(READERS).join(', ');
    throw new PitstopError('REFERENCE_DATA_INVALID', `${file}: cannot read a data file ${extension ? `ending in ${extension}` : 'without an extension'}; known extensions: ${known}`, { field: 'file' });
  }
  if (extension !== '.csv') options.progress?.start(`reading ${path.basename(file)}`, { unit: '' });
  const table = await reader(file, options);
  if (options.limit === undefined || options.limit >= table.rowCount) return table;
  return takeRows(table, Array.from({ length: Math.max(0, Math.floor(options.limit)) }, (_, row) => row));
}
