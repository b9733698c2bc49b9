// Adds a linear model's head to a graph being built: ai.onnx.ml LinearRegressor or LinearClassifier.
import { PitstopError } from '../../errors/index.js';
import type { OnnxGraphBuilder } from '../../onnx/index.js';
import type { EmittedOutput } from '../feature-matrix.js';
import type { LinearModel } from './linear-model.js';

const ML_DOMAIN = 'ai.onnx.ml';

/**
 * `input` is a float32 [N, cols] value already in the graph, columns in `model.featureNames` order. Ridge adds `value`
 * float32 [N, 1]; logistic adds `label` string [N] and `probabilities` float32 [N, K].
 *
 * A binary model keeps both softmax rows. onnxruntime (1.30) lays out a one-row LinearClassifier as [N, 2] scores
 * [1 − s, s] under SOFTMAX and NONE (no softmax at all) and [1 − σ(s), σ(s)] only under LOGISTIC; two rows under
 * SOFTMAX are an ordinary softmax, the same as every other class count.
 */
export function emitLinearOnnx(builder: OnnxGraphBuilder, model: LinearModel, input: string): EmittedOutput[] {
  const outputs = model.kind === 'ridge' ? 1 : model.classes.length;
  if (
    model.coefficients.length !== outputs ||
    model.intercepts.length !== outputs ||
    model.coefficients.some((row) => row.length !== model.featureNames.length)
  ) {
    throw new PitstopError(
      'VALIDATION_FAILED',
      `A ${model.kind} model needs ${outputs} coefficient row(s) of ${model.featureNames.length} weights and ${outputs} intercept(s).`,
      { field: 'coefficients' },
    );
  }
  const coefficients = model.coefficients.flat();
  if (model.kind === 'ridge') {
    builder
      .addNode(
        'LinearRegressor',
        [input],
        ['value'],
        {
          coefficients: { floats: coefficients },
          intercepts: { floats: model.intercepts },
          targets: { int: 1 },
          post_transform: 'NONE',
        },
        ML_DOMAIN,
      )
      .addOutput('value', 'float32', ['N', 1]);
    return [{ name: 'value', role: 'value' }];
  }
  builder
    .addNode(
      'LinearClassifier',
      [input],
      ['label', 'probabilities'],
      {
        classlabels_strings: model.classes,
        coefficients: { floats: coefficients },
        intercepts: { floats: model.intercepts },
        multi_class: { int: 0 },
        post_transform: 'SOFTMAX',
      },
      ML_DOMAIN,
    )
    .addOutput('label', 'string', ['N'])
    .addOutput('probabilities', 'float32', ['N', model.classes.length]);
  return [
    { name: 'label', role: 'label' },
    { name: 'probabilities', role: 'probabilities', classes: [...model.classes] },
  ];
}
