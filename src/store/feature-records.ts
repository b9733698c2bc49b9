// Records of the online feature store: tables of typed feature values keyed by an entity (`user_id`, `store_id`, ...).
// Plain data, free of any driver type.

/** What a column holds; the first six are the manifest's feature types, `json` any JSON value (never a model input). */
export const FEATURE_COLUMN_TYPES = ['number', 'integer', 'boolean', 'category', 'string', 'datetime', 'json'] as const;
export type FeatureColumnType = (typeof FEATURE_COLUMN_TYPES)[number];

/** Entity keys are stored as text; the type says how a request's key is turned into that text (42 → "42"). */
export const FEATURE_KEY_TYPES = ['integer', 'string'] as const;
export type FeatureKeyType = (typeof FEATURE_KEY_TYPES)[number];

export interface FeatureColumn {
  readonly name: string;
  readonly type: FeatureColumnType;
}

export interface NewFeatureTable {
  readonly name: string;
  readonly key: { readonly name: string; readonly type: FeatureKeyType };
  /** The value columns, in the order they were first loaded; the key column is not one of them. */
  readonly columns: readonly FeatureColumn[];
}

export interface FeatureTableRecord extends NewFeatureTable {
  readonly createdBy: string;
  readonly createdAt: string;
  /** When the table's definition or any of its rows last changed. */
  readonly updatedAt: string;
}

/** A row to store: the entity key as text and its values by column (an absent column is a missing value). */
export interface FeatureRow {
  readonly key: string;
  readonly values: Readonly<Record<string, unknown>>;
}

export interface StoredFeatureRow extends FeatureRow {
  readonly updatedAt: string;
}

export interface FeatureUpsertSummary {
  /** Rows whose key was new to the table. */
  readonly inserted: number;
  /** Rows that replaced an existing row's values. */
  readonly updated: number;
}

/** What changed, for in-process caches: rows of `table` (their keys), or its definition (`keys` null). */
export interface FeatureChange {
  readonly table: string;
  readonly keys: readonly string[] | null;
}
