// Loads a data file into a feature table: creates the table on the first load (types inferred or declared), adds
// the columns a later file brings, checks every cell before anything is written, then upserts in batches.
import path from 'node:path';
import { PitstopError } from '../errors/index.js';
import type { Progress } from '../progress/index.js';
import { FEATURE_NAME_PATTERN } from '../manifest/index.js';
import { FEATURE_COLUMN_TYPES, FEATURE_KEY_TYPES, type FeatureColumn, type FeatureColumnType, type FeatureKeyType, type FeatureStore, type FeatureTableRecord, type NewFeatureTable } from '../store/index.js';
import { checkTableName } from './feature-table-errors.js';
import { checkFeatureRows } from './feature-values.js';
import { inferColumnType, inferKeyType } from './infer-column-type.js';
import { readFeatureFile, type FeatureFile } from './read-feature-file.js';

export interface LoadFeatureFileOptions {
  readonly table: string;
  readonly file: string;
  /** The column holding the entity key. */
  readonly key: string;
  /** Types for some columns (the key's may be `integer` or `string`); the others are inferred on first load. */
  readonly types?: Readonly<Record<string, string>>;
  readonly actor: string;
  /** Rows per transaction (and per `features.loaded` audit event); default 10,000. */
  readonly batchRows?: number;
  /** Hears of the rows read and written. */
  readonly progress?: Progress;
}

export interface FeatureLoadSummary {
  readonly table: string;
  readonly file: string;
  readonly rows: number;
  readonly inserted: number;
  readonly updated: number;
  readonly createdTable: boolean;
  readonly addedColumns: readonly FeatureColumn[];
  /** Columns of the table the file lacks: the rows it loaded now have no value for them (a row is replaced whole). */
  readonly missingColumns: readonly string[];
}

/** Short transactions leave SQLite's write lock to the servers' prediction log between batches. */
const DEFAULT_BATCH_ROWS = 10_000;

export async function loadFeatureFile(store: FeatureStore, options: LoadFeatureFileOptions): Promise<FeatureLoadSummary> {
  checkTableName(options.table);
  const existing = await store.getTable(options.table);
  if (existing && existing.key.name !== options.key) {
    throw new PitstopError('VALIDATION_FAILED', `feature table "${options.table}" is keyed by ${existing.key.name}, not ${options.key}; pass --key ${existing.key.name}`, { field: 'key' });
  }
  const data = await readFeatureFile(options.file, options.progress);
  const { table, added } = planTable(options, existing, data);
  // Every cell is checked before the first write: a bad file changes nothing.
  const rows = checkFeatureRows(table, data.rows, { source: 'file', place: (index, column) => `${options.file} row ${index + 1}, column "${column}"` });

  let createdTable = false;
  if (!existing) {
    const created = await store.createTable(table, options.actor);
    createdTable = created.created;
    // Another loader created it first: its key must be ours, and our columns are added to its own.
    if (!created.created && created.table.key.name !== table.key.name) throw new PitstopError('VALIDATION_FAILED', `feature table "${options.table}" was just created keyed by ${created.table.key.name}, not ${options.key}`, { field: 'key' });
    if (!created.created) await store.addColumns(options.table, table.columns, options.actor);
  } else if (added.length > 0) {
    await store.addColumns(options.table, added, options.actor);
  }
  const batch = Math.max(1, Math.floor(options.batchRows ?? DEFAULT_BATCH_ROWS));
  let inserted = 0;
  let updated = 0;
  options.progress?.start(`writing ${options.table}`, { total: rows.length, unit: 'rows' });
  for (let start = 0; start < rows.length; start += batch) {
    const summary = await store.upsertRows(options.table, rows.slice(start, start + batch), options.actor, { source: path.basename(options.file) });
    inserted += summary.inserted;
    updated += summary.updated;
    options.progress?.advance(inserted + updated);
  }
  const inFile = new Set(data.columns);
  return {
    table: options.table, file: options.file, rows: rows.length, inserted, updated, createdTable, addedColumns: existing ? added : table.columns,
    missingColumns: (existing?.columns ?? []).map((c) => c.name).filter((name) => !inFile.has(name)),
  };
}

/** The table the file will be loaded into (existing columns keep their types), and the columns it adds. */
function planTable(options: LoadFeatureFileOptions, existing: FeatureTableRecord | undefined, data: FeatureFile): { table: NewFeatureTable; added: FeatureColumn[] } {
  const declared = declaredTypes(options.types ?? {}, data.columns);
  if (!data.columns.includes(options.key)) {
    throw new PitstopError('VALIDATION_FAILED', `${options.file} has no key column "${options.key}" (its columns: ${data.columns.join(', ')})`, { field: 'key' });
  }
  const keyType = existing?.key.type ?? keyTypeOf(declared.get(options.key), data.rows.map((r) => r[options.key]));
  const known = new Map((existing?.columns ?? []).map((c) => [c.name, c.type]));
  const added: FeatureColumn[] = [];
  for (const name of data.columns) {
    if (name === options.key) continue;
    const type = declared.get(name) as FeatureColumnType | undefined;
    const current = known.get(name);
    if (current !== undefined) {
      if (type !== undefined && type !== current) throw new PitstopError('VALIDATION_FAILED', `column "${name}" of feature table "${options.table}" is ${current}, not ${type}; a column's type cannot change`, { field: 'types' });
      continue;
    }
    // Columns fill manifest features of the same names, so they must be names a feature can have.
    if (!FEATURE_NAME_PATTERN.test(name)) {
      throw new PitstopError('VALIDATION_FAILED', `column ${JSON.stringify(name)} of ${options.file} cannot be a feature name (a letter or _ first, then letters, digits, _ . -); rename it`, { field: name });
    }
    added.push({ name, type: type ?? inferColumnType(data.rows.map((r) => r[name])) });
  }
  const columns = [...(existing?.columns ?? []), ...added];
  return { table: { name: options.table, key: { name: options.key, type: keyType }, columns }, added };
}

function declaredTypes(types: Readonly<Record<string, string>>, columns: readonly string[]): Map<string, string> {
  for (const [name, type] of Object.entries(types)) {
    if (!(FEATURE_COLUMN_TYPES as readonly string[]).includes(type)) {
      throw new PitstopError('VALIDATION_FAILED', `column "${name}" is declared as ${JSON.stringify(type)}; known types: ${FEATURE_COLUMN_TYPES.join(', ')}`, { field: 'types' });
    }
    if (!columns.includes(name)) throw new PitstopError('VALIDATION_FAILED', `a type is declared for column "${name}", which the file does not have (its columns: ${columns.join(', ')})`, { field: 'types' });
  }
  return new Map(Object.entries(types));
}

function keyTypeOf(declared: string | undefined, values: readonly unknown[]): FeatureKeyType {
  if (declared === undefined) return inferKeyType(values);
  if (!(FEATURE_KEY_TYPES as readonly string[]).includes(declared)) {
    throw new PitstopError('VALIDATION_FAILED', `the key column is declared as ${declared}; a key is ${FEATURE_KEY_TYPES.join(' or ')}`, { field: 'types' });
  }
  return declared as FeatureKeyType;
}
