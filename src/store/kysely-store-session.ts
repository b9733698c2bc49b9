// What every Kysely store shares: the dialect adapter, the clock, transactions whose driver errors come out as
// PitstopErrors, retries that ride out a database restart, and appending to the audit log.
import type { Kysely } from 'kysely';
import type { Database } from './database-schema.js';
import type { DialectAdapter, WriteOptions } from './dialect-adapter.js';
import { currentAuditContext } from './audit-context.js';
import type { NewAuditEvent } from './records.js';

export type Clock = () => Date;

/** Waits between attempts after a connection loss: doubling from the first to the last, then staying there. */
const FIRST_RETRY_DELAY_MS = 100;
const MAX_RETRY_DELAY_MS = 1_000;

export class KyselyStoreSession {
  constructor(readonly adapter: DialectAdapter, private readonly clock: Clock) {}

  now(): string {
    return this.clock().toISOString();
  }

  /**
   * Runs fn in the adapter's write transaction; driver errors come out as PitstopErrors where they mean something.
   * A connection lost before fn has finished rolls the transaction back, so it runs again (see WriteOptions); one
   * lost after, during COMMIT, may or may not have committed, so that error is thrown as it is.
   */
  async write<T>(fn: (trx: Kysely<Database>) => Promise<T>, options: WriteOptions = {}): Promise<T> {
    const retry = options.retryOnConnectionLoss ?? options.lockWaitMs === undefined;
    let bodyFinished = false;
    return this.withConnectionRetry(
      () => {
        bodyFinished = false;
        return this.adapter.writeTransaction(async (trx) => {
          const result = await fn(trx);
          bodyFinished = true;
          return result;
        }, options);
      },
      () => retry && !bodyFinished,
    );
  }

  /** Runs fn on the database; reads change nothing, so a lost connection is always retried. */
  async read<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.withConnectionRetry(() => fn(this.adapter.db), () => true);
  }

  /** Appends an audit row; inside an operation it also records the operation's person, key, door and name. */
  async appendAudit(trx: Kysely<Database>, event: NewAuditEvent): Promise<void> {
    const context = currentAuditContext();
    if (context) context.appended++;
    await trx
      .insertInto('audit_events')
      .values({
        at: this.now(), actor: event.actor, action: event.action, model: event.model, version: event.version,
        from_stage: event.fromStage, to_stage: event.toStage, reason: event.reason, details: JSON.stringify(event.details ?? {}),
        person: context?.person ?? null, key_id: context?.keyId ?? null, door: context?.door ?? null, operation: context?.operation ?? null,
      })
      .execute();
  }

  /**
   * Runs attempt until it succeeds, fails other than by a connection loss, may not be retried, or the adapter's retry
   * budget is spent; then throws the last error, translated.
   */
  private async withConnectionRetry<T>(attempt: () => Promise<T>, mayRetry: () => boolean): Promise<T> {
    const deadline = Date.now() + this.adapter.connectionLossRetryMs;
    for (let delayMs = FIRST_RETRY_DELAY_MS; ; delayMs = Math.min(delayMs * 2, MAX_RETRY_DELAY_MS)) {
      try {
        return await attempt();
      } catch (error) {
        const remainingMs = deadline - Date.now();
        if (remainingMs <= 0 || !mayRetry() || !this.adapter.isConnectionLoss(error)) throw this.adapter.translateError(error);
        await new Promise((resolve) => setTimeout(resolve, Math.min(delayMs, remainingMs)));
      }
    }
  }
}
