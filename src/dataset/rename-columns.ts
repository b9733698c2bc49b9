// Renames columns, e.g. "Beak Length (mm)" to beak_length_mm: a manifest feature name holds no spaces or brackets.
import { PitstopError } from '../errors/index.js';
import type { Column, Table } from './table.js';

/** `renames` maps old names to new ones; other columns keep theirs, and every column keeps its place. */
export function renameColumns(table: Table, renames: Readonly<Record<string, string>>): Table {
  for (const from of Object.keys(renames)) {
    if (!table.columns.has(from)) throw new PitstopError('VALIDATION_FAILED', `there is no column "${from}" to rename`, { field: from });
  }
  const columns = new Map<string, Column>();
  for (const [name, column] of table.columns) {
    const to = Object.hasOwn(renames, name) ? renames[name]! : name;
    if (columns.has(to)) throw new PitstopError('VALIDATION_FAILED', `renaming would give two columns the name "${to}"`, { field: to });
    columns.set(to, { ...column, name: to });
  }
  return { rowCount: table.rowCount, columns };
}
