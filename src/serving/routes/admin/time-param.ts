// Times in admin query strings: any ISO-8601 form in, the stores' form (UTC, milliseconds, Z) out, so comparisons
// with stored times hold whatever offset the caller wrote.
import { PitstopError } from '../../../errors/index.js';

export function timeParam(text: string | undefined, field: string): string | undefined {
  if (text === undefined) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new PitstopError('VALIDATION_FAILED', `${field} "${text}" is not an ISO-8601 time such as 2026-01-31T12:00:00Z`, { field: `querystring.${field}` });
  return new Date(at).toISOString();
}
