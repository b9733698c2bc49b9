// Reference profiles built the way packaging builds them (computeReferenceProfile over a table), from plain columns.
import type { Column, Table } from '../../../dataset/index.js';
import { computeReferenceProfile, type ReferenceProfile } from '../../../profile/index.js';

/** Numbers (NaN missing) become number features, text (null missing) category features. */
export function referenceProfileOf(columns: Readonly<Record<string, Float64Array | (string | null)[]>>): ReferenceProfile {
  const entries = Object.entries(columns).map(([name, values]): [string, Column] => [name, values instanceof Float64Array ? { name, type: 'number', values } : { name, type: 'string', values }]);
  const table: Table = { rowCount: entries[0]?.[1].values.length ?? 0, columns: new Map(entries) };
  return computeReferenceProfile(table, entries.map(([name, column]) => ({ name, type: column.type === 'number' ? 'number' : 'category' })));
}
