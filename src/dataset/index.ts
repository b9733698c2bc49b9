// Tabular data read into typed columns: from CSV files, from records, and back into records.
export type { Table, Column, NumberColumn, StringColumn, BooleanColumn, DeclaredColumnType } from './table.js';
export { cellValue } from './table.js';
export { readCsvTable, type ReadCsvOptions } from './read-csv-table.js';
export { tableFromRecords } from './table-from-records.js';
export { tableRows, type TableRow } from './table-rows.js';
