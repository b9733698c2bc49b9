// Runs one registered version on labelled rows through the serving runtime (ModelSession: the same feeds, batching
// limits and output decoding the server uses) and lines its answers up with the truth.
import { cellValue, tableRows, type Table } from '../../dataset/index.js';
import { PitstopError } from '../../errors/index.js';
import type { Manifest } from '../../manifest/index.js';
import { ModelSession, type FeatureRecord, type Prediction } from '../../runtime/index.js';

/** Records per session.run: large enough to amortise the call, small enough to keep memory flat on big files. */
const CHUNK = 2048;

/** `onRows` hears of each chunk of rows scored. */
export async function predictRows(modelBytes: Uint8Array, manifest: Manifest, table: Table, onRows?: (rows: number) => void): Promise<Prediction[]> {
  const session = await ModelSession.load(modelBytes, manifest);
  try {
    const names = manifest.features.map((f) => f.name);
    const missing = names.filter((name) => !table.columns.has(name));
    const required = missing.filter((name) => manifest.features.find((f) => f.name === name)?.required);
    if (required.length > 0) {
      throw new PitstopError('TRAINING_DATA_INVALID', `the evaluation data lacks the feature column(s) ${required.join(', ')} that version ${manifest.version} needs`, { field: 'data' });
    }
    const rows = tableRows(table);
    const predictions: Prediction[] = [];
    for (let start = 0; start < rows.length; start += CHUNK) {
      const records: FeatureRecord[] = rows.slice(start, start + CHUNK).map((row) => Object.fromEntries(names.map((name) => [name, row[name] ?? null])));
      predictions.push(...(await session.predict(records)));
      onRows?.(records.length);
    }
    return predictions;
  } finally {
    await session.release();
  }
}

/** Class index of each row's truth in `classes` (-1 for a class the model does not know). */
export function actualClasses(table: Table, target: string, classes: readonly string[]): Int32Array {
  const column = targetColumn(table, target);
  const index = new Map(classes.map((c, i) => [c, i]));
  return Int32Array.from({ length: table.rowCount }, (_, row) => {
    const value = cellValue(column, row);
    return value === null ? -1 : (index.get(String(value)) ?? -1);
  });
}

export function actualValues(table: Table, target: string): Float64Array {
  const column = targetColumn(table, target);
  if (column.type !== 'number') throw new PitstopError('TRAINING_DATA_INVALID', `target "${target}" holds ${column.type} values; a regression model needs numbers`, { field: 'target' });
  return Float64Array.from(column.values);
}

export function targetColumn(table: Table, target: string) {
  const column = table.columns.get(target);
  if (!column) throw new PitstopError('TRAINING_DATA_INVALID', `the evaluation data has no target column "${target}"; its columns: ${[...table.columns.keys()].join(', ')}`, { field: 'target' });
  return column;
}
