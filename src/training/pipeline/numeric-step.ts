// A number, integer or boolean feature: impute, clip, log, scale. The JS half; emit-numeric-onnx.ts is the graph's.
import type { NumericStep } from './fitted-feature-pipeline.js';
import type { ResolvedSteps } from './resolve-feature-steps.js';
import { meanOf, medianOf, mostFrequentOf, scaleOf } from './summary-statistics.js';

const f32 = Math.fround;

/** Learns each step from the output of the steps before it, as a fitted sklearn Pipeline would. */
export function fitNumericStep(steps: Extract<ResolvedSteps, { kind: 'numeric' }>, input: Float32Array): NumericStep {
  const clip = steps.clip === null ? null : { min: float32OrNull(steps.clip.min), max: float32OrNull(steps.clip.max) };
  const unscaled: NumericStep = { kind: 'numeric', name: steps.name, type: steps.type, impute: imputeValue(steps.impute, input), clip, log: steps.log, scale: null };
  if (steps.scale === null) return unscaled;
  const { offset, scale } = scaleOf(steps.scale, transformNumericStep(unscaled, input));
  return { ...unscaled, scale: { offset: f32(offset), scale: f32(scale) } };
}

/**
 * float32 arithmetic in the graph's order, one rounding per operator: Imputer, Clip, Max(x, 0) → Add 1 → Log (taken
 * in double and rounded once, as the graph does), then Scaler's (x - offset) * scale. NaN (missing, not imputed) stays NaN through every step, as it does in onnxruntime.
 */
export function transformNumericStep(step: NumericStep, input: Float32Array): Float32Array {
  const output = new Float32Array(input.length);
  const { impute, clip, log, scale } = step;
  for (let row = 0; row < input.length; row += 1) {
    let x = input[row]!;
    if (impute !== null && Number.isNaN(x)) x = impute;
    if (clip !== null) {
      if (clip.min !== null) x = Math.max(x, clip.min);
      if (clip.max !== null) x = Math.min(x, clip.max);
    }
    if (log) x = f32(Math.log(f32(Math.max(x, 0) + 1)));
    if (scale !== null) x = f32(f32(x - scale.offset) * scale.scale);
    output[row] = x;
  }
  return output;
}

// An all-missing column has no statistic; 0 stands in, so the feature still has a value.
function imputeValue(impute: Extract<ResolvedSteps, { kind: 'numeric' }>['impute'], input: Float32Array): number | null {
  if (impute === null) return null;
  if (typeof impute === 'object') return f32(Number(impute.constant));
  const value = impute === 'mean' ? meanOf(input) : impute === 'median' ? medianOf(input) : mostFrequentOf(input);
  return f32(value ?? 0);
}

function float32OrNull(value: number | undefined): number | null {
  return value === undefined ? null : f32(value);
}
