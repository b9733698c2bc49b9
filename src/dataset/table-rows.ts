// Turns a Table back into records, e.g. to send its first rows to a model as smoke inputs.
import { cellValue, type Table } from './table.js';

export type TableRow = Record<string, number | string | boolean | null>;

/** The first `limit` rows (all by default) as records keyed by column name; missing values are null. */
export function tableRows(table: Table, limit = Number.POSITIVE_INFINITY): TableRow[] {
  return [...eachTableRow(table, limit)];
}

/** The same records one at a time, made only as they are asked for: a caller that needs a few stops early. */
export function* eachTableRow(table: Table, limit = Number.POSITIVE_INFINITY): Generator<TableRow> {
  const count = Math.max(0, Math.min(table.rowCount, Math.floor(limit)));
  const columns = [...table.columns.values()];
  for (let row = 0; row < count; row += 1) {
    yield Object.fromEntries(columns.map((column) => [column.name, cellValue(column, row)]));
  }
}
