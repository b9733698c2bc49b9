// Checks parsed gates against the champion's and the challenger's metric values, each with a one-line explanation
// a person can check by hand: `auc 0.912 >= champion 0.905 + 0.005 = 0.910: passed`.
import { thresholdText, type Gate, type GateOperator, type GateThreshold } from './parse-gate.js';

/** Metric values by name; a missing or null value makes a gate that needs it fail. */
export type MetricValues = Readonly<Record<string, number | null | undefined>>;

export interface GateResult {
  readonly gate: Gate;
  readonly passed: boolean;
  /** The number the challenger's value was compared with; null when it needed a champion value there was none of. */
  readonly threshold: number | null;
  readonly challenger: number | null;
  /** The champion's value of the metric, when the gate refers to the champion. */
  readonly champion: number | null;
  readonly explanation: string;
}

export function evaluateGates(gates: readonly Gate[], values: { readonly champion: MetricValues; readonly challenger: MetricValues }): GateResult[] {
  return gates.map((gate) => evaluateGate(gate, values.champion, values.challenger));
}

function evaluateGate(gate: Gate, championValues: MetricValues, challengerValues: MetricValues): GateResult {
  const { metric, operator, threshold: rule } = gate;
  const challenger = finiteOrNull(challengerValues[metric]);
  const champion = rule.kind === 'value' ? null : finiteOrNull(championValues[metric]);
  const threshold = thresholdValue(rule, champion);
  const result = (passed: boolean, explanation: string): GateResult => ({ gate, passed, threshold, challenger, champion, explanation });
  if (challenger === null) return result(false, `${metric} has no value for the challenger: failed`);
  if (threshold === null) return result(false, `${metric} ${operator} ${thresholdText(rule)}: the champion has no ${metric} value: failed`);
  const passed = compare(challenger, operator, threshold);
  const format = numberFormat([challenger, threshold, ...(champion === null ? [] : [champion])], ruleNumber(rule));
  return result(passed, `${metric} ${format(challenger)} ${operator} ${thresholdWorking(rule, champion, threshold, format)}: ${passed ? 'passed' : 'failed'}`);
}

function thresholdValue(rule: GateThreshold, champion: number | null): number | null {
  if (rule.kind === 'value') return rule.value;
  if (champion === null) return null;
  return rule.kind === 'champion-offset' ? champion + rule.offset : champion * rule.factor;
}

/** How the threshold was reached, with the numbers: `champion 0.905 + 0.005 = 0.910`. */
function thresholdWorking(rule: GateThreshold, champion: number | null, threshold: number, format: (x: number) => string): string {
  switch (rule.kind) {
    case 'value':
      return format(threshold);
    case 'champion-offset':
      if (rule.offset === 0) return `champion ${format(champion!)}`;
      return `champion ${format(champion!)} ${rule.offset < 0 ? '-' : '+'} ${format(Math.abs(rule.offset))} = ${format(threshold)}`;
    case 'champion-factor':
      return `${rule.factor} * champion ${format(champion!)} = ${format(threshold)}`;
  }
}

/** The number written in the gate. */
function ruleNumber(rule: GateThreshold): number {
  return rule.kind === 'value' ? rule.value : rule.kind === 'champion-offset' ? rule.offset : rule.factor;
}

/**
 * Compares with a relative tolerance of 1e-12, so that floating-point noise in champion + offset
 * (0.1 + 0.2 = 0.30000000000000004) does not fail a challenger at exactly 0.3.
 */
function compare(value: number, operator: GateOperator, threshold: number): boolean {
  const tolerance = toleranceAt(threshold);
  switch (operator) {
    case '>=':
      return value >= threshold - tolerance;
    case '>':
      return value > threshold + tolerance;
    case '<=':
      return value <= threshold + tolerance;
    case '<':
      return value < threshold - tolerance;
  }
}

/**
 * Fixed decimals for every number in one explanation: at least 3; all of the gate's own number (0.0005 stays 0.0005);
 * two significant digits of a small measured value (an ECE of 0.0042); and more while the challenger's value and the
 * threshold look equal but are not, so that "0.910 >= 0.910: failed" cannot be printed.
 */
function numberFormat(measured: readonly [number, number, ...number[]], literal: number): (x: number) => string {
  const [value, threshold] = measured;
  let decimals = Math.max(3, exactDecimals(literal));
  for (const x of measured) {
    if (x !== 0 && Math.abs(x) < 0.1) decimals = Math.max(decimals, 1 - Math.floor(Math.log10(Math.abs(x))));
  }
  decimals = Math.min(decimals, MAX_DECIMALS);
  const tolerance = toleranceAt(threshold);
  while (decimals < MAX_DECIMALS && Math.abs(value - threshold) > tolerance && value.toFixed(decimals) === threshold.toFixed(decimals)) decimals++;
  return (x) => x.toFixed(decimals);
}

const MAX_DECIMALS = 12;

function toleranceAt(threshold: number): number {
  return 1e-12 * Math.max(1, Math.abs(threshold));
}

function exactDecimals(x: number): number {
  let decimals = 0;
  while (decimals < MAX_DECIMALS && Number(x.toFixed(decimals)) !== x) decimals++;
  return decimals;
}

function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
