// Tabular data read into typed columns (from CSV, JSON and parquet files, or from records), split, fingerprinted,
// and back into records.
export type { Table, Column, NumberColumn, StringColumn, BooleanColumn, DeclaredColumnType } from './table.js';
export { cellValue, DECLARED_COLUMN_TYPES } from './table.js';
export { readTable, type ReadTableOptions } from './read-table.js';
export { readCsvTable, type ReadCsvOptions } from './read-csv-table.js';
export { readJsonTable } from './read-json-table.js';
export { readParquetTable, type ReadParquetOptions } from './read-parquet-table.js';
export { applyDeclaredTypes } from './apply-declared-types.js';
export { tableFromRecords } from './table-from-records.js';
export { eachTableRow, tableRows, type TableRow } from './table-rows.js';
export { takeRows } from './take-rows.js';
export { renameColumns, featureSafeColumnNames } from './rename-columns.js';
export { splitTable, type SplitFractions, type SplitOptions, type TableSplit } from './split-table.js';
export { tableFingerprint } from './table-fingerprint.js';
export { inferFeatures, type InferFeaturesOptions } from './infer-features.js';
export { parseIsoDate } from './parse-iso-date.js';
export { seededRandom, shuffleInPlace } from './seeded-random.js';
