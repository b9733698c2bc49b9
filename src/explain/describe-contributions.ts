// Turns an explanation into plain sentences for people who do not read Shapley values: biggest effects first.
import type { Explanation, FeatureContribution } from './explanation.js';

export interface DescribeContributionsOptions {
  /** How many features get a sentence of their own; the rest are summed in one. Default 5. */
  top?: number;
  /** What the model's output is called in the sentences. Default 'score'. */
  outputName?: string;
}

/**
 * One sentence per feature, sorted by |contribution|, e.g. "age = 67 raised the score by 0.12." Plain text: names are
 * used as given (nothing is escaped, so render it as text, not HTML).
 */
export function describeContributions(explanation: Explanation, options: DescribeContributionsOptions = {}): string[] {
  const top = Math.max(0, options.top ?? 5);
  const outputName = options.outputName ?? 'score';
  const sorted = [...explanation.contributions].sort(
    (a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.index - b.index,
  );
  const sentences = [
    `The ${outputName} is ${formatNumber(explanation.output)}, compared with ${formatNumber(explanation.baseline)} on average.`,
    ...sorted.slice(0, top).map((item) => describeOne(item, outputName)),
  ];
  const rest = sorted.slice(top);
  if (rest.length > 0) {
    const total = rest.reduce((sum, item) => sum + item.contribution, 0);
    const others = rest.length === 1 ? 'The 1 other feature' : `The ${rest.length} other features together`;
    sentences.push(`${others} ${movement(total, 'it')}.`);
  }
  return sentences;
}

function describeOne(item: FeatureContribution, outputName: string): string {
  const value =
    item.display !== undefined
      ? `${item.name} = ${item.display}`
      : Number.isNaN(item.value)
        ? `${item.name} (missing)`
        : `${item.name} = ${formatNumber(item.value)}`;
  const uncertainty = item.standardError === undefined ? '' : ` (give or take ${formatNumber(item.standardError)})`;
  return `${value} ${movement(item.contribution, `the ${outputName}`)}${uncertainty}.`;
}

function movement(amount: number, what: string): string {
  const size = formatNumber(Math.abs(amount));
  if (size === '0') return `did not change ${what}`;
  return `${amount > 0 ? 'raised' : 'lowered'} ${what} by ${size}`;
}

/** Three significant digits, no exponent for everyday magnitudes, and never "-0". */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0 || Math.abs(value) < 5e-13) return '0';
  const magnitude = Math.abs(value);
  const text = magnitude >= 1e-4 && magnitude < 1e15 ? String(Number(value.toPrecision(3))) : value.toPrecision(3);
  return text === '-0' ? '0' : text;
}
