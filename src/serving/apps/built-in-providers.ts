// The providers a rule can answer with instead of a model: `constant` (its arguments, as an object: `{decision:
// 'approve'}`) and `feature` (a row of the feature store, e.g. the precomputed most popular items, or one `column`
// of it). Rule sets naming any other provider are refused when deployed.
import { PitstopError } from '../../errors/index.js';
import type { RuleObject } from '../../rules/index.js';

/** What the app endpoint needs from the online feature store: rows by entity key. */
export interface FeatureReader {
  getRows(table: string, keys: readonly string[]): Promise<Map<string, Record<string, unknown>>>;
}

/** A FeatureReader over a function returning stored rows (the store's getRows, or the server's cached FeatureLookup). */
export function featureReaderOf(read: (table: string, keys: readonly string[]) => Promise<Map<string, { values: Readonly<Record<string, unknown>> }>>): FeatureReader {
  return { getRows: async (table, keys) => new Map([...(await read(table, keys))].map(([key, row]) => [key, row.values as Record<string, unknown>])) };
}

export const BUILT_IN_PROVIDERS = ['constant', 'feature'] as const;

export async function callBuiltInProvider(features: FeatureReader, name: string, args: RuleObject): Promise<unknown> {
  if (name === 'constant') return args;
  if (name === 'feature') {
    const table = args.table;
    const key = args.key;
    if (typeof table !== 'string' || key === null || key === undefined) {
      throw new PitstopError('VALIDATION_FAILED', "provider 'feature' needs args table (a feature table name) and key", { field: 'args' });
    }
    const row = (await features.getRows(table, [String(key)])).get(String(key));
    if (!row) throw new PitstopError('VALIDATION_FAILED', `feature table "${table}" has no row for key ${JSON.stringify(key)}`, { field: 'key' });
    return typeof args.column === 'string' ? (row[args.column] ?? null) : row;
  }
  throw new PitstopError('VALIDATION_FAILED', `unknown provider '${name}'; providers: ${BUILT_IN_PROVIDERS.join(', ')}`, { field: 'provider' });
}
