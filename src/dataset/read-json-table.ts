// Reads a JSON file holding an array of records (as vega-datasets, pandas' `to_json(orient="records")` and APIs write).
import fs from 'node:fs/promises';
import { PitstopError } from '../errors/index.js';
import { tableFromRecords } from './table-from-records.js';
import type { Table } from './table.js';

/** Each record is one row; columns are typed from their values as tableFromRecords does (null is a missing value). */
export async function readJsonTable(file: string): Promise<Table> {
  const text = await fs.readFile(file, 'utf8').catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new PitstopError('FILE_NOT_FOUND', `data file ${file} does not exist`, { cause: error });
    throw error;
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new PitstopError('REFERENCE_DATA_INVALID', `${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (!Array.isArray(parsed)) throw new PitstopError('REFERENCE_DATA_INVALID', `${file} holds ${describe(parsed)}, not an array of records`);
  const notRecord = parsed.findIndex((item) => describe(item) !== 'an object');
  if (notRecord !== -1) {
    throw new PitstopError('REFERENCE_DATA_INVALID', `${file}: item ${notRecord} is ${describe(parsed[notRecord])}, not a record`, { field: `[${notRecord}]` });
  }
  return tableFromRecords(parsed as Record<string, unknown>[]);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
