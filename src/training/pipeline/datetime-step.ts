// A datetime feature: impute a time, take calendar parts, scale them. The JS half; emit-datetime-onnx.ts is the graph's.
import { parseIsoDate } from '../../dataset/index.js';
import { datePartsOfSeconds } from './date-parts.js';
import type { DatetimeStep } from './fitted-feature-pipeline.js';
import type { ResolvedSteps } from './resolve-feature-steps.js';
import { PitstopError } from '../../errors/index.js';
import { meanOf, medianOf, mostFrequentOf, scaleOf } from './summary-statistics.js';

const f32 = Math.fround;

/** `input` is epoch seconds with NaN for missing. Mean and median times are rounded down to a whole second. */
export function fitDatetimeStep(steps: Extract<ResolvedSteps, { kind: 'datetime' }>, input: Float64Array): DatetimeStep {
  const unscaled: DatetimeStep = { kind: 'datetime', name: steps.name, type: 'datetime', impute: imputeSeconds(steps, input), parts: [...steps.parts], scale: null };
  if (steps.scale === null) return unscaled;
  const columns = transformDatetimeStep(unscaled, input);
  const fitted = columns.map((column) => scaleOf(steps.scale!, column));
  return { ...unscaled, scale: { offset: fitted.map(({ offset }) => f32(offset)), scale: fitted.map(({ scale }) => f32(scale)) } };
}

/** One float32 column per part; a missing time that is not imputed gives NaN in every part. */
export function transformDatetimeStep(step: DatetimeStep, input: Float64Array): Float32Array[] {
  const columns = step.parts.map(() => new Float32Array(input.length));
  for (let row = 0; row < input.length; row += 1) {
    const seconds = Number.isNaN(input[row]!) && step.impute !== null ? step.impute : input[row]!;
    const parts = Number.isNaN(seconds) ? step.parts.map(() => Number.NaN) : datePartsOfSeconds(seconds, step.parts);
    parts.forEach((part, j) => {
      const scale = step.scale;
      columns[j]![row] = scale === null ? part : f32(f32(part - scale.offset[j]!) * scale.scale[j]!);
    });
  }
  return columns;
}

function imputeSeconds(steps: Extract<ResolvedSteps, { kind: 'datetime' }>, input: Float64Array): number | null {
  const { impute } = steps;
  if (impute === null) return null;
  if (typeof impute === 'object') {
    const millis = parseIsoDate(String(impute.constant));
    if (millis === undefined) {
      throw new PitstopError('VALIDATION_FAILED', `feature "${steps.name}": ${JSON.stringify(impute.constant)} is not an ISO-8601 date`, { field: `features.${steps.name}.impute.constant` });
    }
    return Math.floor(millis / 1000);
  }
  const value = impute === 'mean' ? meanOf(input) : impute === 'median' ? medianOf(input) : mostFrequentOf(input);
  // An all-missing column has no statistic; 1970-01-01 stands in, so the feature still has a value.
  return Math.floor(value ?? 0);
}
