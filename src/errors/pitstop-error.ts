// PitstopError: the one error type the product throws on purpose; the server maps it to a JSON problem, the CLI to one line.
import { ERROR_CODES, type ErrorCode } from './error-codes.js';

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export interface PitstopErrorOptions {
  /** The input field at fault, as a path (`features[2].type`, `--reference`). */
  readonly field?: string;
  /** Several field errors at once (e.g. every invalid record). */
  readonly errors?: readonly FieldError[];
  readonly cause?: unknown;
  readonly details?: Record<string, unknown>;
  /** The HTTP status when it is not the code's own: REQUEST_REFUSED keeps the 4xx the refusing library chose. */
  readonly status?: number;
}

export class PitstopError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly errors: readonly FieldError[];
  readonly details: Record<string, unknown> | undefined;
  readonly #status: number | undefined;

  constructor(code: ErrorCode, message: string, options: PitstopErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PitstopError';
    this.code = code;
    this.field = options.field;
    this.errors = options.errors ?? (options.field ? [{ field: options.field, message }] : []);
    this.details = options.details;
    this.#status = options.status;
  }

  get status(): number {
    return this.#status ?? ERROR_CODES[this.code].status;
  }

  get exitCode(): number {
    return ERROR_CODES[this.code].exitCode;
  }

  get title(): string {
    return ERROR_CODES[this.code].title;
  }

  /** The RFC 9457 problem document for this error. */
  toProblem(): Problem {
    return {
      type: `https://pitstop.dev/errors/${this.code.toLowerCase().replaceAll('_', '-')}`,
      title: this.title,
      status: this.status,
      code: this.code,
      detail: this.message,
      ...(this.field ? { field: this.field } : {}),
      errors: this.errors.map((e) => ({ field: e.field, message: e.message })),
    };
  }
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  field?: string;
  errors: { field: string; message: string }[];
}

export function isPitstopError(error: unknown): error is PitstopError {
  return error instanceof PitstopError;
}

/** Wraps an unexpected error as INTERNAL, keeping the original as cause. */
export function toPitstopError(error: unknown): PitstopError {
  if (isPitstopError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new PitstopError('INTERNAL', message, { cause: error });
}
