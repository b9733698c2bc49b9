// The one way an ALS step can fail: a user's or item's normal equations have no unique solution.
import { PitstopError } from '../../errors/index.js';

/** Only reachable with regularization 0, when a user or item has too few (independent) ratings for its unknowns. */
export function singularSystemError(what: 'user' | 'item', id: string): PitstopError {
  return new PitstopError(
    'VALIDATION_FAILED',
    `The least-squares system of ${what} '${id}' is singular: with regularization 0 every ${what} needs more ` +
      'independent ratings than unknowns. Use regularization > 0.',
    { field: 'regularization', details: { [what]: id } },
  );
}
