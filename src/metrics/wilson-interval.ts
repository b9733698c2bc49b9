// The Wilson score interval for a proportion (accuracy): unlike the normal approximation it stays inside [0, 1]
// and behaves near 0% and 100%, which is where good models live.
import { PitstopError } from '../errors/index.js';
import type { ConfidenceInterval } from './metric-result.js';
import { normalQuantile } from './normal-quantile.js';

export function wilsonInterval(successes: number, trials: number, confidence = 0.95): ConfidenceInterval {
  checkConfidence(confidence);
  if (!(trials > 0) || successes < 0 || successes > trials) {
    throw new PitstopError('VALIDATION_FAILED', `a Wilson interval needs 0 ≤ successes ≤ trials and trials > 0; got ${successes} of ${trials}`);
  }
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const centre = (p + z2n / 2) / (1 + z2n);
  const halfWidth = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials));
  return { low: Math.max(0, centre - halfWidth), high: Math.min(1, centre + halfWidth), confidence };
}

/** Throws unless 0 < confidence < 1. */
export function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new PitstopError('VALIDATION_FAILED', `confidence must be between 0 and 1 (e.g. 0.95); got ${confidence}`, { field: 'confidence' });
  }
}
