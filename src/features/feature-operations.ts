// The feature store's admin operations: upserting rows (over HTTP, bounded per request) and loading a file (on the
// CLI, which reads the file where it runs). Both need deployer, because served models take these values as input.
import { z } from 'zod';
import { actorOf, defineOperation } from '../operations/index.js';
import type { FeatureStore } from '../store/index.js';
import type { Progress } from '../progress/index.js';
import { loadFeatureFile } from './load-feature-file.js';
import { upsertFeatureRecords } from './upsert-feature-records.js';

/** Rows per upsert: one transaction and one audit event each; bigger loads go through `pitstop features load`. */
export const MAX_ROWS_PER_UPSERT = 10_000;

export interface FeatureOperationDeps {
  readonly features: FeatureStore;
  /** Reports a file load's progress (the CLI's terminal). */
  readonly progress?: Progress;
}

export const upsertFeatureRowsOperation = defineOperation({
  name: 'features.upsert_rows',
  summary: 'upserting feature rows',
  input: z.object({ table: z.string().min(1), rows: z.array(z.record(z.string(), z.unknown())).min(1).max(MAX_ROWS_PER_UPSERT) }),
  output: z.object({ table: z.string(), rows: z.number().int() }).passthrough(),
  role: 'deployer',
  audit: 'store',
  async run(deps: FeatureOperationDeps, input, caller) {
    const summary = await upsertFeatureRecords(deps.features, input.table, input.rows, actorOf(caller));
    return { table: input.table, rows: input.rows.length, ...summary };
  },
});

export const loadFeatureFileOperation = defineOperation({
  name: 'features.load_file',
  summary: 'loading a feature file',
  input: z.object({ table: z.string().min(1), file: z.string().min(1), key: z.string().min(1), types: z.record(z.string(), z.string()).default({}) }),
  output: z.object({ table: z.string() }).passthrough(),
  role: 'deployer',
  audit: 'store',
  run: (deps: FeatureOperationDeps, input, caller) =>
    loadFeatureFile(deps.features, { table: input.table, file: input.file, key: input.key, types: input.types, actor: actorOf(caller), ...(deps.progress ? { progress: deps.progress } : {}) }),
});
