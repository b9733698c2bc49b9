// The one way an admin action runs, whichever door it came through: role, input, run, audit, serving change.
import { PitstopError } from '../errors/index.js';
import { withAuditContext, type NewAuditEvent } from '../store/index.js';
import { roleAllows } from './roles.js';
import { actorOf, type Caller, type Operation } from './operation.js';

/** What executeOperation needs besides the operation's own dependencies. */
export interface OperationHost {
  /** Writes an audit event (for operations whose store does not). */
  recordAudit(event: NewAuditEvent): Promise<void>;
  /** Re-reads what this process serves after a change (the server's deployment sync); absent on the CLI. */
  applyServingChange?(): Promise<void>;
}

export async function executeOperation<Deps, Input, Output>(
  host: OperationHost,
  caller: Caller,
  operation: Operation<Deps, Input, Output>,
  deps: Deps,
  rawInput: unknown,
): Promise<Output> {
  const input = parseInput(operation, rawInput);
  const need = typeof operation.role === 'function' ? operation.role(input) : { role: operation.role };
  if (caller.role !== null && !roleAllows(caller.role, need.role)) {
    const because = need.because ? ` (${need.because})` : '';
    throw new PitstopError('FORBIDDEN', `${operation.summary} needs the ${need.role} role${because}; ${caller.keyId ?? caller.person} has ${caller.role}`, { field: need.field ?? 'authorization' });
  }
  const context = { person: caller.person, keyId: caller.keyId, door: caller.door, operation: operation.name, appended: 0 };
  return withAuditContext(context, async () => {
    const output = await operation.run(deps, input, caller);
    if (typeof operation.audit === 'function') {
      const event = operation.audit(input, output);
      if (event) await host.recordAudit({ ...event, actor: actorOf(caller) });
    }
    if (operation.changesServing) await host.applyServingChange?.();
    return output;
  });
}

function parseInput<Input>(operation: { summary: string; input: Operation<unknown, Input, unknown>['input'] }, rawInput: unknown): Input {
  const parsed = operation.input.safeParse(rawInput);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join('.') || 'input';
  throw new PitstopError('VALIDATION_FAILED', `${operation.summary}: ${field} ${issue.message}`, { field });
}
