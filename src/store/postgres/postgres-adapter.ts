// PostgreSQL (pg) specifics: a pool, row locks for per-model serialisation, a trigger function for append-only tables.
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PitstopError } from '../../errors/index.js';
import type { Database } from '../database-schema.js';
import type { DialectAdapter } from '../dialect-adapter.js';
import { CHANGE_CHANNEL } from '../migrations/notification-migrations.js';
import { listenForChanges } from './change-listener.js';

export interface PostgresOptions {
  /** Schema to use (created if missing); tests use one fresh schema each. */
  readonly schema?: string;
  readonly poolSize?: number;
  /** How long reads and writes keep retrying after losing the connection (a restart takes 1-3 s); default 15 s. */
  readonly connectionLossRetryMs?: number;
}

/** Codes of a server that is down, restarting or out of reach for now (57P01-3: shutting down, crashed, starting up). */
const CONNECTION_LOSS_CODES = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', '57P01', '57P02', '57P03']);
/** Codes of a server that cannot be reached as configured (unknown host, no such database, bad credentials). */
const MISCONFIGURED_CODES = new Set(['ENOTFOUND', '3D000', '28P01', '28000']);
/**
 * pg's messages for a connection that failed or died without a code; "not queryable" is what a query (or Kysely's
 * ROLLBACK) gets on a pooled client whose connection has already died.
 */
const CONNECTION_LOSS_MESSAGE = /timeout exceeded when trying to connect|Connection terminated|connection error and is not queryable/i;

const DEFAULT_CONNECTION_LOSS_RETRY_MS = 15_000;

export function openPostgres(url: string, options: PostgresOptions = {}): DialectAdapter {
  const location = redactPassword(url);
  const searchPathOption = options.schema ? `-c search_path=${options.schema}` : undefined;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
    ...(searchPathOption ? { options: searchPathOption } : {}),
  });
  // A client losing its connection (idle or checked out) must not crash the process; the query in progress,
  // or the next one, reports it as DATABASE_UNAVAILABLE.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    name: 'postgres',
    location,
    db,
    serialType: 'serial',
    writeTransaction: (fn) => db.transaction().execute(fn),
    async subscribeToChanges(onChange) {
      const current = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
      const schema = current.rows[0]?.schema;
      if (!schema) return null;
      return listenForChanges({ url, channel: CHANGE_CHANNEL, schema, ...(searchPathOption ? { searchPathOption } : {}) }, onChange);
    },
    async lockModel(trx, modelId) {
      await sql`select id from models where id = ${modelId} for update`.execute(trx);
    },
    async lockPredictions(trx, ids) {
      // Sorted, in chunks taken in order: writers with overlapping batches lock in the same order and never deadlock.
      const sorted = [...new Set(ids)].sort();
      for (let start = 0; start < sorted.length; start += 1000) {
        await trx.selectFrom('predictions').select('id').where('id', 'in', sorted.slice(start, start + 1000)).orderBy('id').forUpdate().execute();
      }
    },
    jsonText(column, key) {
      // json, not jsonb: ->> then gives a number as written (jsonb would turn 1e-7 into 0.0000001).
      return sql<string | null>`(${sql.ref(column)}::json ->> ${key}::text)`;
    },
    jsonNumber(column, key) {
      // Cast only what is a JSON number, so a string under the key is null rather than a failed query.
      return sql<number | null>`(case when json_typeof(${sql.ref(column)}::json -> ${key}::text) = 'number' then (${sql.ref(column)}::json ->> ${key}::text)::double precision end)`;
    },
    appendOnlySql(table) {
      return [
        `CREATE OR REPLACE FUNCTION pitstop_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'P0001'; END $$`,
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION pitstop_append_only()`,
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION pitstop_append_only()`,
      ];
    },
    translateError(error) {
      const code = (error as { code?: string })?.code;
      const message = (error as Error)?.message ?? String(error);
      if (/is append-only/.test(message)) return new PitstopError('AUDIT_IMMUTABLE', message, { cause: error });
      if (isConnectionLoss(error) || (code && MISCONFIGURED_CODES.has(code))) {
        return new PitstopError('DATABASE_UNAVAILABLE', `cannot reach PostgreSQL at ${location}: ${message || code}`, { cause: error });
      }
      return error;
    },
    isConnectionLoss,
    connectionLossRetryMs: options.connectionLossRetryMs ?? DEFAULT_CONNECTION_LOSS_RETRY_MS,
  };
}

function isConnectionLoss(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return (code !== undefined && CONNECTION_LOSS_CODES.has(code)) || CONNECTION_LOSS_MESSAGE.test((error as Error)?.message ?? String(error));
}

export function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable url)';
  }
}
