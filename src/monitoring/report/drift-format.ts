// How drift numbers read, in the HTML report and the CLI table alike: method names, statistics and thresholds, and
// which methods decide by p-value (so their threshold is a p-value's, not the statistic's).
import type { DriftMethod } from '../drift/index.js';
import { formatMetric } from '../../training/evaluation/report-format.js';

const METHOD_NAMES: Readonly<Record<DriftMethod, string>> = {
  wasserstein: 'Wasserstein (normalised)',
  psi: 'PSI',
  js: 'Jensen–Shannon distance',
  ks: 'Kolmogorov–Smirnov test',
  chi2: 'χ² test',
};

/** A method's name for people; one this code does not know (the report is JSON from elsewhere) as it is. */
export function methodName(method: string): string {
  return Object.hasOwn(METHOD_NAMES, method) ? METHOD_NAMES[method as DriftMethod] : method;
}

/** ks and chi2 decide by p-value < threshold; the others by statistic ≥ threshold. */
export function decidesByPValue(method: string): boolean {
  return method === 'ks' || method === 'chi2';
}

/** `0.5123`, with the p-value after a test's statistic: `0.0810 (p = 0.003)`. */
export function formatStatistic(point: { readonly method: string; readonly statistic: number; readonly pValue?: number }): string {
  const statistic = formatMetric(point.statistic);
  return decidesByPValue(point.method) && point.pValue !== undefined ? `${statistic} (${formatP(point.pValue)})` : statistic;
}

/** What drifted means for this feature: `≥ 0.1000`, or `p < 0.0125` for a test. */
export function formatThreshold(point: { readonly method: string; readonly threshold: number }): string {
  return decidesByPValue(point.method) ? `p < ${formatMetric(point.threshold)}` : `≥ ${formatMetric(point.threshold)}`;
}

/** p-values to two significant digits, so a Bonferroni threshold such as 0.00125 can be told from the p beside it. */
export function formatP(p: number): string {
  if (p < 1e-6) return 'p < 0.000001';
  return `p = ${Number(p.toPrecision(2))}`;
}
