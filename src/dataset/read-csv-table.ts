// Reads a CSV file with a header row into a Table, with declared column types or types inferred from the cells.
import fs from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { PitstopError } from '../errors/index.js';
import { columnFromTexts } from './column-from-texts.js';
import { DECLARED_COLUMN_TYPES, type Column, type DeclaredColumnType, type Table } from './table.js';

export interface ReadCsvOptions {
  /** Types for some or all columns; the others are inferred. Every named column must be in the header. */
  readonly columns?: Readonly<Record<string, DeclaredColumnType>>;
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/**
 * Reads `file` into a Table. Empty cells, "NA", "NaN" and "null" are missing values. A ragged row, a cell that does
 * not fit its declared type, or a malformed file is REFERENCE_DATA_INVALID naming the line (and column).
 */
export async function readCsvTable(file: string, options: ReadCsvOptions = {}): Promise<Table> {
  // Imported here, like hyparquet: only CSV files need it.
  const { parse } = await import('csv-parse');
  const handle = await fs.open(file, 'r').catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new PitstopError('FILE_NOT_FOUND', `data file ${file} does not exist`, { cause: error });
    throw error;
  });
  let header: string[] | undefined;
  const cells: string[][] = [];
  const lines: number[] = [];
  // Kept aside because pipeline may reject with an AbortError from tearing down the streams, not with what we threw.
  let refusal: PitstopError | undefined;
  const addRecord = ({ record, info }: CsvRecord): void => {
    if (header === undefined) {
      header = checkedHeader(`${file} line ${info.lines}`, record, options);
      for (let i = 0; i < header.length; i += 1) cells.push([]);
      return;
    }
    if (record.length !== header.length) throw raggedRow(file, info.lines, header, record.length);
    record.forEach((text, column) => cells[column]!.push(text));
    lines.push(info.lines);
  };
  try {
    const parser = parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true });
    await pipeline(handle.createReadStream({ autoClose: false }), parser, async (records: AsyncIterable<CsvRecord>) => {
      for await (const record of records) {
        try {
          addRecord(record);
        } catch (error) {
          if (error instanceof PitstopError) refusal = error;
          throw error;
        }
      }
    });
  } catch (error) {
    if (refusal) throw refusal;
    const message = error instanceof Error ? error.message : String(error);
    throw new PitstopError('REFERENCE_DATA_INVALID', `${file} is not a readable CSV file: ${message}`, { cause: error });
  } finally {
    await handle.close();
  }
  if (header === undefined) throw new PitstopError('REFERENCE_DATA_INVALID', `${file} has no header row`);

  const locate = (row: number) => `${file} line ${lines[row]}`;
  const columns = new Map<string, Column>();
  header.forEach((name, index) => columns.set(name, columnFromTexts(name, cells[index]!, declaredType(options, name), locate)));
  return { rowCount: lines.length, columns };
}

const DECLARED_TYPES: ReadonlySet<string> = new Set(DECLARED_COLUMN_TYPES);

/** `where` is the header's place in the file ("data.csv line 1"). */
function checkedHeader(where: string, names: string[], options: ReadCsvOptions): string[] {
  const seen = new Set<string>();
  names.forEach((name, index) => {
    if (name.trim() === '') throw new PitstopError('REFERENCE_DATA_INVALID', `${where}: column ${index + 1} of the header has no name`);
    if (seen.has(name)) throw new PitstopError('REFERENCE_DATA_INVALID', `${where}: column "${name}" appears twice in the header`, { field: name });
    seen.add(name);
  });
  for (const [declared, type] of Object.entries(options.columns ?? {})) {
    if (!DECLARED_TYPES.has(type)) {
      throw new PitstopError('VALIDATION_FAILED', `column "${declared}" is declared as ${JSON.stringify(type)}; known types: ${[...DECLARED_TYPES].join(', ')}`, { field: declared });
    }
    if (!seen.has(declared)) {
      throw new PitstopError('REFERENCE_DATA_INVALID', `${where}: the header has no column "${declared}" (its columns: ${names.join(', ')})`, { field: declared });
    }
  }
  return names;
}

// Own properties only: a column named "constructor" must not pick up Object.prototype.constructor as its type.
function declaredType(options: ReadCsvOptions, name: string): DeclaredColumnType | undefined {
  return options.columns && Object.hasOwn(options.columns, name) ? options.columns[name] : undefined;
}

function raggedRow(file: string, line: number, header: readonly string[], fields: number): PitstopError {
  const detail = fields < header.length ? `column "${header[fields]}" and after are missing` : `it has ${fields - header.length} field(s) beyond column "${header.at(-1)}"`;
  return new PitstopError('REFERENCE_DATA_INVALID', `${file} line ${line}: the row has ${fields} field(s) where the header has ${header.length}; ${detail}`);
}
