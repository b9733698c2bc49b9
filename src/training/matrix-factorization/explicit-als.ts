// Alternating least squares for explicit ratings: rating ≈ μ + b_user + b_item + p_user·q_item.
import { choleskySolve } from '../linear/index.js';
import { singularSystemError } from './singular-system-error.js';
import type { MatrixFactorizationParams } from './matrix-factorization-model.js';
import type { SparseRatings, SparseSide } from './sparse-ratings.js';

export interface ExplicitAlsResult {
  readonly userFactors: Float64Array;
  readonly itemFactors: Float64Array;
  readonly userBias: Float64Array;
  readonly itemBias: Float64Array;
  readonly globalMean: number;
  readonly history: { iteration: number; loss: number }[];
}

/** One side's unknowns: a vector and a bias per row, plus the ids for error messages. */
interface Side {
  readonly ratings: SparseSide;
  readonly factors: Float64Array;
  readonly bias: Float64Array;
  readonly what: 'user' | 'item';
  readonly ids: readonly string[];
}

/**
 * Minimises Σ (r − μ − b_u − b_i − p_u·q_i)² + λ·(Σ_u n_u(‖p_u‖² + b_u²) + Σ_i n_i(‖q_i‖² + b_i²)), μ fixed at the mean
 * rating. Each half-sweep solves every user (then item) exactly: its vector and bias together, one (f+1)×(f+1) system.
 */
export function trainExplicitAls(
  sparse: SparseRatings,
  params: MatrixFactorizationParams,
  startingItemFactors: Float64Array,
): ExplicitAlsResult {
  const { factors: f, regularization } = params;
  const ratingValues = sparse.byUser.values;
  const globalMean = ratingValues.reduce((sum, value) => sum + value, 0) / ratingValues.length;
  const users: Side = {
    ratings: sparse.byUser,
    factors: new Float64Array(sparse.userIds.length * f),
    bias: new Float64Array(sparse.userIds.length),
    what: 'user',
    ids: sparse.userIds,
  };
  const items: Side = {
    ratings: sparse.byItem,
    factors: Float64Array.from(startingItemFactors),
    bias: new Float64Array(sparse.itemIds.length),
    what: 'item',
    ids: sparse.itemIds,
  };
  const history: { iteration: number; loss: number }[] = [];
  for (let iteration = 1; iteration <= params.iterations; iteration++) {
    solveSide(users, items, globalMean, f, regularization);
    solveSide(items, users, globalMean, f, regularization);
    history.push({ iteration, loss: objective(users, items, globalMean, f, regularization) });
  }
  return {
    userFactors: users.factors,
    itemFactors: items.factors,
    userBias: users.bias,
    itemBias: items.bias,
    globalMean,
    history,
  };
}

/** For each row of `side`, the [vector, bias] that best fits its ratings given `other`'s. */
function solveSide(side: Side, other: Side, globalMean: number, f: number, regularization: number): void {
  const { offsets, others, values } = side.ratings;
  const n = f + 1;
  const system = new Float64Array(n * n);
  const rhs = new Float64Array(n);
  // The other side's [vector, 1]: the 1 multiplies this side's bias.
  const x = new Float64Array(n);
  x[f] = 1;
  for (let row = 0; row < side.bias.length; row++) {
    const start = offsets[row]!;
    const end = offsets[row + 1]!;
    system.fill(0);
    rhs.fill(0);
    for (let entry = start; entry < end; entry++) {
      const o = others[entry]!;
      const residual = values[entry]! - globalMean - other.bias[o]!;
      for (let k = 0; k < f; k++) x[k] = other.factors[o * f + k]!;
      for (let a = 0; a < n; a++) {
        const xa = x[a]!;
        rhs[a] = rhs[a]! + xa * residual;
        const rowStart = a * n;
        for (let b = 0; b <= a; b++) system[rowStart + b] = system[rowStart + b]! + xa * x[b]!;
      }
    }
    const penalty = regularization * (end - start);
    for (let a = 0; a < n; a++) system[a * n + a] = system[a * n + a]! + penalty;
    if (!choleskySolve(system, n, rhs)) throw singularSystemError(side.what, side.ids[row]!);
    for (let k = 0; k < f; k++) side.factors[row * f + k] = rhs[k]!;
    side.bias[row] = rhs[f]!;
  }
}

/** The minimised objective per rating. */
function objective(users: Side, items: Side, globalMean: number, f: number, regularization: number): number {
  const { offsets, others, values } = users.ratings;
  let squaredError = 0;
  for (let user = 0; user < users.bias.length; user++) {
    for (let entry = offsets[user]!; entry < offsets[user + 1]!; entry++) {
      const item = others[entry]!;
      let prediction = globalMean + users.bias[user]! + items.bias[item]!;
      for (let k = 0; k < f; k++) prediction += users.factors[user * f + k]! * items.factors[item * f + k]!;
      squaredError += (values[entry]! - prediction) ** 2;
    }
  }
  const penalty = weightedNorms(users, f) + weightedNorms(items, f);
  return (squaredError + regularization * penalty) / values.length;
}

/** Σ n_row · (‖vector‖² + bias²). */
function weightedNorms(side: Side, f: number): number {
  let total = 0;
  for (let row = 0; row < side.bias.length; row++) {
    let norm = side.bias[row]! ** 2;
    for (let k = 0; k < f; k++) norm += side.factors[row * f + k]! ** 2;
    total += (side.ratings.offsets[row + 1]! - side.ratings.offsets[row]!) * norm;
  }
  return total;
}
