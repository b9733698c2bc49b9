// What every Kysely store shares: the dialect adapter, the clock, transactions whose driver errors come out as
// PitstopErrors, and appending to the audit log.
import type { Kysely } from 'kysely';
import type { Database } from './database-schema.js';
import type { DialectAdapter, WriteOptions } from './dialect-adapter.js';
import type { NewAuditEvent } from './records.js';

export type Clock = () => Date;

export class KyselyStoreSession {
  constructor(readonly adapter: DialectAdapter, private readonly clock: Clock) {}

  now(): string {
    return this.clock().toISOString();
  }

  /** Runs fn in the adapter's write transaction; driver errors come out as PitstopErrors where they mean something. */
  async write<T>(fn: (trx: Kysely<Database>) => Promise<T>, options?: WriteOptions): Promise<T> {
    try {
      return await this.adapter.writeTransaction(fn, options);
    } catch (error) {
      throw this.adapter.translateError(error);
    }
  }

  async read<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    try {
      return await fn(this.adapter.db);
    } catch (error) {
      throw this.adapter.translateError(error);
    }
  }

  async appendAudit(trx: Kysely<Database>, event: NewAuditEvent): Promise<void> {
    await trx
      .insertInto('audit_events')
      .values({
        at: this.now(), actor: event.actor, action: event.action, model: event.model, version: event.version,
        from_stage: event.fromStage, to_stage: event.toStage, reason: event.reason, details: JSON.stringify(event.details ?? {}),
      })
      .execute();
  }
}
