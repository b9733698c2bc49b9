// The error catalogue and its documentation agree (as Fastify's do), and PitstopError takes everything from the catalogue.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, PitstopError, isPitstopError, toPitstopError, type ErrorCode } from './index.js';

const DOC = 'docs/errors.md';
const CODES = Object.keys(ERROR_CODES) as ErrorCode[];

interface DocumentedCode {
  readonly code: string;
  readonly body: string;
}

/** The `### CODE` sections of docs/errors.md, each with its text up to the next heading or rule. */
function documentedCodes(): DocumentedCode[] {
  const markdown = fs.readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  const headings = [...markdown.matchAll(/^### (.+?)\s*$/gm)];
  return headings.map((heading) => {
    const start = heading.index + heading[0].length;
    const rest = markdown.slice(start);
    const end = rest.search(/^(#{1,3} |---)/m);
    return { code: heading[1]!, body: (end === -1 ? rest : rest.slice(0, end)).trim() };
  });
}

const documented = documentedCodes();

describe(`${DOC}`, () => {
  it.each(CODES)('documents %s with its HTTP status, CLI exit code and what to do', (code) => {
    const sections = documented.filter((d) => d.code === code);
    expect(sections.length, `${code} has no "### ${code}" section in ${DOC}`).toBeGreaterThan(0);
    expect(sections.length, `${code} has ${sections.length} "### ${code}" sections in ${DOC}`).toBe(1);
    const { body } = sections[0]!;
    const status = /HTTP status: \*\*(\d+)\*\*/.exec(body)?.[1];
    const exitCode = /CLI exit code: \*\*(\d+)\*\*/.exec(body)?.[1];
    expect(status, `${DOC} gives ${code} no "HTTP status: **N**"`).toBeDefined();
    expect(exitCode, `${DOC} gives ${code} no "CLI exit code: **N**"`).toBeDefined();
    expect(Number(status), `${DOC} gives ${code} HTTP status ${status}; the catalogue says ${ERROR_CODES[code].status}`).toBe(ERROR_CODES[code].status);
    expect(Number(exitCode), `${DOC} gives ${code} exit code ${exitCode}; the catalogue says ${ERROR_CODES[code].exitCode}`).toBe(ERROR_CODES[code].exitCode);
    const explanation = body.replace(/^HTTP status:.*$/m, '').trim();
    expect(explanation.length, `${DOC} does not say when ${code} happens or what to do`).toBeGreaterThan(80);
  });

  it('documents no code that the catalogue no longer has', () => {
    const stale = documented.map((d) => d.code).filter((code) => !(code in ERROR_CODES));
    expect(stale, `${DOC} documents codes that are not in src/errors/error-codes.ts: ${stale.join(', ')}`).toEqual([]);
  });
});

describe('the error catalogue', () => {
  it.each(CODES)('gives %s an error status, an exit code from 1 to 7 and a title', (code) => {
    const { status, exitCode, title } = ERROR_CODES[code];
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(600);
    expect(exitCode).toBeGreaterThanOrEqual(1);
    expect(exitCode).toBeLessThanOrEqual(7);
    expect(title.trim()).not.toBe('');
  });
});

describe('PitstopError', () => {
  it.each(CODES)('takes the status, exit code and title of %s from the catalogue', (code) => {
    const error = new PitstopError(code, 'something happened');
    expect({ status: error.status, exitCode: error.exitCode, title: error.title }).toEqual(ERROR_CODES[code]);
  });

  it('becomes an RFC 9457 problem with a type URI derived from its code', () => {
    const problem = new PitstopError('PACKAGE_DIGEST_MISMATCH', 'model.onnx does not match its digest').toProblem();
    expect(problem).toEqual({
      type: 'https://pitstop.dev/errors/package-digest-mismatch',
      title: 'Package file does not match its digest',
      status: 400,
      code: 'PACKAGE_DIGEST_MISMATCH',
      detail: 'model.onnx does not match its digest',
      errors: [],
    });
    expect(problem).not.toHaveProperty('field');
  });

  it('lists its field in errors, with the message, when one field is at fault', () => {
    const error = new PitstopError('VALIDATION_FAILED', 'not a package digest', { field: 'digest' });
    expect(error.toProblem()).toMatchObject({ field: 'digest', errors: [{ field: 'digest', message: 'not a package digest' }] });
  });

  it('lists every field error it was given, keeping its own field', () => {
    const errors = [
      { field: '[0].age', message: 'is missing' },
      { field: '[3].plan', message: '"gold" is not an allowed category' },
    ];
    const problem = new PitstopError('INVALID_RECORDS', '2 records are invalid', { field: '[0].age', errors }).toProblem();
    expect(problem.field).toBe('[0].age');
    expect(problem.errors).toEqual(errors);
  });

  it('gives a problem that survives JSON as it is', () => {
    const problem = new PitstopError('MANIFEST_INVALID', 'manifest: name: too long', { field: 'name', details: { source: 'manifest' } }).toProblem();
    expect(JSON.parse(JSON.stringify(problem))).toEqual(problem);
  });

  it('is an Error named PitstopError that keeps its cause', () => {
    const cause = new Error('ENOENT');
    const error = new PitstopError('FILE_NOT_FOUND', 'data file x.csv does not exist', { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('PitstopError');
    expect(error.cause).toBe(cause);
    expect(isPitstopError(error)).toBe(true);
    expect(isPitstopError(cause)).toBe(false);
  });
});

describe('toPitstopError', () => {
  it('returns a PitstopError unchanged', () => {
    const error = new PitstopError('MODEL_NOT_FOUND', 'no model named "churn" is registered', { field: 'model' });
    expect(toPitstopError(error)).toBe(error);
  });

  it('wraps an unexpected Error as INTERNAL, keeping its message and the original as cause', () => {
    const original = new TypeError('cannot read properties of undefined');
    const wrapped = toPitstopError(original);
    expect(wrapped).toMatchObject({ code: 'INTERNAL', status: 500, exitCode: 1, message: 'cannot read properties of undefined' });
    expect(wrapped.cause).toBe(original);
  });

  it('wraps a thrown non-Error as INTERNAL with its text', () => {
    const wrapped = toPitstopError('boom');
    expect(wrapped).toMatchObject({ code: 'INTERNAL', message: 'boom' });
    expect(wrapped.cause).toBe('boom');
  });
});
