// Renames columns, e.g. "Beak Length (mm)" to beak_length_mm: a manifest feature name holds no spaces or brackets.
import { PitstopError } from '../errors/index.js';
import type { Column, Table } from './table.js';

/** `renames` maps old names to new ones; other columns keep theirs, and every column keeps its place. */
export function renameColumns(table: Table, renames: Readonly<Record<string, string>>): Table {
  for (const from of Object.keys(renames)) {
    if (!table.columns.has(from)) throw new PitstopError('VALIDATION_FAILED', `there is no column "${from}" to rename`, { field: from });
  }
  const columns = new Map<string, Column>();
  for (const [name, column] of table.columns) {
    const to = Object.hasOwn(renames, name) ? renames[name]! : name;
    if (columns.has(to)) throw new PitstopError('VALIDATION_FAILED', `renaming would give two columns the name "${to}"`, { field: to });
    columns.set(to, { ...column, name: to });
  }
  return { rowCount: table.rowCount, columns };
}

const FEATURE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;

/**
 * Renames only the columns a manifest could not use as feature names, to snake_case ("Beak Length (mm)" →
 * beak_length_mm), and says which it renamed, so commands can tell the user what callers must send.
 */
export function featureSafeColumnNames(table: Table): { table: Table; renames: Record<string, string> } {
  const taken = new Set([...table.columns.keys()].filter((name) => FEATURE_NAME.test(name)));
  const renames: Record<string, string> = {};
  for (const name of table.columns.keys()) {
    if (FEATURE_NAME.test(name)) continue;
    let base = name.normalize('NFKD').replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^_+|_+$/g, '').toLowerCase().slice(0, 120) || 'column';
    if (!/^[A-Za-z_]/.test(base)) base = `_${base}`;
    let candidate = base;
    for (let n = 2; taken.has(candidate); n++) candidate = `${base}_${n}`;
    taken.add(candidate);
    renames[name] = candidate;
  }
  return { table: Object.keys(renames).length === 0 ? table : renameColumns(table, renames), renames };
}
