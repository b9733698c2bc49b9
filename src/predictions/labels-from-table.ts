// Turns a table of outcomes (one row per prediction: its id and its label) into labels, refusing what no database
// could accept (an empty cell, the same prediction twice) before anything is stored.
import type { Table } from '../dataset/index.js';
import { cellValue } from '../dataset/index.js';
import { PitstopError } from '../errors/index.js';
import type { NewLabel } from '../store/index.js';

export interface LabelColumns {
  readonly idColumn: string;
  readonly labelColumn: string;
  /** Stored with every label, e.g. why a batch of corrections was made. */
  readonly reason?: string;
  /** Names row i in errors, e.g. `labels.csv row 3`. */
  readonly describe: (row: number) => string;
}

/** One label per row, in row order; numbers stay numbers, text stays text, booleans stay booleans. */
export function labelsFromTable(table: Table, columns: LabelColumns): NewLabel[] {
  const { idColumn, labelColumn, describe } = columns;
  const ids = requireColumn(table, idColumn, '--id-column');
  const values = requireColumn(table, labelColumn, '--label-column');
  const firstRow = new Map<string, number>();
  const labels: NewLabel[] = [];
  for (let row = 0; row < table.rowCount; row += 1) {
    const id = cellValue(ids, row);
    const actual = cellValue(values, row);
    if (id === null || id === '') throw new PitstopError('VALIDATION_FAILED', `${describe(row)}: column "${idColumn}" is empty; every row needs a prediction id`, { field: idColumn });
    if (actual === null) throw new PitstopError('VALIDATION_FAILED', `${describe(row)}: column "${labelColumn}" is empty; every row needs a label`, { field: labelColumn });
    const predictionId = String(id);
    const earlier = firstRow.get(predictionId);
    if (earlier !== undefined) {
      throw new PitstopError('LABEL_CONFLICT', `${describe(row)}: prediction "${predictionId}" is labelled again (first on ${describe(earlier)}); keep one label per prediction`, { field: idColumn });
    }
    firstRow.set(predictionId, row);
    labels.push({ predictionId, actual, ...(columns.reason !== undefined && { reason: columns.reason }) });
  }
  return labels;
}

function requireColumn(table: Table, name: string, flag: string) {
  const column = table.columns.get(name);
  if (column) return column;
  throw new PitstopError('REFERENCE_DATA_INVALID', `${flag}: there is no column "${name}"; the columns are ${[...table.columns.keys()].join(', ')}`, { field: flag });
}
