// Evaluation gates as written on the command line (`--require "auc>=champion+0.005"`): a metric, a comparison and a
// threshold that is a number or follows the champion. Parsed once, checked by evaluateGates.
import { PitstopError } from '../../errors/index.js';
import { METRIC_NAMES, allMetricNames, isMetricName, type EvaluationTask, type MetricName } from '../../metrics/index.js';

export type GateOperator = '>=' | '<=' | '>' | '<';

/** What the challenger's metric is compared with. */
export type GateThreshold =
  /** A fixed number: `accuracy>=0.95`. */
  | { readonly kind: 'value'; readonly value: number }
  /** The champion's value plus an offset: `log_loss<champion` (offset 0), `auc>=champion+0.005`, `auc>=champion-0.01`. */
  | { readonly kind: 'champion-offset'; readonly offset: number }
  /** The champion's value times a factor: `rmse<=0.9*champion`. */
  | { readonly kind: 'champion-factor'; readonly factor: number };

export interface Gate {
  /** The gate in canonical form, e.g. `auc >= champion + 0.005`. */
  readonly text: string;
  readonly metric: MetricName;
  readonly operator: GateOperator;
  readonly threshold: GateThreshold;
}

export interface ParseGateOptions {
  /** When given, only this task's metrics are accepted. */
  readonly task?: EvaluationTask;
}

export const GATE_GRAMMAR =
  'METRIC OP EXPR, where OP is >=, <=, > or <, and EXPR is NUMBER, champion, champion+NUMBER, champion-NUMBER or NUMBER*champion ' +
  '(e.g. auc>=champion+0.005, rmse<=0.9*champion, accuracy>=0.95, log_loss<champion)';

const NUMBER = String.raw`(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
const GATE = /^\s*([A-Za-z_][A-Za-z0-9_@]*)\s*(>=|<=|>|<)\s*(.*?)\s*$/;
const CHAMPION = /^champion$/i;
const CHAMPION_OFFSET = new RegExp(String.raw`^champion\s*([+-])\s*(${NUMBER})$`, 'i');
const CHAMPION_FACTOR = new RegExp(String.raw`^(${NUMBER})\s*\*\s*champion$`, 'i');
const VALUE = new RegExp(String.raw`^([+-]?${NUMBER})$`);

/** Throws VALIDATION_FAILED showing the grammar for malformed text, or listing the valid names for an unknown metric. */
export function parseGate(text: string, options: ParseGateOptions = {}): Gate {
  const match = GATE.exec(text);
  const threshold = match ? parseThreshold(match[3]!) : null;
  if (!match || !threshold) {
    throw new PitstopError('VALIDATION_FAILED', `cannot read gate "${text}": expected ${GATE_GRAMMAR}`, { field: 'gate' });
  }
  const metric = match[1]!.toLowerCase();
  const valid: readonly string[] = options.task ? METRIC_NAMES[options.task] : allMetricNames();
  if (!isMetricName(metric) || !valid.includes(metric)) {
    const scope = options.task ? `${options.task} metrics` : 'metrics';
    throw new PitstopError('VALIDATION_FAILED', `unknown metric "${match[1]}" in gate "${text}"; valid ${scope}: ${valid.join(', ')}`, { field: 'gate' });
  }
  const operator = match[2] as GateOperator;
  return { text: `${metric} ${operator} ${thresholdText(threshold)}`, metric, operator, threshold };
}

function parseThreshold(expression: string): GateThreshold | null {
  if (CHAMPION.test(expression)) return { kind: 'champion-offset', offset: 0 };
  const offset = CHAMPION_OFFSET.exec(expression);
  if (offset) return { kind: 'champion-offset', offset: (offset[1] === '-' ? -1 : 1) * Number(offset[2]) };
  const factor = CHAMPION_FACTOR.exec(expression);
  if (factor) return { kind: 'champion-factor', factor: Number(factor[1]) };
  const value = VALUE.exec(expression);
  if (value) return { kind: 'value', value: Number(value[1]) };
  return null;
}

/** The threshold as written in canonical gate text. */
export function thresholdText(threshold: GateThreshold): string {
  switch (threshold.kind) {
    case 'value':
      return String(threshold.value);
    case 'champion-offset':
      if (threshold.offset === 0) return 'champion';
      return `champion ${threshold.offset < 0 ? '-' : '+'} ${Math.abs(threshold.offset)}`;
    case 'champion-factor':
      return `${threshold.factor} * champion`;
  }
}
