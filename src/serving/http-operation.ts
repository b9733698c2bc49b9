// The HTTP door to admin operations: who the caller is (the key's person and role; the GUI says so in a header), and
// running an operation in their name. Routes translate a request into an operation's input and its output back.
import type { FastifyRequest } from 'fastify';
import { PitstopError } from '../errors/index.js';
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

export async function runOperation<Deps, Input, Output>(host: OperationHost, request: FastifyRequest, operation: Operation<Deps, Input, Output>, deps: Deps, input: unknown): Promise<Output> {
  try {
    return await executeOperation(host, callerOf(request), operation, deps, input);
  } catch (error) {
    throw locatedInRequest(error, request);
  }
}

/** An input field the operation refused, named where this request carried it (`body.for`), as schema errors are. */
function locatedInRequest(error: unknown, request: FastifyRequest): unknown {
  if (!(error instanceof PitstopError) || error.code !== 'VALIDATION_FAILED' || !error.field) return error;
  const schema = request.routeOptions.schema as Partial<Record<'params' | 'querystring' | 'body', { properties?: Record<string, unknown> }>> | undefined;
  const head = error.field.split('.')[0]!;
  const part = (['body', 'querystring', 'params'] as const).find((p) => schema?.[p]?.properties && head in schema[p]!.properties!);
  if (!part) return error;
  const field = `${part}.${error.field}`;
  return new PitstopError(error.code, error.message, { field, errors: error.errors.map((e) => ({ ...e, field: `${part}.${e.field}` })), ...(error.details ? { details: error.details } : {}), cause: error });
}
