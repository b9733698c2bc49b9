// The feature store over Kysely, on the same adapter as the other stores. Rows are upserted in multi-row statements
// (INSERT ... ON CONFLICT DO UPDATE, which SQLite and PostgreSQL both speak); table-level changes are audited.
import type { Kysely } from 'kysely';
import { PitstopError } from '../errors/index.js';
import type { Database } from './database-schema.js';
import type { FeatureChange, FeatureColumn, FeatureKeyType, FeatureRow, FeatureTableRecord, FeatureUpsertSummary, NewFeatureTable, StoredFeatureRow } from './feature-records.js';
import type { FeatureStore } from './feature-store.js';
import type { FeatureStoreTables } from './feature-tables.js';
import type { KyselyStoreSession } from './kysely-store-session.js';
import type { NewAuditEvent } from './records.js';

/** Rows (4 parameters each) or keys per statement: well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;
/** Times a schema change retries when another writer changed the columns between its read and its write. */
const COLUMN_UPDATE_ATTEMPTS = 5;

export class KyselyFeatureStore implements FeatureStore {
  private readonly listeners = new Set<(change: FeatureChange) => void>();

  constructor(private readonly session: KyselyStoreSession) {}

  async createTable(table: NewFeatureTable, actor: string): Promise<{ table: FeatureTableRecord; created: boolean }> {
    const created = await this.session.write(async (trx) => {
      const now = this.session.now();
      // ON CONFLICT DO NOTHING: two loaders creating the same table concurrently both succeed, and one of them creates it.
      const inserted = await trx
        .insertInto('feature_tables')
        .values({
          name: table.name, key_column: table.key.name, key_type: table.key.type, columns: JSON.stringify(table.columns.map(columnOf)),
          created_by: actor, created_at: now, updated_at: now,
        })
        .onConflict((oc) => oc.column('name').doNothing())
        .returning('name')
        .executeTakeFirst();
      if (!inserted) return false;
      await this.session.appendAudit(trx, audit(actor, 'features.table_created', { table: table.name, key: table.key, columns: table.columns.map(columnOf) }));
      return true;
    });
    if (created) this.notify({ table: table.name, keys: null });
    return { table: (await this.getTable(table.name))!, created };
  }

  async addColumns(table: string, columns: readonly FeatureColumn[], actor: string): Promise<FeatureTableRecord> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.getTable(table);
      if (!current) throw tableNotFound(table);
      const added = newColumns(current, columns);
      if (added.length === 0) return current;
      const changed = await this.session.write(async (trx) => {
        // Compare-and-set on the column list: a concurrent schema change makes this match nothing, and we read again.
        const result = await trx
          .updateTable('feature_tables')
          .set({ columns: JSON.stringify([...current.columns, ...added].map(columnOf)), updated_at: this.session.now() })
          .where('name', '=', table)
          .where('columns', '=', JSON.stringify(current.columns.map(columnOf)))
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return false;
        await this.session.appendAudit(trx, audit(actor, 'features.columns_added', { table, columns: added }));
        return true;
      });
      if (changed) {
        this.notify({ table, keys: null });
        return (await this.getTable(table))!;
      }
      if (attempt >= COLUMN_UPDATE_ATTEMPTS) throw new PitstopError('DATABASE_UNAVAILABLE', `the columns of feature table "${table}" kept changing under this schema change; try again`);
    }
  }

  async getTable(name: string): Promise<FeatureTableRecord | undefined> {
    const row = await this.session.read((db) => db.selectFrom('feature_tables').selectAll().where('name', '=', name).executeTakeFirst());
    return row ? toTableRecord(row) : undefined;
  }

  async listTables(): Promise<FeatureTableRecord[]> {
    const rows = await this.session.read((db) => db.selectFrom('feature_tables').selectAll().orderBy('name').execute());
    return rows.map(toTableRecord);
  }

  async upsertRows(table: string, rows: readonly FeatureRow[], actor: string, options: { readonly source?: string } = {}): Promise<FeatureUpsertSummary> {
    refuseRepeatedKeys(rows);
    if (rows.length === 0) return { inserted: 0, updated: 0 };
    const summary = await this.session.write(async (trx) => {
      await requireTable(trx, table);
      const now = this.session.now();
      let updated = 0;
      for (let start = 0; start < rows.length; start += CHUNK) {
        const chunk = rows.slice(start, start + CHUNK);
        // Counted before the write, for the summary only: a concurrent writer on PostgreSQL may shift a row between
        // "inserted" and "updated", never the stored values.
        updated += await countExisting(trx, table, chunk.map((r) => r.key));
        await trx
          .insertInto('feature_rows')
          .values(chunk.map((r) => ({ table_name: table, entity_key: r.key, values: JSON.stringify(r.values), updated_at: now })))
          .onConflict((oc) => oc.columns(['table_name', 'entity_key']).doUpdateSet((eb) => ({ values: eb.ref('excluded.values'), updated_at: eb.ref('excluded.updated_at') })))
          .execute();
      }
      const result = { inserted: rows.length - updated, updated };
      await trx.updateTable('feature_tables').set({ updated_at: now }).where('name', '=', table).execute();
      await this.session.appendAudit(trx, audit(actor, 'features.loaded', { table, rows: rows.length, ...result, ...(options.source !== undefined && { source: options.source }) }));
      return result;
    });
    this.notify({ table, keys: rows.map((r) => r.key) });
    return summary;
  }

  async getRows(table: string, keys: readonly string[]): Promise<Map<string, StoredFeatureRow>> {
    const found = new Map<string, StoredFeatureRow>();
    const distinct = [...new Set(keys)];
    for (let start = 0; start < distinct.length; start += CHUNK) {
      const chunk = distinct.slice(start, start + CHUNK);
      const rows = await this.session.read((db) =>
        db.selectFrom('feature_rows').select(['entity_key', 'values', 'updated_at']).where('table_name', '=', table).where('entity_key', 'in', chunk).execute(),
      );
      for (const row of rows) found.set(row.entity_key, { key: row.entity_key, values: JSON.parse(row.values) as Record<string, unknown>, updatedAt: row.updated_at });
    }
    return found;
  }

  async deleteRows(table: string, keys: readonly string[], actor: string): Promise<number> {
    const distinct = [...new Set(keys)];
    if (distinct.length === 0) return 0;
    const deleted = await this.session.write(async (trx) => {
      await requireTable(trx, table);
      let count = 0;
      for (let start = 0; start < distinct.length; start += CHUNK) {
        const result = await trx.deleteFrom('feature_rows').where('table_name', '=', table).where('entity_key', 'in', distinct.slice(start, start + CHUNK)).executeTakeFirst();
        count += Number(result.numDeletedRows);
      }
      await trx.updateTable('feature_tables').set({ updated_at: this.session.now() }).where('name', '=', table).execute();
      await this.session.appendAudit(trx, audit(actor, 'features.rows_deleted', { table, requested: distinct.length, deleted: count }));
      return count;
    });
    this.notify({ table, keys: distinct });
    return deleted;
  }

  async countRows(table: string): Promise<number> {
    const row = await this.session.read((db) => db.selectFrom('feature_rows').select((eb) => eb.fn.countAll().as('n')).where('table_name', '=', table).executeTakeFirstOrThrow());
    return Number(row.n);
  }

  onChange(listener: (change: FeatureChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(change: FeatureChange): void {
    for (const listener of this.listeners) listener(change);
  }
}

async function requireTable(trx: Kysely<Database>, table: string): Promise<void> {
  const found = await trx.selectFrom('feature_tables').select('name').where('name', '=', table).executeTakeFirst();
  if (!found) throw tableNotFound(table);
}

async function countExisting(trx: Kysely<Database>, table: string, keys: readonly string[]): Promise<number> {
  const row = await trx
    .selectFrom('feature_rows')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('table_name', '=', table)
    .where('entity_key', 'in', keys)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** PostgreSQL refuses an upsert that touches one row twice; a key given twice is ambiguous anyway. */
function refuseRepeatedKeys(rows: readonly FeatureRow[]): void {
  const first = new Map<string, number>();
  rows.forEach((row, index) => {
    const earlier = first.get(row.key);
    if (earlier !== undefined) {
      throw new PitstopError('VALIDATION_FAILED', `rows[${index}] repeats key "${row.key}" of rows[${earlier}]; send each entity once`, { field: `rows[${index}].key` });
    }
    first.set(row.key, index);
  });
}

/** The requested columns the table does not have yet; one it has with another type is refused. */
function newColumns(table: FeatureTableRecord, columns: readonly FeatureColumn[]): FeatureColumn[] {
  const existing = new Map(table.columns.map((c) => [c.name, c.type]));
  const added: FeatureColumn[] = [];
  for (const column of columns) {
    const type = existing.get(column.name);
    if (type === undefined) {
      existing.set(column.name, column.type);
      added.push(columnOf(column));
    } else if (type !== column.type) {
      throw new PitstopError('VALIDATION_FAILED', `column "${column.name}" of feature table "${table.name}" is ${type}; a column's type cannot change (load it under a new name)`, { field: column.name });
    }
  }
  return added;
}

function tableNotFound(table: string): PitstopError {
  return new PitstopError('FEATURE_TABLE_NOT_FOUND', `no feature table "${table}"; create it by loading a file: pitstop features load ${table} --file FILE --key COLUMN`, { field: 'table' });
}

function audit(actor: string, action: string, details: Record<string, unknown>): NewAuditEvent {
  return { actor, action, model: null, version: null, fromStage: null, toStage: null, reason: null, details };
}

/** Only name and type, whatever else the caller's object carries. */
function columnOf(column: FeatureColumn): FeatureColumn {
  return { name: column.name, type: column.type };
}

function toTableRecord(row: FeatureStoreTables['feature_tables']): FeatureTableRecord {
  return {
    name: row.name, key: { name: row.key_column, type: row.key_type as FeatureKeyType }, columns: JSON.parse(row.columns) as FeatureColumn[],
    createdBy: row.created_by, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}
