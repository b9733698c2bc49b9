// The few records stored in a package to prove, at every load, that the model runs: from reference data, or made from the schema.
import type { TableRow } from '../dataset/index.js';
import type { Feature } from '../manifest/index.js';

type SmokeRecord = Record<string, string | number | boolean | null>;

/** The first `count` rows that have every required feature; rows are read only until they are found. */
export function smokeInputFrom(features: readonly Feature[], rows: Iterable<TableRow>, count = 3): SmokeRecord[] {
  const usable: SmokeRecord[] = [];
  for (const row of rows) {
    if (usable.length === count) break;
    const record = projectRow(features, row);
    if (record !== null) usable.push(record);
  }
  return usable.length > 0 ? usable : [syntheticRecord(features)];
}

/** A row restricted to the features, or null when a required feature is missing from it. */
function projectRow(features: readonly Feature[], row: TableRow): SmokeRecord | null {
  const record: SmokeRecord = {};
  for (const feature of features) {
    const value = row[feature.name];
    if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) {
      if (feature.required) return null;
      continue;
    }
    record[feature.name] = feature.type === 'category' || feature.type === 'string' || feature.type === 'datetime' ? String(value) : value;
  }
  return record;
}

/** One record of plausible values: the middle of each range, the first category. */
export function syntheticRecord(features: readonly Feature[]): SmokeRecord {
  const record: SmokeRecord = {};
  for (const f of features) {
    switch (f.type) {
      case 'number':
      case 'integer': {
        const low = f.min ?? (f.max !== undefined ? Math.min(0, f.max) : 0);
        const high = f.max ?? Math.max(low, 1);
        const middle = (low + high) / 2;
        record[f.name] = f.type === 'integer' ? Math.round(middle) : middle;
        break;
      }
      case 'boolean':
        record[f.name] = false;
        break;
      case 'category':
        record[f.name] = f.categories?.[0] ?? 'unknown';
        break;
      case 'string':
        record[f.name] = '';
        break;
      case 'datetime':
        record[f.name] = '2020-01-01T00:00:00Z';
        break;
    }
  }
  return record;
}
