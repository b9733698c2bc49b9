export { ERROR_CODES, type ErrorCode, type ErrorCodeSpec } from './error-codes.js';
export { PitstopError, isPitstopError, toPitstopError, type FieldError, type Problem, type PitstopErrorOptions } from './pitstop-error.js';
