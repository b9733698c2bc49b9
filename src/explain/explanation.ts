// The shape every explainer returns, and the one place that computes its additivity gap.

export type ExplanationMethod = 'linear' | 'tree-shap' | 'sampling';

export interface FeatureContribution {
  index: number;
  name: string;
  /** The feature's value in the explained row. */
  value: number;
  /** How to write the value in sentences when the number is not what people sent (a category, a date); wins over `value`. */
  display?: string;
  /** How much this feature moved the output away from the baseline. */
  contribution: number;
  /** Set by sampling explainers: the standard error of the estimate. */
  standardError?: number;
}

export interface Explanation {
  method: ExplanationMethod;
  /** What the model outputs on average (over the background or the training covers). */
  baseline: number;
  /** The explained output for this row (a raw score: before any post_transform). */
  output: number;
  contributions: FeatureContribution[];
  /** |sum(contributions) − (output − baseline)| */
  additivityGap: number;
}

/** Names features by position unless the caller gives names; a missing name falls back too. */
export function featureName(names: readonly string[] | undefined, index: number): string {
  return names?.[index] ?? `feature ${index}`;
}

export function buildExplanation(
  method: ExplanationMethod,
  baseline: number,
  output: number,
  contributions: FeatureContribution[],
): Explanation {
  const total = contributions.reduce((sum, item) => sum + item.contribution, 0);
  return { method, baseline, output, contributions, additivityGap: Math.abs(total - (output - baseline)) };
}
