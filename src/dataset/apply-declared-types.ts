// Gives columns read from a self-typed source (JSON, parquet) the types a caller declares, as readCsvTable does for CSV.
import { PitstopError } from '../errors/index.js';
import { DECLARED_COLUMN_TYPES, type Column, type DeclaredColumnType, type Table } from './table.js';

/**
 * `category` and `string` turn numbers and booleans into their text (3 → "3"), which is how a category is compared;
 * `number`, `integer` and `boolean` only check that the column already is one. `source` names the data in errors.
 */
export function applyDeclaredTypes(table: Table, declared: Readonly<Record<string, DeclaredColumnType>>, source: string): Table {
  const columns = new Map(table.columns);
  for (const [name, type] of Object.entries(declared)) {
    if (!DECLARED_COLUMN_TYPES.includes(type)) {
      throw new PitstopError('VALIDATION_FAILED', `column "${name}" is declared as ${JSON.stringify(type)}; known types: ${DECLARED_COLUMN_TYPES.join(', ')}`, { field: name });
    }
    const column = table.columns.get(name);
    if (column === undefined) {
      throw new PitstopError('REFERENCE_DATA_INVALID', `${source} has no column "${name}" (its columns: ${[...table.columns.keys()].join(', ')})`, { field: name });
    }
    columns.set(name, declaredColumn(column, type, source));
  }
  return { rowCount: table.rowCount, columns };
}

function declaredColumn(column: Column, type: DeclaredColumnType, source: string): Column {
  const { name } = column;
  if (type === 'category' || type === 'string') {
    if (column.type === 'string') return column;
    const values = Array.from(column.values as ArrayLike<number | boolean | null>, (value) => (value === null || Number.isNaN(value) ? null : String(value)));
    return { name, type: 'string', values };
  }
  const wanted = type === 'integer' ? 'number' : type;
  if (column.type !== wanted) throw mismatch(source, name, `holds ${column.type} values, not ${type === 'integer' ? 'integers' : `${type}s`}`);
  if (type === 'integer' && column.type === 'number') {
    const row = column.values.findIndex((value) => !Number.isNaN(value) && !Number.isInteger(value));
    if (row !== -1) throw mismatch(source, name, `row ${row} holds ${column.values[row]}, not an integer`);
  }
  return column;
}

function mismatch(source: string, column: string, problem: string): PitstopError {
  return new PitstopError('REFERENCE_DATA_INVALID', `${source}, column "${column}" ${problem}`, { field: column });
}
