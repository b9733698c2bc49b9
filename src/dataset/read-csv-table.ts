// Reads a CSV file with a header row into a Table, with declared column types or types inferred from the cells.
// The file is scanned in chunks as bytes: numbers go from the bytes into Float64Arrays without a string per cell.
import fs from 'node:fs/promises';
import path from 'node:path';
import { PitstopError } from '../errors/index.js';
import { SILENT_PROGRESS, type Progress } from '../progress/index.js';
import { CsvColumn } from './csv-column.js';
import { CsvScanner, CsvSyntaxError, fieldText, quotedFieldText, type CsvRecord } from './csv-scanner.js';
import { DECLARED_COLUMN_TYPES, type Column, type DeclaredColumnType, type Table } from './table.js';

export interface ReadCsvOptions {
  /** Types for some or all columns; the others are inferred. Every named column must be in the header. */
  readonly columns?: Readonly<Record<string, DeclaredColumnType>>;
  /** Hears of the rows read and the share of the file scanned. */
  readonly progress?: Progress;
}

const CHUNK_BYTES = 1 << 20;
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Reads `file` into a Table. Empty cells, "NA", "NaN" and "null" are missing values. A ragged row, a cell that does
 * not fit its declared type, or a malformed file is REFERENCE_DATA_INVALID naming the line (and column).
 */
export async function readCsvTable(file: string, options: ReadCsvOptions = {}): Promise<Table> {
  const progress = options.progress ?? SILENT_PROGRESS;
  let header: string[] | undefined;
  let columns: CsvColumn[] = [];
  let rows = 0;
  const where = (line: number) => `${file} line ${line}`;
  progress.start(`reading ${path.basename(file)}`, { unit: 'rows' });
  await scanCsvFile(file, (record) => {
    if (header === undefined) {
      header = checkedHeader(where(record.line), recordTexts(record), options);
      columns = header.map((name) => new CsvColumn(name, declaredType(options, name), where));
      return;
    }
    if (record.count !== header.length) throw raggedRow(file, record.line, header, record.count);
    for (let c = 0; c < record.count; c++) columns[c]!.add(record.bytes, record.starts[c]!, record.ends[c]!, record.quoted[c] === 1, record.line);
    rows += 1;
  }, (share) => progress.advance(rows, share));
  if (header === undefined) throw new PitstopError('REFERENCE_DATA_INVALID', `${file} has no header row`);
  const texts = await textsOfColumns(file, columns);
  return { rowCount: rows, columns: new Map<string, Column>(columns.map((column, c) => [column.name, column.finish(texts.get(c))])) };
}

/**
 * A column inferred as numbers or booleans that meets text further down becomes a string column, and the text of its
 * earlier cells was never kept: one more scan collects the text of those columns only (rare: a code column "00123"
 * that later holds "A-7").
 */
async function textsOfColumns(file: string, columns: readonly CsvColumn[]): Promise<Map<number, string[]>> {
  const wanted = columns.flatMap((column, c) => (column.needsText ? [c] : []));
  const texts = new Map(wanted.map((c) => [c, [] as string[]]));
  if (wanted.length === 0) return texts;
  let first = true;
  await scanCsvFile(file, (record) => {
    if (first) {
      first = false;
      return;
    }
    for (const c of wanted) {
      const text = record.quoted[c] === 1 ? quotedFieldText(record.bytes, record.starts[c]!, record.ends[c]!) : fieldText(record.bytes, record.starts[c]!, record.ends[c]!);
      texts.get(c)!.push(text);
    }
  });
  return texts;
}

/** Feeds every record of the file to `onRecord`, chunk by chunk; `onChunk` hears the share of the file read. */
async function scanCsvFile(file: string, onRecord: (record: CsvRecord) => void, onChunk: (share: number) => void = () => {}): Promise<void> {
  const handle = await fs.open(file, 'r').catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new PitstopError('FILE_NOT_FOUND', `data file ${file} does not exist`, { cause: error });
    throw error;
  });
  try {
    const size = (await handle.stat()).size;
    const scanner = new CsvScanner(onRecord);
    let buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, Math.max(size, 1)));
    let filled = 0;
    let position = 0;
    for (;;) {
      // A record longer than the buffer: make room for the rest of it.
      if (filled === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]);
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, position);
      const final = bytesRead === 0;
      if (position === 0 && UTF8_BOM.every((byte, i) => buffer[i] === byte)) {
        buffer.copyWithin(0, 3, bytesRead);
        filled -= 3;
      }
      position += bytesRead;
      filled += bytesRead;
      const used = scanner.scan(buffer, filled, final);
      if (final) return;
      buffer.copyWithin(0, used, filled);
      filled -= used;
      onChunk(size > 0 ? position / size : 1);
    }
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new PitstopError('REFERENCE_DATA_INVALID', `${file} is not a readable CSV file: ${error.message}`, { cause: error });
    throw error;
  } finally {
    await handle.close();
  }
}

function recordTexts(record: CsvRecord): string[] {
  return Array.from({ length: record.count }, (_, c) =>
    record.quoted[c] === 1 ? quotedFieldText(record.bytes, record.starts[c]!, record.ends[c]!) : fieldText(record.bytes, record.starts[c]!, record.ends[c]!),
  );
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
