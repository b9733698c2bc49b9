// Upserts rows sent as JSON (the admin API) into an existing table, after checking them against its columns.
import type { FeatureStore, FeatureUpsertSummary } from '../store/index.js';
import { featureTableNotFound } from './feature-table-errors.js';
import { checkFeatureRows } from './feature-values.js';

/** FEATURE_TABLE_NOT_FOUND for an unknown table; VALIDATION_FAILED naming each `rows[i].column` at fault. */
export async function upsertFeatureRecords(store: FeatureStore, table: string, records: readonly unknown[], actor: string): Promise<FeatureUpsertSummary> {
  const definition = await store.getTable(table);
  if (!definition) throw featureTableNotFound(table);
  const rows = checkFeatureRows(definition, records, { source: 'json', place: (index, column) => `rows[${index}].${column}` });
  return store.upsertRows(table, rows, actor, { source: 'api' });
}
