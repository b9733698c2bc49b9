// The few things that differ between SQLite and PostgreSQL; everything else is shared Kysely code.
import type { Kysely, RawBuilder, Transaction } from 'kysely';
import type { Database } from './database-schema.js';

export interface WriteOptions {
  /**
   * How long to wait for another process's write lock before failing with DATABASE_UNAVAILABLE. SQLite waits
   * synchronously, blocking the event loop, so writers on the request path's side (the prediction log) wait briefly
   * and retry later instead. Default: the adapter's own (30 s on SQLite).
   */
  readonly lockWaitMs?: number;
  /**
   * Whether to run the transaction again when the connection is lost before its body has finished (after that, the
   * COMMIT's outcome is unknown, so it never is). Default: true, unless lockWaitMs is set: writers that wait only
   * briefly for locks (the prediction and decision logs, leases) keep their work and retry on their own.
   */
  readonly retryOnConnectionLoss?: boolean;
}

export interface DialectAdapter {
  readonly name: 'sqlite' | 'postgres';
  readonly location: string;
  readonly db: Kysely<Database>;
  /** Column type for auto-increment primary keys. */
  readonly serialType: 'integer' | 'serial' | 'bigserial';
  /**
   * Runs fn in a transaction that holds the write lock from its first statement
   * (SQLite: BEGIN IMMEDIATE; PostgreSQL: a normal transaction, rows locked explicitly).
   */
  writeTransaction<T>(fn: (trx: Transaction<Database> | Kysely<Database>) => Promise<T>, options?: WriteOptions): Promise<T>;
  /** Locks a model row for the rest of the transaction (no-op on SQLite, whose write lock is database-wide). */
  lockModel(trx: Kysely<Database>, modelId: number): Promise<void>;
  /**
   * Locks the named prediction rows for the rest of the transaction, in id order (no-op on SQLite, whose write lock is
   * database-wide). Label writers take these locks so two of them cannot both add a prediction's first label.
   */
  lockPredictions(trx: Kysely<Database>, ids: readonly string[]): Promise<void>;
  /**
   * The scalar under a top-level key of a JSON text column, as text: strings as they are, numbers as written, booleans
   * as true/false; null when missing or null. (SQLite: json_type/json_extract; PostgreSQL: ->> on jsonb.)
   */
  jsonText(column: string, key: string): RawBuilder<string | null>;
  /** The number under a top-level key of a JSON text column, or null when it holds anything else. */
  jsonNumber(column: string, key: string): RawBuilder<number | null>;
  /** SQL statements that make a table reject UPDATE and DELETE. */
  appendOnlySql(table: string): string[];
  /**
   * Calls onChange soon after any process commits a registry or traffic change; resolves to a function that stops
   * listening, or to null where the database cannot notify (SQLite: callers poll).
   */
  subscribeToChanges(onChange: () => void): Promise<(() => Promise<void>) | null>;
  /** Turns a driver error into a PitstopError where it has a meaning for the caller. */
  translateError(error: unknown): unknown;
  /**
   * Whether a driver error means the connection dropped or could not be made just now (a database restarting), so
   * the same work may succeed shortly; false for a wrong host, password or database name (SQLite: always false).
   */
  isConnectionLoss(error: unknown): boolean;
  /** How long reads and writes keep retrying after a connection loss before failing (SQLite: 0). */
  readonly connectionLossRetryMs: number;
}
