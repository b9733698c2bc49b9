// Scores every item for a user as the exported graph does: one dot product of augmented float32 vectors.
import type { MatrixFactorizationModel } from './matrix-factorization-model.js';

/**
 * A user's row and an item's column such that score = user·item. Explicit: [p_u, b_u, 1]·[q_i, 1, b_i + μ];
 * implicit: p_u·q_i. The ONNX export stores exactly these numbers, so both sum the same products; onnxruntime adds
 * them up in float32 and this file in float64, so scores agree to about 1e-6.
 */
export interface ScoringVectors {
  readonly width: number;
  /** (users + 1) × width: row `userIds.length` is the fallback for unknown users. */
  readonly users: Float32Array;
  /** items × width. */
  readonly items: Float32Array;
}

interface CachedScoring {
  readonly vectors: ScoringVectors;
  readonly userIndex: Map<string, number>;
}

// Built once per model, not once per call: recommending for every user would otherwise rebuild them each time.
// Models are treated as immutable; a model whose arrays are changed after its first scoring keeps the old vectors.
const scoringCache = new WeakMap<MatrixFactorizationModel, CachedScoring>();

/**
 * The score of every item (in `itemIds` order) for `userId`: the predicted rating (explicit) or preference (implicit).
 * An unknown user gets the mean user vector (and mean bias), which favours what is broadly liked.
 */
export function scoreItems(model: MatrixFactorizationModel, userId: string): Float64Array {
  const { vectors, userIndex } = cached(model);
  const { width, users, items } = vectors;
  const user = userIndex.get(userId) ?? model.userIds.length;
  const scores = new Float64Array(model.itemIds.length);
  for (let item = 0; item < scores.length; item++) {
    let score = 0;
    for (let k = 0; k < width; k++) score += users[user * width + k]! * items[item * width + k]!;
    scores[item] = score;
  }
  return scores;
}

/** The augmented vectors scoreItems multiplies, for the exporter to store. */
export function scoringVectors(model: MatrixFactorizationModel): ScoringVectors {
  return cached(model).vectors;
}

function cached(model: MatrixFactorizationModel): CachedScoring {
  let entry = scoringCache.get(model);
  if (!entry) {
    entry = { vectors: buildScoringVectors(model), userIndex: new Map(model.userIds.map((id, index) => [id, index])) };
    scoringCache.set(model, entry);
  }
  return entry;
}

function buildScoringVectors(model: MatrixFactorizationModel): ScoringVectors {
  const f = model.factors;
  const userCount = model.userIds.length;
  const itemCount = model.itemIds.length;
  const explicit = model.feedback === 'explicit';
  const width = explicit ? f + 2 : f;
  const users = new Float32Array((userCount + 1) * width);
  const items = new Float32Array(itemCount * width);
  const fallback = new Float64Array(f + 1);
  for (let user = 0; user < userCount; user++) {
    for (let k = 0; k < f; k++) {
      users[user * width + k] = model.userFactors[user * f + k]!;
      fallback[k] = fallback[k]! + model.userFactors[user * f + k]!;
    }
    if (explicit) {
      users[user * width + f] = model.userBias![user]!;
      users[user * width + f + 1] = 1;
      fallback[f] = fallback[f]! + model.userBias![user]!;
    }
  }
  for (let k = 0; k < f; k++) users[userCount * width + k] = fallback[k]! / userCount;
  if (explicit) {
    users[userCount * width + f] = fallback[f]! / userCount;
    users[userCount * width + f + 1] = 1;
  }
  for (let item = 0; item < itemCount; item++) {
    for (let k = 0; k < f; k++) items[item * width + k] = model.itemFactors[item * f + k]!;
    if (explicit) {
      items[item * width + f] = 1;
      items[item * width + f + 1] = model.itemBias![item]! + model.globalMean!;
    }
  }
  return { width, users, items };
}
