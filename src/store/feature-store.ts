// FeatureStore: what the online feature store needs from the metadata database, in its own words. One Kysely
// implementation for both dialects (kysely-feature-store.ts); feature-store-contract.ts says how it must behave.
import type { FeatureChange, FeatureColumn, FeatureRow, FeatureTableRecord, FeatureUpsertSummary, NewFeatureTable, StoredFeatureRow } from './feature-records.js';

export interface FeatureStore {
  /**
   * Creates a table, with a `features.table_created` audit event. Idempotent by name: when the table exists already
   * (another loader got there first) it is returned unchanged with created false, and nothing is audited.
   */
  createTable(table: NewFeatureTable, actor: string): Promise<{ table: FeatureTableRecord; created: boolean }>;
  /**
   * Adds value columns (a schema change, audited as `features.columns_added`). A column the table already has with
   * the same type is left alone; with another type it is VALIDATION_FAILED: a column's type never changes.
   */
  addColumns(table: string, columns: readonly FeatureColumn[], actor: string): Promise<FeatureTableRecord>;
  getTable(name: string): Promise<FeatureTableRecord | undefined>;
  /** Every table, by name. */
  listTables(): Promise<FeatureTableRecord[]>;
  /**
   * Inserts rows or replaces the values of rows with the same key, in one transaction with one `features.loaded`
   * audit event counting them (never one event per row). Values are stored as given: callers validate them against
   * the table's columns first. FEATURE_TABLE_NOT_FOUND for an unknown table; VALIDATION_FAILED for a key given twice.
   */
  upsertRows(table: string, rows: readonly FeatureRow[], actor: string, options?: { readonly source?: string }): Promise<FeatureUpsertSummary>;
  /** The rows of the keys that exist, by key; keys may repeat. One query per 500 distinct keys. */
  getRows(table: string, keys: readonly string[]): Promise<Map<string, StoredFeatureRow>>;
  /** Deletes rows by key (audited as `features.rows_deleted` with their count); returns how many existed. */
  deleteRows(table: string, keys: readonly string[], actor: string): Promise<number>;
  countRows(table: string): Promise<number>;
  /**
   * Calls `listener` after this process commits a change to a table or its rows, so in-process caches can drop what
   * it touched. Other processes' changes are not seen here (caches bound their staleness with a TTL instead).
   * Returns a function that stops listening.
   */
  onChange(listener: (change: FeatureChange) => void): () => void;
}
