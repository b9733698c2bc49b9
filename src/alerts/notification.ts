// The message channels deliver, built from a rule and the transition that calls for it. Pure.
import { createHash } from 'node:crypto';
import type { AlertRule, ComparisonOp, Severity } from './alert-rule-schema.js';
import type { AlertState } from './alert-state.js';
import type { AlertTransition } from './evaluate-rule.js';
import { fingerprint } from './fingerprint.js';

export type NotificationStatus = 'firing' | 'resolved';

/** What receivers get, as JSON (dates as ISO 8601 strings). */
export interface Notification {
  /** The same for every delivery of one episode's firing (or resolved) message, so receivers can deduplicate retries. */
  readonly id: string;
  readonly rule: string;
  readonly model: string;
  readonly metric: string;
  readonly value: number;
  readonly op: ComparisonOp;
  readonly threshold: number;
  readonly severity: Severity;
  readonly status: NotificationStatus;
  /** When this firing episode began. */
  readonly startsAt: string;
  /** When this notification's transition happened. */
  readonly at: string;
  readonly description: string;
  /** The rule's labels plus model, rule, metric, severity and fingerprint. */
  readonly labels: Readonly<Record<string, string>>;
}

type NotifiedRule = Pick<AlertRule, 'name' | 'model' | 'metric' | 'op' | 'threshold' | 'severity' | 'description' | 'labels'>;

/** The notification a transition calls for, or null when it calls for none (pending, inactive, silenced, never announced). */
export function notificationFor(rule: NotifiedRule, transition: AlertTransition, state: AlertState): Notification | null {
  if (!transition.notify || (transition.to !== 'firing' && transition.to !== 'resolved')) return null;
  const status: NotificationStatus = transition.to;
  const startsAt = (state.firedAt ?? transition.at).toISOString();
  const id = fingerprint(rule);
  return {
    id: createHash('sha256').update(JSON.stringify([id, status, startsAt])).digest('hex').slice(0, 32),
    rule: rule.name,
    model: rule.model,
    metric: rule.metric,
    value: transition.value,
    op: rule.op,
    threshold: rule.threshold,
    severity: rule.severity,
    status,
    startsAt,
    at: transition.at.toISOString(),
    description: rule.description ?? `${rule.metric} of model ${rule.model} ${status === 'firing' ? 'is' : 'was'} ${rule.op} ${rule.threshold}`,
    labels: { ...rule.labels, model: rule.model, rule: rule.name, metric: rule.metric, severity: rule.severity, fingerprint: id },
  };
}

/** One line for logs and chat: "[FIRING critical] churn/psi-age: psi:age = 0.31 (> 0.25)". */
export function notificationSummary(notification: Notification): string {
  const { status, severity, model, rule, metric, value, op, threshold } = notification;
  return `[${status.toUpperCase()} ${severity}] ${model}/${rule}: ${metric} = ${value} (${op} ${threshold})`;
}
