import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, PitstopError, type ErrorCode } from '../../errors/index.js';
import { grpcStatusOf, toGrpcError } from './grpc-status.js';

describe('gRPC statuses of Pitstop errors', () => {
  it('gives every code of the catalogue the status its HTTP status means, and INTERNAL only for 5xx other than 503/504', () => {
    for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
      const error = new PitstopError(code, 'x');
      const grpc = grpcStatusOf(error);
      if (error.status === 503) expect(grpc, code).toBe(status.UNAVAILABLE);
      else if (error.status < 500) expect([status.INVALID_ARGUMENT, status.NOT_FOUND, status.UNAUTHENTICATED, status.PERMISSION_DENIED, status.RESOURCE_EXHAUSTED, status.FAILED_PRECONDITION], code).toContain(grpc);
      else expect([status.INTERNAL, status.DEADLINE_EXCEEDED], code).toContain(grpc);
    }
    expect(grpcStatusOf(new PitstopError('RATE_LIMITED', 'x'))).toBe(status.RESOURCE_EXHAUSTED);
    expect(grpcStatusOf(new PitstopError('FORBIDDEN', 'x'))).toBe(status.PERMISSION_DENIED);
    expect(grpcStatusOf(new PitstopError('UNAUTHENTICATED', 'x'))).toBe(status.UNAUTHENTICATED);
  });

  it('carries the message as details and the code and field as metadata; hides an internal failure\'s message', () => {
    const error = toGrpcError(new PitstopError('VALIDATION_FAILED', 'inputs[0].shape: bad', { field: 'inputs[0].shape' }));
    expect(error).toMatchObject({ code: status.INVALID_ARGUMENT, details: 'inputs[0].shape: bad' });
    expect(error.metadata!.get('pitstop-code')).toEqual(['VALIDATION_FAILED']);
    expect(error.metadata!.get('pitstop-field')).toEqual(['inputs[0].shape']);
    expect(toGrpcError(new Error('/secret/path exploded'))).toMatchObject({ code: status.INTERNAL, details: 'internal error; the server log has the details' });
  });
});
