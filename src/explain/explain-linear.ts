// Exact explanations for linear models: each column's share of the raw score is its weight times its distance from the
// background mean, so the contributions add up to output − baseline by construction.
import { PitstopError } from '../errors/index.js';
import { backgroundMeans } from './background-means.js';
import { buildExplanation, featureName, type Explanation } from './explanation.js';
import { readLinearModel, type LinearModel } from './read-linear-model.js';

export interface ExplainLinearOptions {
  /** Rows × k, row-major. Without it the baseline input is all zeros, so the baseline is the intercept. */
  background?: Float32Array;
  featureNames?: readonly string[];
  /** Which raw score (regressor target or classifier class row) to explain; default 0. */
  target?: number;
}

/** Explains the raw score (before post_transform) of a LinearRegressor or LinearClassifier for one input row. */
export function explainLinear(
  model: Uint8Array | LinearModel,
  row: Float32Array,
  options: ExplainLinearOptions = {},
): Explanation {
  const linear = model instanceof Uint8Array ? readLinearModel(model) : model;
  const target = options.target ?? 0;
  const weights = linear.coefficients[target];
  if (!weights) {
    const message = `Target ${target} does not exist; the model has ${linear.coefficients.length} score column(s).`;
    throw new PitstopError('VALIDATION_FAILED', message, { field: 'target' });
  }
  if (row.length !== weights.length) {
    const message = `The row has ${row.length} features but the model's coefficients cover ${weights.length}.`;
    throw new PitstopError('VALIDATION_FAILED', message, { field: 'row' });
  }
  const means = options.background ? backgroundMeans(options.background, weights.length) : new Float64Array(weights.length);
  const intercept = linear.intercepts[target] ?? 0;
  let output = intercept;
  let baseline = intercept;
  const contributions = weights.map((weight, index) => {
    const value = row[index] as number;
    const mean = means[index] as number;
    output += weight * value;
    baseline += weight * mean;
    return { index, name: featureName(options.featureNames, index), value, contribution: weight * (value - mean) };
  });
  return buildExplanation('linear', baseline, output, contributions);
}
