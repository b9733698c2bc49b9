// The k best-scored items for a user, ordered as onnxruntime's TopK orders them.
import { PitstopError } from '../../errors/index.js';
import type { MatrixFactorizationModel } from './matrix-factorization-model.js';
import { scoreItems } from './score-items.js';

/**
 * Highest score first; equal scores in `itemIds` order (lower index first, as TopK breaks ties). Items the user has
 * already rated are not filtered out: the exported graph cannot know them either. k larger than the catalogue gives
 * every item.
 */
export function recommendTopK(
  model: MatrixFactorizationModel,
  userId: string,
  k: number,
): { items: string[]; scores: number[] } {
  if (!Number.isInteger(k) || k < 1) {
    throw new PitstopError('VALIDATION_FAILED', `k must be a positive integer, got ${k}.`, { field: 'k' });
  }
  const scores = scoreItems(model, userId);
  const top = topIndices(scores, Math.min(k, model.itemIds.length));
  return { items: top.map((index) => model.itemIds[index]!), scores: top.map((index) => scores[index]!) };
}

/** Indices of the k largest scores, best first, ties by lower index: an insertion into a short sorted list. */
export function topIndices(scores: Float64Array, k: number): number[] {
  const top: number[] = [];
  for (let index = 0; index < scores.length; index++) {
    const score = scores[index]!;
    if (top.length === k && !(score > scores[top[k - 1]!]!)) continue;
    let at = top.length === k ? k - 1 : top.length;
    // Strictly greater moves up: an equal, earlier index stays ahead.
    while (at > 0 && score > scores[top[at - 1]!]!) at--;
    if (top.length === k) top.pop();
    top.splice(at, 0, index);
  }
  return top;
}
