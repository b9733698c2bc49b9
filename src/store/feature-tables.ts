// Kysely's view of the feature store's tables (see migrations/feature-migrations.ts).

export interface FeatureStoreTables {
  feature_tables: {
    name: string;
    key_column: string;
    key_type: string;
    /** JSON: [{name, type}, ...] in load order. */
    columns: string;
    created_by: string;
    created_at: string;
    updated_at: string;
  };
  feature_rows: {
    table_name: string;
    entity_key: string;
    /** JSON object: column name → value; a missing value is an absent member. */
    values: string;
    updated_at: string;
  };
}
