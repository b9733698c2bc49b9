// Builders for the alerts tests: a rule with defaults, a clock in minutes, replaying a series of values, a notification.
import { AlertRuleSchema, type AlertRule, type AlertRuleInput } from '../alert-rule-schema.js';
import type { AlertState } from '../alert-state.js';
import { evaluateRule, type AlertTransition } from '../evaluate-rule.js';
import type { Notification } from '../notification.js';

export const T0 = new Date('2025-03-01T12:00:00.000Z');

/** T0 plus `n` minutes. */
export function minute(n: number): Date {
  return new Date(T0.getTime() + n * 60_000);
}

/** "psi:age of churn > 0.25", firing at once, unless overridden. */
export function alertRule(overrides: Partial<AlertRuleInput> = {}): AlertRule {
  return AlertRuleSchema.parse({ name: 'psi-age', model: 'churn', metric: 'psi:age', op: '>', threshold: 0.25, for: '0s', severity: 'warning', ...overrides });
}

export interface ReplayedTransition extends AlertTransition {
  /** The index of the value (= the minute) that caused it. */
  readonly minute: number;
}

export interface Replay {
  readonly state: AlertState;
  readonly transitions: ReplayedTransition[];
  /** The transitions that call for a notification, as "firing@3" / "resolved@7". */
  readonly notifications: string[];
}

/** Evaluates value i at minute(i), carrying the state along; `silenced` is [from, until) in minutes. */
export function replay(rule: AlertRule, values: readonly (number | null)[], options: { silenced?: [number, number]; state?: AlertState; firstMinute?: number } = {}): Replay {
  let state = options.state;
  const transitions: ReplayedTransition[] = [];
  const first = options.firstMinute ?? 0;
  values.forEach((value, i) => {
    const at = minute(first + i);
    const [from, until] = options.silenced ?? [0, 0];
    const silencedUntil = first + i >= from ? minute(until) : undefined;
    const evaluation = evaluateRule(rule, state, { at, value }, silencedUntil);
    state = evaluation.state;
    if (evaluation.transition) transitions.push({ ...evaluation.transition, minute: first + i });
  });
  return {
    state: state!,
    transitions,
    notifications: transitions.filter((t) => t.notify).map((t) => `${t.to}@${t.minute}`),
  };
}

/** The moves of a replay, as "inactive→pending@0". */
export function moves(replayed: Replay): string[] {
  return replayed.transitions.map((t) => `${t.from}→${t.to}@${t.minute}`);
}

export function sampleNotification(overrides: Partial<Notification> = {}): Notification {
  return {
    id: '0123456789abcdef0123456789abcdef',
    rule: 'psi-age',
    model: 'churn',
    metric: 'psi:age',
    value: 0.31,
    op: '>',
    threshold: 0.25,
    severity: 'critical',
    status: 'firing',
    startsAt: '2025-03-01T12:00:00.000Z',
    at: '2025-03-01T12:00:00.000Z',
    description: 'age has drifted',
    labels: { model: 'churn', rule: 'psi-age', metric: 'psi:age', severity: 'critical', fingerprint: 'fedcba9876543210' },
    ...overrides,
  };
}
