// Trains user and item vectors from (user, item, rating) triples: explicit ratings or implicit feedback.
import { PitstopError } from '../../errors/index.js';
import { trainExplicitAls } from './explicit-als.js';
import { trainImplicitAls } from './implicit-als.js';
import {
  DEFAULT_MATRIX_FACTORIZATION_PARAMS,
  type MatrixFactorizationModel,
  type MatrixFactorizationParams,
  type RatingsData,
} from './matrix-factorization-model.js';
import { seededRandom } from '../../dataset/index.js';
import { toSparseRatings } from './sparse-ratings.js';

/** Small, seeded starting item vectors: ALS solves the users first, so this is the only randomness. */
const STARTING_SCALE = 0.1;

export function trainMatrixFactorization(
  data: RatingsData,
  params: Partial<MatrixFactorizationParams> = {},
): MatrixFactorizationModel {
  const resolved = resolveMatrixFactorizationParams(params);
  checkRatings(data, resolved.feedback);
  // Implicit strengths add up (two plays say more than one); explicit repeats stay separate observations.
  const sparse = toSparseRatings(data, resolved.feedback === 'implicit');
  const random = seededRandom(resolved.seed);
  const startLength = sparse.itemIds.length * resolved.factors;
  const start = Float64Array.from({ length: startLength }, () => (2 * random() - 1) * STARTING_SCALE);
  const common = {
    feedback: resolved.feedback,
    userIds: sparse.userIds,
    itemIds: sparse.itemIds,
    factors: resolved.factors,
    params: resolved,
  };
  if (resolved.feedback === 'implicit') {
    const result = trainImplicitAls(sparse, resolved, start);
    return {
      ...common,
      userFactors: Float32Array.from(result.userFactors),
      itemFactors: Float32Array.from(result.itemFactors),
      history: result.history,
    };
  }
  const result = trainExplicitAls(sparse, resolved, start);
  return {
    ...common,
    userFactors: Float32Array.from(result.userFactors),
    itemFactors: Float32Array.from(result.itemFactors),
    userBias: Float32Array.from(result.userBias),
    itemBias: Float32Array.from(result.itemBias),
    globalMean: Math.fround(result.globalMean),
    history: result.history,
  };
}

/** Defaults filled in and every value checked; an unknown parameter is refused, naming the known ones. */
export function resolveMatrixFactorizationParams(params: Partial<MatrixFactorizationParams> | Record<string, unknown>): MatrixFactorizationParams {
  for (const key of Object.keys(params)) {
    if (!(key in DEFAULT_MATRIX_FACTORIZATION_PARAMS)) throw invalid(`Unknown parameter '${key}'; matrix factorisation takes ${Object.keys(DEFAULT_MATRIX_FACTORIZATION_PARAMS).join(', ')}.`, key);
  }
  const resolved = { ...DEFAULT_MATRIX_FACTORIZATION_PARAMS, ...params } as MatrixFactorizationParams;
  if (resolved.feedback !== 'explicit' && resolved.feedback !== 'implicit') {
    throw invalid(`feedback must be 'explicit' or 'implicit', got '${String(resolved.feedback)}'.`, 'feedback');
  }
  const integer = (name: 'factors' | 'iterations' | 'topK', min: number, max: number): void => {
    const value = resolved[name];
    if (!Number.isInteger(value) || value < min || value > max) {
      throw invalid(`${name} must be an integer from ${min} to ${max}, got ${value}.`, name);
    }
  };
  integer('factors', 1, 1024);
  integer('iterations', 1, 10_000);
  integer('topK', 1, 100_000);
  if (!Number.isFinite(resolved.regularization) || resolved.regularization < 0) {
    throw invalid(`regularization must be a finite number ≥ 0, got ${resolved.regularization}.`, 'regularization');
  }
  if (!Number.isFinite(resolved.alpha) || resolved.alpha <= 0) {
    throw invalid(`alpha must be a finite number > 0, got ${resolved.alpha}.`, 'alpha');
  }
  if (!Number.isSafeInteger(resolved.seed)) throw invalid(`seed must be an integer, got ${resolved.seed}.`, 'seed');
  return resolved;
}

function checkRatings(data: RatingsData, feedback: MatrixFactorizationParams['feedback']): void {
  const { users, items, ratings } = data;
  if (users.length !== ratings.length || items.length !== ratings.length) {
    const counts = `${users.length} users, ${items.length} items and ${ratings.length} ratings`;
    throw invalid(`The ratings data has ${counts}; it needs one user and one item per rating.`, 'ratings');
  }
  if (ratings.length === 0) throw invalid('The ratings data is empty.', 'ratings');
  for (let i = 0; i < ratings.length; i++) {
    if (typeof users[i] !== 'string') throw invalid(`users[${i}] is not a string id.`, `users[${i}]`);
    if (typeof items[i] !== 'string') throw invalid(`items[${i}] is not a string id.`, `items[${i}]`);
    const rating = ratings[i]!;
    if (!Number.isFinite(rating)) throw invalid(`ratings[${i}] is ${rating}; ratings must be finite.`, `ratings[${i}]`);
    if (feedback === 'implicit' && rating < 0) {
      throw invalid(
        `ratings[${i}] is ${rating}; implicit feedback is a strength (confidence 1 + alpha·rating), so it must be ≥ 0.`,
        `ratings[${i}]`,
      );
    }
  }
}

function invalid(message: string, field: string): PitstopError {
  return new PitstopError('VALIDATION_FAILED', message, { field });
}
