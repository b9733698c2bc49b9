// An admin action as one value: its typed input and output, the role it needs, and what it does. The policies it
// checks live inside `run`; the audit event it writes is the store's (in the change's transaction) or `audit`'s.
import type { z } from 'zod';
import type { Door, NewAuditEvent, Role } from '../store/index.js';

/** A role an input needs, with why and which field decided it (shown when the caller lacks it). */
export interface RoleNeed {
  readonly role: Role;
  readonly because?: string;
  readonly field?: string;
}

/** Who asks for an operation, and through which door. */
export interface Caller {
  /** The person acting: an API key's owner over HTTP, PITSTOP_ACTOR on the CLI. */
  readonly person: string;
  /** The API key presented (null on the CLI, and over HTTP with auth disabled). */
  readonly keyId: string | null;
  /**
   * The key's role, or null when the door already holds every right: the CLI opens the database itself, and a server
   * started with --insecure-no-auth trusts every caller.
   */
  readonly role: Role | null;
  readonly door: Door;
}

export interface Operation<Deps, Input, Output> {
  /** `capability.action`, e.g. `registry.set_stage`: recorded on every audit row the operation writes. */
  readonly name: string;
  readonly summary: string;
  readonly input: z.ZodType<Input>;
  /**
   * What it answers, as a schema: the HTTP contract and the tests check answers against it. Not tied to Output's
   * TypeScript type, whose readonly records a schema's inferred type would not accept.
   */
  readonly output: z.ZodType;
  /** The least role it needs; a function when the input decides (e.g. a protected alias needs admin, and says why). */
  readonly role: Role | ((input: Input) => RoleNeed);
  /**
   * 'store': the store writes the audit rows in the change's own transaction; 'none': a read;
   * a function: the event to write after a successful run (changes no store audits, e.g. dry runs).
   */
  readonly audit: 'store' | 'none' | ((input: Input, output: Output) => Omit<NewAuditEvent, 'actor'> | null);
  /** True when a success may change what this process serves (the server re-reads its routes after it). */
  readonly changesServing?: boolean;
  run(deps: Deps, input: Input, caller: Caller): Promise<Output>;
}

/** Declares an operation; the identity function, there for the types. */
export function defineOperation<Deps, Input, Output>(operation: Operation<Deps, Input, Output>): Operation<Deps, Input, Output> {
  return operation;
}

/** The name an operation records as the actor: the key over HTTP, the person on the CLI. */
export function actorOf(caller: Caller): string {
  return caller.keyId ?? caller.person;
}
