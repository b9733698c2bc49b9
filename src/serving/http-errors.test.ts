// The error mapping keeps the caller's mistakes 4xx: whatever 4xx a library raises stays that 4xx, never a 500.
import { describe, expect, it } from 'vitest';
import { PitstopError } from '../errors/index.js';
import { toHttpError } from './http-errors.js';

function libraryError(statusCode: number, message = 'refused by a plugin', code?: string): Error {
  return Object.assign(new Error(message), { statusCode, ...(code ? { code } : {}) });
}

describe('toHttpError', () => {
  it('keeps every 4xx status a library raises, with its message', () => {
    for (let status = 400; status < 500; status++) {
      const problem = toHttpError(libraryError(status, `status ${status} from a plugin`));
      expect(problem.status, `status ${status}`).toBe(status);
      expect(problem.code).not.toBe('INTERNAL');
      expect(problem.toProblem()).toMatchObject({ status, detail: expect.stringContaining(String(status)) });
    }
  });

  it('names the failure REQUEST_REFUSED for a 4xx it has no code of its own for, e.g. a static file outside its root', () => {
    const problem = toHttpError(libraryError(403, 'Forbidden'));
    expect(problem).toMatchObject({ code: 'REQUEST_REFUSED', status: 403, message: 'Forbidden' });
  });

  it('maps what it knows to its own codes: too large, rate limited, invalid JSON, wrong media type', () => {
    expect(toHttpError(libraryError(413, 'too big', 'FST_ERR_CTP_BODY_TOO_LARGE'))).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
    expect(toHttpError(libraryError(429, 'slow down'))).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    expect(toHttpError(libraryError(415, 'no', 'FST_ERR_CTP_INVALID_MEDIA_TYPE'))).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    expect(toHttpError(Object.assign(new SyntaxError('Unexpected token'), { statusCode: 400 }))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body' });
  });

  it('passes a PitstopError through and answers 500 only for what is not the caller\'s doing', () => {
    const own = new PitstopError('MODEL_NOT_FOUND', 'no model "x"');
    expect(toHttpError(own)).toBe(own);
    expect(toHttpError(new TypeError('x is undefined')).status).toBe(500);
    expect(toHttpError(libraryError(503, 'down')).status).toBe(500);
  });
});
