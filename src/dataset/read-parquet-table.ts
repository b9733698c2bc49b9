// Reads a parquet file into a Table with hyparquet (pure JS), one flat column per parquet column.
import type { ColumnData, ParquetParsers, SchemaElement } from 'hyparquet';
import { PitstopError } from '../errors/index.js';
import type { Column, Table } from './table.js';

export interface ReadParquetOptions {
  /** Read only the first `limit` rows. */
  readonly limit?: number;
}

type ColumnKind = 'number' | 'boolean' | 'string' | 'timestamp';

/**
 * Integers (int64 included), floats and decimals become number columns with NaN for null; booleans, boolean columns;
 * text, enums, JSON and UUIDs, string columns. Timestamps and dates become string columns of ISO-8601 UTC text
 * (`2001-01-14T21:55:00.000Z`), because that is what a caller sends for them in JSON: one value, one spelling.
 * A timestamp not adjusted to UTC (a wall-clock time) is read as if it were UTC. Nested columns are refused.
 */
export async function readParquetTable(file: string, options: ReadParquetOptions = {}): Promise<Table> {
  // Imported here: hyparquet and its decompressors are some fifty modules that only parquet files need.
  const [{ asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema }, { PARQUET_COMPRESSORS }] = await Promise.all([import('hyparquet'), import('./parquet-compressors.js')]);
  const buffer = await asyncBufferFromFile(file).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new PitstopError('FILE_NOT_FOUND', `data file ${file} does not exist`, { cause: error });
    throw error;
  });
  try {
    const metadata = await parquetMetadataAsync(buffer);
    const kinds = parquetSchema(metadata).children.map((child) => ({ name: child.element.name, kind: columnKind(file, child.element, child.children.length) }));
    const rowCount = Math.min(Number(metadata.num_rows), Math.max(0, Math.floor(options.limit ?? Number.POSITIVE_INFINITY)));
    const builders = new Map(kinds.map(({ name, kind }) => [name, columnBuilder(name, kind, rowCount)]));
    if (rowCount > 0) {
      await parquetRead({
        file: buffer,
        metadata,
        rowEnd: rowCount,
        compressors: PARQUET_COMPRESSORS,
        parsers: ISO_TEXT_PARSERS,
        // onChunk without onComplete: hyparquet then skips turning columns into rows, which is most of its time.
        onChunk: (chunk) => builders.get(chunk.columnName)?.add(chunk),
      });
    }
    return { rowCount, columns: new Map([...builders].map(([name, builder]) => [name, builder.column])) };
  } catch (error) {
    if (error instanceof PitstopError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new PitstopError('REFERENCE_DATA_INVALID', `${file} is not a readable parquet file: ${message}`, { cause: error });
  }
}

const textDecoder = new TextDecoder();

const ISO_TEXT_PARSERS: Partial<ParquetParsers> = {
  timestampFromMilliseconds: (millis: bigint) => isoText(Number(millis)),
  timestampFromMicroseconds: (micros: bigint) => isoText(Number(floorDivide(micros, 1000n))),
  timestampFromNanoseconds: (nanos: bigint) => isoText(Number(floorDivide(nanos, 1_000_000n))),
  dateFromDays: (days: number) => isoText(days * 86_400_000),
  // JSON stays text: a Table cell holds a string, not a parsed object.
  jsonFromBytes: (bytes: Uint8Array) => bytes && textDecoder.decode(bytes),
};

function isoText(millis: number): string {
  return new Date(millis).toISOString();
}

function floorDivide(value: bigint, divisor: bigint): bigint {
  const quotient = value / divisor;
  return value % divisor < 0n ? quotient - 1n : quotient;
}

const TEXT_TYPES = new Set(['STRING', 'ENUM', 'JSON', 'UUID', 'UTF8']);
const NUMERIC_BYTE_TYPES = new Set(['DECIMAL', 'FLOAT16']);

function columnKind(file: string, element: SchemaElement, children: number): ColumnKind {
  const annotation = element.logical_type?.type ?? element.converted_type;
  const refuse = (what: string): never => {
    throw new PitstopError('REFERENCE_DATA_INVALID', `${file}: column "${element.name}" is ${what}, which a table of flat columns cannot hold`, { field: element.name });
  };
  if (children > 0) return refuse('a group of columns');
  if (annotation === 'TIMESTAMP' || annotation === 'DATE' || annotation === 'TIMESTAMP_MILLIS' || annotation === 'TIMESTAMP_MICROS' || element.type === 'INT96') return 'timestamp';
  if (element.type === 'BOOLEAN') return 'boolean';
  if (element.type === 'BYTE_ARRAY' || element.type === 'FIXED_LEN_BYTE_ARRAY') {
    if (annotation !== undefined && TEXT_TYPES.has(annotation)) return 'string';
    if (annotation !== undefined && NUMERIC_BYTE_TYPES.has(annotation)) return 'number';
    // hyparquet reads an unannotated BYTE_ARRAY as UTF-8 text, as most writers mean it; fixed-length bytes stay bytes.
    if (element.type === 'BYTE_ARRAY' && annotation === undefined) return 'string';
    return refuse(`${annotation ?? 'fixed-length bytes'}`);
  }
  return 'number';
}

interface ColumnBuilder {
  readonly column: Column;
  add(chunk: ColumnData): void;
}

// A chunk may hold rows outside the range asked for; only rows [0, rowCount) are kept.
function columnBuilder(name: string, kind: ColumnKind, rowCount: number): ColumnBuilder {
  const eachRow = (chunk: ColumnData, set: (row: number, value: unknown) => void): void => {
    const end = Math.min(chunk.rowEnd, rowCount);
    for (let row = Math.max(chunk.rowStart, 0); row < end; row += 1) set(row, chunk.columnData[row - chunk.rowStart]);
  };
  if (kind === 'number') {
    const values = new Float64Array(rowCount).fill(Number.NaN);
    return {
      column: { name, type: 'number', values },
      add: (chunk) => eachRow(chunk, (row, value) => {
        if (value !== null && value !== undefined) values[row] = Number(value);
      }),
    };
  }
  if (kind === 'boolean') {
    const values = new Array<boolean | null>(rowCount).fill(null);
    return { column: { name, type: 'boolean', values }, add: (chunk) => eachRow(chunk, (row, value) => (values[row] = typeof value === 'boolean' ? value : null)) };
  }
  const values = new Array<string | null>(rowCount).fill(null);
  return {
    column: { name, type: 'string', values },
    add: (chunk) => eachRow(chunk, (row, value) => {
      if (value === null || value === undefined) return;
      if (typeof value === 'string') values[row] = value;
      else if (value instanceof Date) values[row] = value.toISOString();
      else throw new PitstopError('REFERENCE_DATA_INVALID', `column "${name}" holds ${typeof value} values where text was expected`, { field: name });
    }),
  };
}

