// Who is acting, for the audit log: the operation that runs (see src/operations) sets it once, and every audit row a
// store appends inside it records the same person, key, door and operation, whichever store writes the row.
import { AsyncLocalStorage } from 'node:async_hooks';

export const DOORS = ['cli', 'http', 'gui'] as const;
/** The front door an admin action came through. */
export type Door = (typeof DOORS)[number];

export interface AuditContext {
  /** The person acting (a key's owner, or the CLI's actor). */
  readonly person: string | null;
  /** The API key acting (null on the CLI, which opens the database itself). */
  readonly keyId: string | null;
  readonly door: Door;
  /** The operation's name, e.g. `registry.set_stage`. */
  readonly operation: string;
  /** Audit rows appended so far inside this operation. */
  appended: number;
}

const storage = new AsyncLocalStorage<AuditContext>();

/** Runs fn with ctx as the audit context of every audit row appended inside it (across awaits). */
export function withAuditContext<T>(ctx: AuditContext, fn: () => Promise<T>): Promise<T> {
  return storage.run(ctx, fn);
}

export function currentAuditContext(): AuditContext | undefined {
  return storage.getStore();
}
