// Reads rows by the keys a person or an admin request gives as text (`pitstop features show users 42`).
import { PitstopError } from '../errors/index.js';
import type { FeatureStore, FeatureTableRecord, StoredFeatureRow } from '../store/index.js';
import { featureTableNotFound } from './feature-table-errors.js';
import { entityKey } from './feature-values.js';

export interface FeatureRowsView {
  readonly table: FeatureTableRecord;
  /** The rows found, in the order of the keys asked for. */
  readonly rows: StoredFeatureRow[];
  /** Keys asked for that the table has no row for. */
  readonly missing: string[];
}

export async function readFeatureRows(store: FeatureStore, tableName: string, keys: readonly string[]): Promise<FeatureRowsView> {
  const table = await store.getTable(tableName);
  if (!table) throw featureTableNotFound(tableName);
  const texts = keys.map((key, i) => {
    const text = entityKey(key, table.key.type, 'file');
    if (typeof text !== 'string') throw new PitstopError('VALIDATION_FAILED', `key ${JSON.stringify(key)}: ${text.problem}`, { field: keys.length === 1 ? 'key' : `keys[${i}]` });
    return text;
  });
  const found = await store.getRows(tableName, texts);
  const distinct = [...new Set(texts)];
  return { table, rows: distinct.flatMap((k) => found.get(k) ?? []), missing: distinct.filter((k) => !found.has(k)) };
}
