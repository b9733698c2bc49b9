// Weighted ALS for implicit feedback (Hu, Koren & Volinsky 2008): every (user, item) cell counts, rated ones more.
import { choleskySolve } from '../linear/index.js';
import type { MatrixFactorizationParams } from './matrix-factorization-model.js';
import { singularSystemError } from './singular-system-error.js';
import type { SparseRatings, SparseSide } from './sparse-ratings.js';

export interface ImplicitAlsResult {
  readonly userFactors: Float64Array;
  readonly itemFactors: Float64Array;
  readonly history: { iteration: number; loss: number }[];
}

interface Side {
  readonly ratings: SparseSide;
  readonly factors: Float64Array;
  readonly what: 'user' | 'item';
  readonly ids: readonly string[];
}

/**
 * Minimises Σ_{all u,i} c_ui (p_ui − x_u·y_i)² + λ(Σ‖x_u‖² + Σ‖y_i‖²), with p = 1 where the rating is positive and
 * 0 elsewhere, c = 1 + alpha·rating. Solving a user needs YᵀY + Yᵀ(C_u − I)Y + λI: YᵀY is shared, so a user costs
 * only its own ratings, not every item.
 */
export function trainImplicitAls(
  sparse: SparseRatings,
  params: MatrixFactorizationParams,
  startingItemFactors: Float64Array,
): ImplicitAlsResult {
  const f = params.factors;
  const userFactors = new Float64Array(sparse.userIds.length * f);
  const users: Side = { ratings: sparse.byUser, factors: userFactors, what: 'user', ids: sparse.userIds };
  const itemFactors = Float64Array.from(startingItemFactors);
  const items: Side = { ratings: sparse.byItem, factors: itemFactors, what: 'item', ids: sparse.itemIds };
  const history: { iteration: number; loss: number }[] = [];
  for (let iteration = 1; iteration <= params.iterations; iteration++) {
    solveSide(users, items, params);
    solveSide(items, users, params);
    history.push({ iteration, loss: objective(users, items, params) });
  }
  return { userFactors: users.factors, itemFactors: items.factors, history };
}

function solveSide(side: Side, other: Side, params: MatrixFactorizationParams): void {
  const { factors: f, regularization, alpha } = params;
  const { offsets, others, values } = side.ratings;
  const shared = gramian(other.factors, f);
  for (let k = 0; k < f; k++) shared[k * f + k] = shared[k * f + k]! + regularization;
  const system = new Float64Array(f * f);
  const rhs = new Float64Array(f);
  const rows = side.factors.length / f;
  for (let row = 0; row < rows; row++) {
    system.set(shared);
    rhs.fill(0);
    for (let entry = offsets[row]!; entry < offsets[row + 1]!; entry++) {
      const rating = values[entry]!;
      const confidence = 1 + alpha * rating;
      const target = rating > 0 ? confidence : 0;
      const base = others[entry]! * f;
      for (let a = 0; a < f; a++) {
        const ya = other.factors[base + a]!;
        rhs[a] = rhs[a]! + target * ya;
        const weighted = (confidence - 1) * ya;
        const rowStart = a * f;
        for (let b = 0; b <= a; b++) system[rowStart + b] = system[rowStart + b]! + weighted * other.factors[base + b]!;
      }
    }
    if (!choleskySolve(system, f, rhs)) throw singularSystemError(side.what, side.ids[row]!);
    side.factors.set(rhs, row * f);
  }
}

/** YᵀY (f × f, lower triangle filled) of a row-major rows × f matrix. */
function gramian(factors: Float64Array, f: number): Float64Array {
  const gram = new Float64Array(f * f);
  for (let base = 0; base < factors.length; base += f) {
    for (let a = 0; a < f; a++) {
      const va = factors[base + a]!;
      for (let b = 0; b <= a; b++) gram[a * f + b] = gram[a * f + b]! + va * factors[base + b]!;
    }
  }
  return gram;
}

/**
 * The objective per rated cell. Σ over all cells of s² is Σ_u x_uᵀ(YᵀY)x_u, so the unrated cells cost nothing to add up:
 * objective = Σ_all s² + Σ_rated [c(p − s)² − s²] + penalty.
 */
function objective(users: Side, items: Side, params: MatrixFactorizationParams): number {
  const { factors: f, regularization, alpha } = params;
  const { offsets, others, values } = users.ratings;
  const gram = gramian(items.factors, f);
  let total = 0;
  const userCount = users.factors.length / f;
  for (let user = 0; user < userCount; user++) {
    const base = user * f;
    for (let a = 0; a < f; a++) {
      const xa = users.factors[base + a]!;
      total += xa * xa * gram[a * f + a]!;
      for (let b = 0; b < a; b++) total += 2 * xa * users.factors[base + b]! * gram[a * f + b]!;
    }
    for (let entry = offsets[user]!; entry < offsets[user + 1]!; entry++) {
      const itemBase = others[entry]! * f;
      let score = 0;
      for (let k = 0; k < f; k++) score += users.factors[base + k]! * items.factors[itemBase + k]!;
      const rating = values[entry]!;
      const preference = rating > 0 ? 1 : 0;
      total += (1 + alpha * rating) * (preference - score) ** 2 - score * score;
    }
  }
  let norms = 0;
  for (const value of users.factors) norms += value * value;
  for (const value of items.factors) norms += value * value;
  return (total + regularization * norms) / values.length;
}
