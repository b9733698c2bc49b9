// Reads a data file for a feature table. CSV cells are all read as text, so that codes such as "007" keep their
// leading zeros; checkFeatureRows then reads each cell as its column's type, naming the row of any that does not fit.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse';
import { readTable, tableRows, type DeclaredColumnType, type TableRow } from '../dataset/index.js';
import type { Progress } from '../progress/index.js';

export interface FeatureFile {
  /** Column names in the file's order. */
  readonly columns: string[];
  readonly rows: TableRow[];
}

/** CSV, JSON (an array of records) or parquet, chosen by extension as readTable does. */
export async function readFeatureFile(file: string, progress?: Progress): Promise<FeatureFile> {
  const header = path.extname(file).toLowerCase() === '.csv' ? await csvHeader(file) : null;
  const columns = header ? Object.fromEntries(header.map((name): [string, DeclaredColumnType] => [name, 'string'])) : undefined;
  const table = await readTable(file, { ...(columns && { columns }), ...(progress && { progress }) });
  return { columns: [...table.columns.keys()], rows: tableRows(table) };
}

/** The header row's names, or null when the file cannot be read that way (readTable then says why). */
async function csvHeader(file: string): Promise<string[] | null> {
  const input = fs.createReadStream(file);
  const parser = parse({ bom: true, to_line: 1, relax_column_count: true });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  try {
    for await (const record of parser) {
      const names = record as string[];
      // A header that repeats a name is refused by readTable, naming it; declaring it twice would hide that.
      return new Set(names).size === names.length ? names : null;
    }
    return null;
  } catch {
    return null;
  } finally {
    input.destroy();
  }
}
