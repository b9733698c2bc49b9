// The online feature store: loading tables from files and JSON, checking their values, and filling in the features
// a manifest looks up by key at prediction time (FeatureLookup, compileRecordEnricher).
export { loadFeatureFile, type LoadFeatureFileOptions, type FeatureLoadSummary } from './load-feature-file.js';
export { upsertFeatureRecords } from './upsert-feature-records.js';
export { readFeatureRows, type FeatureRowsView } from './read-feature-rows.js';
export { checkFeatureRows, entityKey, type CheckRowsOptions, type ValueSource } from './feature-values.js';
export { inferColumnType, inferKeyType } from './infer-column-type.js';
export { featureTableNotFound, checkTableName } from './feature-table-errors.js';
export { FeatureLookup, type FeatureLookupOptions } from './feature-lookup.js';
export { compileRecordEnricher, type RecordEnricher } from './record-enricher.js';
export { FEATURE_COLUMN_TYPES, FEATURE_KEY_TYPES, type FeatureColumnType, type FeatureKeyType, type FeatureTableRecord } from '../store/index.js';
export { upsertFeatureRowsOperation, loadFeatureFileOperation, MAX_ROWS_PER_UPSERT, type FeatureOperationDeps } from './feature-operations.js';
