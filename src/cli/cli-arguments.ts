// Parsing the numbers commands take as arguments, with one readable USAGE error naming the argument.
import { PitstopError } from '../errors/index.js';

/** A whole number ≥ 1, e.g. a VERSION or `--sample`; `what` names it in the error (`--sample`, `VERSION`). */
export function wholeNumber(text: string, what: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new PitstopError('USAGE', `${what} must be a whole number ≥ 1, not "${text}"`, { field: what.replace(/^--/, '').toLowerCase() });
  return value;
}
