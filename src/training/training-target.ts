// The column a model learns to predict, read out of a table: class indices for classification, numbers for regression.
import { cellValue, takeRows, type Table } from '../dataset/index.js';
import { PitstopError } from '../errors/index.js';
import type { ClassLabels } from './feature-matrix.js';

export type TabularTask = 'classification' | 'regression';

/** Rows whose target is present; training cannot learn from the others, and the run reports how many it dropped. */
export function dropMissingTarget(table: Table, target: string): { table: Table; dropped: number } {
  const column = targetColumn(table, target);
  const keep: number[] = [];
  for (let row = 0; row < table.rowCount; row++) if (cellValue(column, row) !== null) keep.push(row);
  if (keep.length === table.rowCount) return { table, dropped: 0 };
  return { table: takeRows(table, keep), dropped: table.rowCount - keep.length };
}

/** Regression for a numeric target, classification for text or booleans; an explicit task always wins. */
export function inferTask(table: Table, target: string): TabularTask {
  return targetColumn(table, target).type === 'number' ? 'regression' : 'classification';
}

/** The class of each row as text (3 → "3"), classes sorted, so the same data always gives the same class order. */
export function classLabels(table: Table, target: string, knownClasses?: readonly string[]): ClassLabels {
  const column = targetColumn(table, target);
  const texts = Array.from({ length: table.rowCount }, (_, row) => String(cellValue(column, row)));
  const classes = knownClasses ? [...knownClasses] : [...new Set(texts)].sort();
  if (classes.length < 2) throw new PitstopError('TRAINING_DATA_INVALID', `target "${target}" has ${classes.length} class; classification needs at least 2`, { field: 'target' });
  const index = new Map(classes.map((c, i) => [c, i]));
  const indices = new Int32Array(table.rowCount);
  texts.forEach((text, row) => {
    const i = index.get(text);
    // Rows of a class the model never saw (in a holdout) cannot be scored as that class; -1 marks them.
    indices[row] = i ?? -1;
  });
  return { classes, indices };
}

export function numericTarget(table: Table, target: string): Float64Array {
  const column = targetColumn(table, target);
  if (column.type !== 'number') throw new PitstopError('TRAINING_DATA_INVALID', `target "${target}" holds ${column.type} values; regression needs numbers (use --task classification)`, { field: 'target' });
  return Float64Array.from(column.values);
}

function targetColumn(table: Table, target: string) {
  const column = table.columns.get(target);
  if (!column) {
    throw new PitstopError('TRAINING_DATA_INVALID', `the data has no target column "${target}"; its columns: ${[...table.columns.keys()].join(', ')}`, { field: 'target' });
  }
  return column;
}
