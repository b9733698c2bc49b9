// The HTTP door to admin operations: who the caller is (the key's person and role; the GUI says so in a header), and
// running an operation in their name. Routes translate a request into an operation's input and its output back.
import type { FastifyRequest } from 'fastify';
import { executeOperation, type Caller, type Operation, type OperationHost } from '../operations/index.js';

/** The header the admin GUI sends, so the audit log says a change came through the GUI rather than the raw API. */
export const DOOR_HEADER = 'x-pitstop-door';

export function callerOf(request: FastifyRequest): Caller {
  return {
    person: request.callerPerson ?? 'anonymous',
    keyId: request.callerKeyId,
    role: request.callerRole,
    door: request.headers[DOOR_HEADER] === 'gui' ? 'gui' : 'http',
  };
}

export function runOperation<Deps, Input, Output>(host: OperationHost, request: FastifyRequest, operation: Operation<Deps, Input, Output>, deps: Deps, input: unknown): Promise<Output> {
  return executeOperation(host, callerOf(request), operation, deps, input);
}
