// Maps every error a route can raise to a JSON problem (native API) or `{"error": ...}` (V2 protocol); never a 500 for the caller's mistake.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PitstopError, isPitstopError } from '../errors/index.js';

export function toHttpError(error: FastifyError | Error): PitstopError {
  if (isPitstopError(error)) return error;
  const fastifyError = error as FastifyError;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new PitstopError('PAYLOAD_TOO_LARGE', `the request body is larger than the server accepts (${fastifyError.message})`, { field: 'body' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new PitstopError('VALIDATION_FAILED', 'send the body as application/json', { field: 'content-type' });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new PitstopError('VALIDATION_FAILED', 'the request body is empty; send a JSON object', { field: 'body' });
  }
  if (fastifyError.validation) {
    const errors = fastifyError.validation.map((v) => ({
      field: `${fastifyError.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}${v.params && 'missingProperty' in v.params ? `.${String(v.params.missingProperty)}` : ''}`,
      message: v.message ?? 'is invalid',
    }));
    return new PitstopError('VALIDATION_FAILED', `${errors[0]!.field} ${errors[0]!.message}`, { field: errors[0]!.field, errors });
  }
  if (error instanceof SyntaxError || fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new PitstopError('VALIDATION_FAILED', `the request body is not valid JSON: ${error.message}`, { field: 'body' });
  }
  const status = fastifyError.statusCode;
  if (status === 429) return new PitstopError('RATE_LIMITED', fastifyError.message);
  // A 4xx from a library (a plugin's 403 for a path outside its root, a 405, a 415, ...) is the caller's mistake: it
  // stays that status, never an INTERNAL 500.
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new PitstopError('REQUEST_REFUSED', fastifyError.message || `refused with status ${status}`, { status, cause: error });
  }
  return new PitstopError('INTERNAL', 'internal error', { cause: error });
}

export function sendError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = toHttpError(error);
  if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
  reply.status(problem.status);
  if (problem.code === 'RATE_LIMITED' && reply.getHeader('retry-after') === undefined) reply.header('retry-after', '1');
  if (request.routeOptions.config?.v2) return reply.send({ error: problem.message });
  return reply.type('application/problem+json').send({ ...problem.toProblem(), instance: request.url, requestId: request.id });
}
