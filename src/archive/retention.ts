// When an archived version may be deleted: a retention period ("10y", "400d", "12h") or an explicit date. Pure.
import { parseDuration } from '../alerts/index.js';
import { PitstopError } from '../errors/index.js';

/** The retention date `period` after `from`; years are calendar years (10y from 2026-02-28 is 2036-02-28). */
export function retentionDate(from: Date, period: string): Date {
  const years = /^(\d+)y$/.exec(period.trim());
  if (years) {
    const until = new Date(from);
    until.setUTCFullYear(until.getUTCFullYear() + Number(years[1]));
    return until;
  }
  try {
    return new Date(from.getTime() + parseDuration(period));
  } catch (error) {
    throw new PitstopError('VALIDATION_FAILED', `retention "${period}" is not a period such as 10y, 400d or 12h`, { field: 'retention', cause: error });
  }
}

/** An explicit retention date (ISO-8601), which must not be in the past. */
export function explicitRetentionDate(text: string, now: Date): Date {
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new PitstopError('VALIDATION_FAILED', `--retain-until ${text} is not an ISO-8601 date such as 2036-01-31`, { field: 'retain_until' });
  if (at < now.getTime()) throw new PitstopError('VALIDATION_FAILED', `--retain-until ${text} is in the past`, { field: 'retain_until' });
  return new Date(at);
}
