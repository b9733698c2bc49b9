// Pitstop's errors as gRPC statuses: the code follows the HTTP status the same error has on the HTTP doors, and the
// details carry the same message; the Pitstop code and field travel as trailing metadata (pitstop-code, pitstop-field).
import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { toPitstopError, type PitstopError } from '../../errors/index.js';

const BY_HTTP_STATUS: Readonly<Record<number, GrpcStatus>> = {
  400: GrpcStatus.INVALID_ARGUMENT,
  401: GrpcStatus.UNAUTHENTICATED,
  403: GrpcStatus.PERMISSION_DENIED,
  404: GrpcStatus.NOT_FOUND,
  409: GrpcStatus.FAILED_PRECONDITION,
  413: GrpcStatus.RESOURCE_EXHAUSTED,
  422: GrpcStatus.INVALID_ARGUMENT,
  429: GrpcStatus.RESOURCE_EXHAUSTED,
  503: GrpcStatus.UNAVAILABLE,
  504: GrpcStatus.DEADLINE_EXCEEDED,
};

export function grpcStatusOf(error: PitstopError): GrpcStatus {
  return BY_HTTP_STATUS[error.status] ?? (error.status < 500 ? GrpcStatus.INVALID_ARGUMENT : GrpcStatus.INTERNAL);
}

export function toGrpcError(thrown: unknown): Partial<ServiceError> & { code: GrpcStatus; pitstop: PitstopError } {
  const error = toPitstopError(thrown);
  const metadata = new Metadata();
  metadata.set('pitstop-code', error.code);
  if (error.field) metadata.set('pitstop-field', error.field);
  const code = grpcStatusOf(error);
  // An internal failure's own message may expose internals; HTTP answers it with a generic detail too.
  const details = code === GrpcStatus.INTERNAL ? 'internal error; the server log has the details' : error.message;
  return { code, details, metadata, pitstop: error };
}
