// SQLite (better-sqlite3) specifics: file under PITSTOP_HOME, WAL mode, BEGIN IMMEDIATE for writes, triggers for append-only tables.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { PitstopError } from '../../errors/index.js';
import type { Database } from '../database-schema.js';
import type { DialectAdapter } from '../dialect-adapter.js';

/** How long a writer waits for another process's write lock before giving up. */
const BUSY_TIMEOUT_MS = 30_000;

/** Prepared statements kept per SQL text: the same few queries run on every request. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs as much as running a small query. This keeps the
 * most recently used statements (better-sqlite3 statements are reusable, and re-prepare themselves after a schema change).
 */
function withStatementCache(database: BetterSqlite3.Database): { prepare(sql: string): BetterSqlite3.Statement; close(): void } {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement) {
        // Re-insert: a Map iterates in insertion order, so the first key is the least recently used.
        statements.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
    close: () => database.close(),
  };
}

export function openSqlite(file: string): DialectAdapter {
  let database: BetterSqlite3.Database;
  try {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    database = new BetterSqlite3(file, { timeout: BUSY_TIMEOUT_MS });
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
  } catch (error) {
    throw new PitstopError('DATABASE_UNAVAILABLE', `cannot open SQLite database ${file}: ${(error as Error).message}`, { cause: error });
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  return {
    name: 'sqlite',
    location: `sqlite:${file}`,
    db,
    serialType: 'integer',
    async writeTransaction(fn, options = {}) {
      // Kysely's SQLite driver has one connection; holding it keeps other in-process callers out (so a changed
      // busy_timeout applies to this transaction only), and BEGIN IMMEDIATE takes the file's write lock up front so
      // concurrent processes queue instead of failing.
      return db.connection().execute(async (connection) => {
        const waitMs = options.lockWaitMs;
        if (waitMs !== undefined) database.pragma(`busy_timeout = ${Math.max(0, Math.floor(waitMs))}`);
        try {
          await sql`begin immediate`.execute(connection);
          try {
            const result = await fn(connection);
            await sql`commit`.execute(connection);
            return result;
          } catch (error) {
            await sql`rollback`.execute(connection).catch(() => undefined);
            throw error;
          }
        } finally {
          if (waitMs !== undefined) database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
        }
      });
    },
    async subscribeToChanges() {
      return null;
    },
    async lockModel() {
      // BEGIN IMMEDIATE already holds the database-wide write lock.
    },
    async lockPredictions() {
      // BEGIN IMMEDIATE already holds the database-wide write lock.
    },
    jsonText(column, key) {
      const path = jsonPath(key);
      // -> gives a number's JSON text as written (json_extract would turn 0.1 into a float and back); strings come unquoted.
      return sql<string | null>`(case json_type(${sql.ref(column)}, ${path}) when 'text' then json_extract(${sql.ref(column)}, ${path}) when 'null' then null else ${sql.ref(column)} -> ${path} end)`;
    },
    jsonNumber(column, key) {
      const path = jsonPath(key);
      return sql<number | null>`(case when json_type(${sql.ref(column)}, ${path}) in ('integer', 'real') then json_extract(${sql.ref(column)}, ${path}) end)`;
    },
    appendOnlySql(table) {
      return ['UPDATE', 'DELETE'].map(
        (op) => `CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
      );
    },
    translateError(error) {
      const message = (error as Error)?.message ?? '';
      if (/is append-only/.test(message)) return new PitstopError('AUDIT_IMMUTABLE', message, { cause: error });
      if ((error as { code?: string })?.code === 'SQLITE_BUSY') {
        return new PitstopError('DATABASE_UNAVAILABLE', 'SQLite database is locked by another process', { cause: error });
      }
      return error;
    },
    // A file cannot drop its connection; SQLITE_BUSY already waited out busy_timeout and is not retried again.
    isConnectionLoss: () => false,
    connectionLossRetryMs: 0,
  };
}

/** A JSON path to a top-level key; quoted, so keys with dots or dashes stay one key. */
function jsonPath(key: string): string {
  return `$."${key.replaceAll('"', '\\"')}"`;
}
