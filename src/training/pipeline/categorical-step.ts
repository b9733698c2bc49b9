// A category or text feature: impute, then one-hot or ordinal codes. The JS half; emit-categorical-onnx.ts is the graph's.
import { ORDINAL_UNKNOWN_CODE, type CategoricalStep } from './fitted-feature-pipeline.js';
import type { ResolvedSteps } from './resolve-feature-steps.js';
import { mostFrequentOf } from './summary-statistics.js';

/** Keeps the `maxCategories` most frequent values (ties in code-unit order) after imputation, listed in code-unit order. */
export function fitCategoricalStep(steps: Extract<ResolvedSteps, { kind: 'categorical' }>, input: readonly string[]): CategoricalStep {
  const impute = steps.impute === null ? null : typeof steps.impute === 'object' ? String(steps.impute.constant) : (mostFrequentOf(input) ?? null);
  const counts = new Map<string, number>();
  for (const raw of input) {
    const value = raw === '' ? impute : raw;
    if (value !== null && value !== '') counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const kept = [...counts]
    .sort(([a, countA], [b, countB]) => countB - countA || compareText(a, b))
    .slice(0, steps.maxCategories)
    .map(([value]) => value);
  return { kind: 'categorical', name: steps.name, type: steps.type, encode: steps.encode, impute, categories: kept.sort(compareText) };
}

/** One column per category plus the unknown column (one-hot), or one column of codes with -1 for unknown (ordinal). */
export function transformCategoricalStep(step: CategoricalStep, input: readonly string[]): Float32Array[] {
  const codes = categoryCodes(step, input);
  if (step.encode === 'ordinal') return [Float32Array.from(codes, (code) => (code === step.categories.length ? ORDINAL_UNKNOWN_CODE : code))];
  const columns = Array.from({ length: step.categories.length + 1 }, () => new Float32Array(input.length));
  codes.forEach((code, row) => (columns[code]![row] = 1));
  return columns;
}

/** The index of each value among the categories, or categories.length when unknown; '' is missing. */
function categoryCodes(step: CategoricalStep, input: readonly string[]): Int32Array {
  const index = new Map(step.categories.map((category, code) => [category, code]));
  const unknown = step.categories.length;
  return Int32Array.from(input, (raw) => {
    const value = raw === '' ? step.impute : raw;
    return value === null ? unknown : (index.get(value) ?? unknown);
  });
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
