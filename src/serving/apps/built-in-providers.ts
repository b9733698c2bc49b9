// The providers a rule can answer with instead of a model: `constant` (its arguments, as an object: `{decision:
// 'approve'}`) and `feature` (a row of the feature store, e.g. the precomputed most popular items, or one `column`
// of it). Rule sets naming any other provider are refused when deployed.
import { PitstopError } from '../../errors/index.js';
import { entityKey, featureTableNotFound, type FeatureTableRecord } from '../../features/index.js';
import type { RuleObject } from '../../rules/index.js';

/** What the app endpoint needs from the online feature store: one row by entity key. */
export interface FeatureReader {
  /**
   * The row stored under `key` in `table`, or undefined. The key is checked as /v1 lookups check theirs (an integer
   * key takes 42 or "42"; a text key a non-empty string, or a whole number as its digits): anything else, an array or
   * an object, is the caller's mistake (VALIDATION_FAILED), never turned into text that happens to name a row.
   */
  getRow(table: string, key: unknown): Promise<Record<string, unknown> | undefined>;
}

/** Where a FeatureReader reads: the store itself (CLI), or the server's cached FeatureLookup. */
export interface FeatureRowSource {
  table(name: string): Promise<Pick<FeatureTableRecord, 'key'> | undefined>;
  rows(table: string, keys: readonly string[]): Promise<Map<string, { values: Readonly<Record<string, unknown>> }>>;
}

export function featureReaderOf(source: FeatureRowSource): FeatureReader {
  return {
    getRow: async (table, key) => {
      const definition = await source.table(table);
      if (!definition) throw featureTableNotFound(table);
      // A text key also takes a whole number ({"user_id": 42} finds row "42"), as request bodies write ids.
      const stored = entityKey(typeof key === 'number' && Number.isSafeInteger(key) && definition.key.type !== 'integer' ? String(key) : key, definition.key.type, 'json');
      if (typeof stored !== 'string') throw new PitstopError('VALIDATION_FAILED', `the key for feature table "${table}" ${stored.problem}`, { field: 'key' });
      return (await source.rows(table, [stored])).get(stored)?.values as Record<string, unknown> | undefined;
    },
  };
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
    const row = await features.getRow(table, key);
    if (!row) throw new PitstopError('VALIDATION_FAILED', `feature table "${table}" has no row for key ${JSON.stringify(key)}`, { field: 'key' });
    return typeof args.column === 'string' ? (row[args.column] ?? null) : row;
  }
  throw new PitstopError('VALIDATION_FAILED', `unknown provider '${name}'; providers: ${BUILT_IN_PROVIDERS.join(', ')}`, { field: 'provider' });
}
