// The CLI's door to admin operations. The CLI opens the database itself, so it holds every role; the person is
// PITSTOP_ACTOR (config.actor), which the two-person rule compares like a key's owner.
import { executeOperation, type Caller, type Operation } from '../operations/index.js';
import type { RegistryOperationDeps } from '../registry/operations/index.js';
import type { CliContext } from './cli-context.js';

/** The aliases production callers use, as `pitstop serve --protected-aliases` defaults them. */
const PROTECTED_ALIASES: ReadonlySet<string> = new Set(['champion']);

export function cliCaller(ctx: CliContext): Caller {
  return { person: ctx.config.actor, keyId: null, role: null, door: 'cli' };
}

export async function runCliOperation<Deps, Input, Output>(ctx: CliContext, operation: Operation<Deps, Input, Output>, deps: Deps, input: unknown): Promise<Output> {
  const { store } = await ctx.services();
  return executeOperation({ recordAudit: (event) => store.recordAudit(event) }, cliCaller(ctx), operation, deps, input);
}

export async function registryOperationDeps(ctx: CliContext): Promise<RegistryOperationDeps> {
  const { store, registry } = await ctx.services();
  return { registry, traffic: store.traffic, protectedAliases: PROTECTED_ALIASES };
}
