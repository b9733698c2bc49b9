// The graph half of a numeric step (numeric-step.ts is the JS half): Imputer, Clip, Max/Add/Log, Scaler.
import type { NumericStep } from './fitted-feature-pipeline.js';
import { ML_DOMAIN, type PipelineGraphScope } from './pipeline-graph-scope.js';

// ONNX TensorProto data types, for Cast.
const FLOAT = 1;
const DOUBLE = 11;

/** Reads the float32 [N, 1] input named after the feature; returns the float32 [N, 1] result (the input if no step applies). */
export function emitNumericOnnx(scope: PipelineGraphScope, step: NumericStep): string {
  const { name } = step;
  let x = name;
  if (step.impute !== null) {
    // replaced_value_float defaults to 0; NaN is what marks a missing number here.
    x = scope.node('Imputer', [x], name, 'imputed', { imputed_value_floats: { floats: [step.impute] }, replaced_value_float: { float: Number.NaN } }, ML_DOMAIN);
  }
  if (step.clip !== null) {
    const { min, max } = step.clip;
    x = scope.node('Clip', [x, min === null ? '' : scope.float(min), max === null ? '' : scope.float(max)], name, 'clipped');
  }
  if (step.log) {
    const nonNegative = scope.node('Max', [x, scope.float(0)], name, 'non-negative');
    const plusOne = scope.node('Add', [nonNegative, scope.float(1)], name, 'plus-one');
    // onnxruntime's float Log is off by an ulp for about one value in six (1.30, x86-64), which scaling then magnifies;
    // its double Log, rounded to float, matched Math.fround(Math.log(x)) on 2 million values out of 2 million.
    const wide = scope.node('Cast', [plusOne], name, 'plus-one-double', { to: { int: DOUBLE } });
    x = scope.node('Cast', [scope.node('Log', [wide], name, 'log1p-double')], name, 'log1p', { to: { int: FLOAT } });
  }
  if (step.scale !== null) {
    x = scope.node('Scaler', [x], name, 'scaled', { offset: { floats: [step.scale.offset] }, scale: { floats: [step.scale.scale] } }, ML_DOMAIN);
  }
  return x;
}
