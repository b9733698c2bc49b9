// Exports a matrix-factorisation model as a self-contained ONNX recommender: user id in, top-k item ids and scores out.
import { OnnxGraphBuilder } from '../../onnx/index.js';
import { PitstopError } from '../../errors/index.js';
import { EXPORT_OPSETS, type EmittedOutput } from '../feature-matrix.js';
import type { MatrixFactorizationModel } from './matrix-factorization-model.js';
import { scoringVectors } from './score-items.js';

const ML_DOMAIN = 'ai.onnx.ml';

export interface MatrixFactorizationOnnx {
  readonly bytes: Uint8Array;
  readonly inputs: { name: string; dtype: 'string' }[];
  readonly outputs: EmittedOutput[];
}

/**
 * user_id string [N] → LabelEncoder (unknown ids → the fallback row) → Gather the user rows → MatMul with the item
 * columns → TopK → `items` string [N, k] (a Gather on the item ids) and `scores` float32 [N, k]. Biases and the global
 * mean ride inside the vectors (see ScoringVectors), so the graph sums the same products scoreItems does, and TopK
 * orders ties as recommendTopK does. topK defaults to the model's params.topK and is capped at the number of items.
 */
export function exportMatrixFactorizationOnnx(
  model: MatrixFactorizationModel,
  options: { topK?: number } = {},
): MatrixFactorizationOnnx {
  const requested = options.topK ?? model.params.topK;
  if (!Number.isInteger(requested) || requested < 1) {
    throw new PitstopError('VALIDATION_FAILED', `topK must be a positive integer, got ${requested}.`, { field: 'topK' });
  }
  const k = Math.min(requested, model.itemIds.length);
  const { width, users, items } = scoringVectors(model);
  const userCount = model.userIds.length;
  const itemCount = model.itemIds.length;
  const bytes = new OnnxGraphBuilder()
    .addInput('user_id', 'string', ['N'])
    .addInitializer('user_vectors', 'float32', [userCount + 1, width], Array.from(users))
    .addInitializer('item_vectors', 'float32', [width, itemCount], transposed(items, itemCount, width))
    .addInitializer('item_ids', 'string', [itemCount], model.itemIds)
    .addInitializer('top_k', 'int64', [1], [k])
    .addNode(
      'LabelEncoder',
      ['user_id'],
      ['user_index'],
      {
        keys_strings: model.userIds,
        values_int64s: { ints: model.userIds.map((_, index) => index) },
        default_int64: { int: userCount },
      },
      ML_DOMAIN,
    )
    .addNode('Gather', ['user_vectors', 'user_index'], ['user_rows'], { axis: { int: 0 } })
    .addNode('MatMul', ['user_rows', 'item_vectors'], ['item_scores'])
    .addNode('TopK', ['item_scores', 'top_k'], ['scores', 'item_index'], {
      axis: { int: -1 },
      largest: { int: 1 },
      sorted: { int: 1 },
    })
    .addNode('Gather', ['item_ids', 'item_index'], ['items'], { axis: { int: 0 } })
    .addOutput('items', 'string', ['N', k])
    .addOutput('scores', 'float32', ['N', k])
    .toBytes({
      opsets: [...EXPORT_OPSETS],
      producerName: 'pitstop',
      producerVersion: 'matrix-factorization/1',
      graphName: `matrix_factorization_${model.feedback}`,
    });
  return {
    bytes,
    inputs: [{ name: 'user_id', dtype: 'string' }],
    outputs: [
      { name: 'items', role: 'ranking' },
      { name: 'scores', role: 'score' },
    ],
  };
}

/** rows × width (row-major) → width × rows. */
function transposed(values: Float32Array, rows: number, width: number): number[] {
  const out = new Array<number>(rows * width);
  for (let row = 0; row < rows; row++) for (let k = 0; k < width; k++) out[k * rows + row] = values[row * width + k]!;
  return out;
}
