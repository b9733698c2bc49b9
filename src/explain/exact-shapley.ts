// Exact Shapley values by enumerating all 2^k coalitions: the reference the fast explainers are tested against.
import { PitstopError } from '../errors/index.js';

/** Above this, 2^k evaluations stop being a reasonable reference. */
const MAX_FEATURES = 20;

/**
 * phi_i = Σ over S ⊆ N∖{i} of |S|!(k−|S|−1)!/k! · (v(S ∪ {i}) − v(S)). `value` receives S as a bit mask
 * (bit i set when feature i is known) and is called once per coalition.
 */
export function exactShapley(k: number, value: (coalition: number) => number): Float64Array {
  if (k > MAX_FEATURES) {
    throw new PitstopError('VALIDATION_FAILED', `Exact Shapley values over ${k} features need 2^${k} evaluations; at most ${MAX_FEATURES}.`);
  }
  const values = new Float64Array(2 ** k);
  for (let coalition = 0; coalition < values.length; coalition += 1) values[coalition] = value(coalition);
  const factorial = [1];
  for (let n = 1; n <= k; n += 1) factorial.push((factorial[n - 1] as number) * n);
  const phi = new Float64Array(k);
  for (let coalition = 0; coalition < values.length; coalition += 1) {
    const size = popCount(coalition);
    for (let feature = 0; feature < k; feature += 1) {
      const bit = 1 << feature;
      if (coalition & bit) continue;
      const weight = ((factorial[size] as number) * (factorial[k - size - 1] as number)) / (factorial[k] as number);
      phi[feature] = (phi[feature] as number) + weight * ((values[coalition | bit] as number) - (values[coalition] as number));
    }
  }
  return phi;
}

function popCount(mask: number): number {
  let count = 0;
  for (let rest = mask; rest !== 0; rest &= rest - 1) count += 1;
  return count;
}
