// What the matrix-factorisation trainer takes and produces: ratings in, user and item vectors out.

/** One (user, item, rating) triple per index. For implicit feedback a "rating" is a strength: a count, a play time. */
export interface RatingsData {
  readonly users: readonly string[];
  readonly items: readonly string[];
  readonly ratings: Float32Array | Float64Array;
}

export interface MatrixFactorizationParams {
  /**
   * explicit: predict the rating (ALS with user and item biases around the global mean). implicit: rank items by
   * preference (Hu–Koren–Volinsky weighted ALS, confidence 1 + alpha·rating, every unrated item a weak zero).
   */
  readonly feedback: 'explicit' | 'implicit';
  readonly factors: number;
  /** ALS sweeps; each solves every user, then every item. */
  readonly iterations: number;
  /** L2 penalty. Explicit: scaled by each user's and item's rating count (weighted-λ, as Spark's ALS). Implicit: as is. */
  readonly regularization: number;
  /** Implicit only: how much more a rating counts than an unrated item. */
  readonly alpha: number;
  /** Seeds the item vectors' starting values. */
  readonly seed: number;
  /** How many items an exported graph returns unless told otherwise. */
  readonly topK: number;
}

export const DEFAULT_MATRIX_FACTORIZATION_PARAMS: MatrixFactorizationParams = {
  feedback: 'explicit',
  factors: 32,
  iterations: 15,
  // 0.1, not 0.05: on MovieLens 0.05 does not beat the user+item-bias baseline (0.868 vs 0.866 RMSE), 0.1 does (0.839).
  regularization: 0.1,
  alpha: 40,
  seed: 42,
  topK: 10,
};

export interface MatrixFactorizationModel {
  readonly feedback: 'explicit' | 'implicit';
  /** Sorted (by UTF-16 code unit), so the model does not depend on the order of the ratings. */
  readonly userIds: string[];
  readonly itemIds: string[];
  /** users × factors, row-major, in userIds order. Float32: what the exported graph holds. */
  readonly userFactors: Float32Array;
  /** items × factors, row-major, in itemIds order. */
  readonly itemFactors: Float32Array;
  readonly factors: number;
  /** Explicit only: score = globalMean + userBias + itemBias + userFactors·itemFactors. */
  readonly userBias?: Float32Array;
  readonly itemBias?: Float32Array;
  readonly globalMean?: number;
  readonly params: MatrixFactorizationParams;
  /** The regularised objective per rating after each sweep; ALS never increases it. */
  readonly history: { iteration: number; loss: number }[];
}
