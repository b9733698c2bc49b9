// Model-agnostic Shapley estimates by permutation sampling (Štrumbelj & Kononenko 2014) with antithetic pairs:
// each sample is a permutation and its reverse, over the same background row, so their errors partly cancel.
import { PitstopError } from '../errors/index.js';
import { backgroundRowCount } from './background-means.js';
import { buildExplanation, featureName, type Explanation } from './explanation.js';
import { randomPermutation, seededRandom } from './seeded-random.js';

/** One output per row of `rows` (n rows × k, row-major). */
export type PredictRows = (rows: Float32Array, n: number) => Promise<Float64Array>;

export interface ExplainBySamplingOptions {
  /** Rows × k, row-major: what "feature unknown" means (the feature takes a background row's value). Required. */
  background: Float32Array;
  featureNames?: readonly string[];
  /** Antithetic pairs of permutations; each costs 2k model evaluations. Default 128. */
  pairs?: number;
  /** Default 1. The same seed gives the same explanation. */
  seed?: number;
  /** Pairs evaluated per predict call. Default 64. */
  pairsPerBatch?: number;
}

/**
 * The value being estimated is v(S) = mean over background rows z of f(x_S, z_rest) (interventional Shapley values).
 *
 * Each pair's marginal contributions add up to f(x) − f(z) for its background row z, so the raw estimates add up to
 * f(x) − (mean f over the sampled z), not over the whole background. The gap to f(x) − mean f(background) is then
 * spread over the features in proportion to each one's estimated variance (the "efficiency adjustment" of
 * Štrumbelj & Kononenko; Covert & Lee 2021), so additivityGap is 0 up to rounding. standardError is that of the
 * unadjusted mean over pairs, a slight overstatement of the adjusted estimate's error.
 */
export async function explainBySampling(
  predict: PredictRows,
  row: Float32Array,
  options: ExplainBySamplingOptions,
): Promise<Explanation> {
  const k = row.length;
  const backgroundRows = backgroundRowCount(options.background, k);
  const pairs = options.pairs ?? 128;
  if (!Number.isInteger(pairs) || pairs < 2) {
    throw new PitstopError('VALIDATION_FAILED', 'Sampling needs at least 2 permutation pairs for a standard error.', { field: 'pairs' });
  }
  const random = seededRandom(options.seed ?? 1);
  const perBatch = Math.max(1, options.pairsPerBatch ?? 64);

  const output = (await predictChecked(predict, Float32Array.from(row), 1))[0] as number;
  const backgroundOutputs = await predictChecked(predict, options.background, backgroundRows);
  const baseline = backgroundOutputs.reduce((sum, value) => sum + value, 0) / backgroundRows;

  // Per feature: sum and sum of squares of each pair's mean marginal contribution.
  const sums = new Float64Array(k);
  const squares = new Float64Array(k);
  for (let done = 0; done < pairs; done += perBatch) {
    const count = Math.min(perBatch, pairs - done);
    const plans = Array.from({ length: count }, () => ({
      order: randomPermutation(k, random),
      backgroundRow: Math.floor(random() * backgroundRows),
    }));
    const rows = hybridRows(row, options.background, plans);
    const outputs = await predictChecked(predict, rows, rows.length / k);
    plans.forEach((plan, pair) => {
      const marginal = pairMarginals(plan.order, outputs, pair * 2 * (k + 1), k);
      for (let feature = 0; feature < k; feature += 1) {
        const value = marginal[feature] as number;
        sums[feature] = (sums[feature] as number) + value;
        squares[feature] = (squares[feature] as number) + value * value;
      }
    });
  }

  const means = sums.map((sum) => sum / pairs);
  const variances = means.map((mean, feature) => Math.max(0, ((squares[feature] as number) - pairs * mean * mean) / (pairs - 1)));
  const adjusted = efficiencyAdjusted(means, variances, output - baseline);
  const contributions = [...adjusted].map((contribution, index) => ({
    index,
    name: featureName(options.featureNames, index),
    value: row[index] as number,
    contribution,
    standardError: Math.sqrt((variances[index] as number) / pairs),
  }));
  return buildExplanation('sampling', baseline, output, contributions);
}

/**
 * For each plan, 2(k+1) rows: the forward permutation's chain from z to x (adding x's features one by one), then the
 * reverse permutation's chain.
 */
function hybridRows(
  row: Float32Array,
  background: Float32Array,
  plans: readonly { order: Int32Array; backgroundRow: number }[],
): Float32Array {
  const k = row.length;
  const rows = new Float32Array(plans.length * 2 * (k + 1) * k);
  let offset = 0;
  for (const { order, backgroundRow } of plans) {
    for (const reversed of [false, true]) {
      const current = background.slice(backgroundRow * k, (backgroundRow + 1) * k);
      rows.set(current, offset);
      offset += k;
      for (let step = 0; step < k; step += 1) {
        const feature = order[reversed ? k - 1 - step : step] as number;
        current[feature] = row[feature] as number;
        rows.set(current, offset);
        offset += k;
      }
    }
  }
  return rows;
}

/** The mean of the two chains' marginal contributions for each feature. */
function pairMarginals(order: Int32Array, outputs: Float64Array, start: number, k: number): Float64Array {
  const marginal = new Float64Array(k);
  for (let chain = 0; chain < 2; chain += 1) {
    const base = start + chain * (k + 1);
    for (let step = 0; step < k; step += 1) {
      const feature = order[chain === 1 ? k - 1 - step : step] as number;
      const gain = (outputs[base + step + 1] as number) - (outputs[base + step] as number);
      marginal[feature] = (marginal[feature] as number) + gain / 2;
    }
  }
  return marginal;
}

/** Spreads the additivity gap in proportion to variance; evenly when every variance is 0 (then the gap is ~0 anyway). */
function efficiencyAdjusted(means: Float64Array, variances: Float64Array, target: number): Float64Array {
  const gap = target - means.reduce((sum, mean) => sum + mean, 0);
  const totalVariance = variances.reduce((sum, variance) => sum + variance, 0);
  return means.map((mean, feature) =>
    totalVariance > 0 ? mean + (gap * (variances[feature] as number)) / totalVariance : mean + gap / means.length,
  );
}

async function predictChecked(predict: PredictRows, rows: Float32Array, n: number): Promise<Float64Array> {
  const outputs = await predict(rows, n);
  if (outputs.length !== n) {
    throw new PitstopError('VALIDATION_FAILED', `predict returned ${outputs.length} outputs for ${n} rows; it must return one per row.`);
  }
  return outputs;
}
