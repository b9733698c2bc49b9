// What an alert rule is: a comparison of one metric of one model against a threshold, held for a while, with a severity.
import { z } from 'zod';
import { parseDuration } from './parse-duration.js';

export const COMPARISON_OPS = ['>', '>=', '<', '<='] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

const name = z.string().trim().min(1, 'must not be empty');

const DurationSchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : `must be a duration with a unit, such as "15m" (got ${JSON.stringify(issue.input)})`) })
  .superRefine((text, ctx) => {
  try {
    parseDuration(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

export const AlertRuleSchema = z
  .strictObject({
    name,
    model: name,
    /** Any metric the monitoring job reports: "psi:age", "drift_share", "accuracy", "p99_latency_ms", ... */
    metric: name,
    op: z.enum(COMPARISON_OPS),
    threshold: z.number(),
    /** How long the threshold must be breached, continuously, before the alert fires. */
    for: DurationSchema.default('0s'),
    severity: z.enum(SEVERITIES),
    /** A firing alert resolves only once the value no longer passes this (hysteresis); defaults to threshold. */
    resolveThreshold: z.number().optional(),
    /** Channel names; when absent, every configured channel. */
    channels: z.array(name).optional(),
    /** Whether a firing alert should trigger retraining (acted on by the scheduler, not here). */
    retrain: z.boolean().default(false),
    description: z.string().optional(),
    /** Extra labels copied into every notification. */
    labels: z.record(z.string(), z.string()).optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.resolveThreshold === undefined) return;
    // A resolve threshold on the breaching side would let one value both fire and resolve the alert.
    const above = rule.op === '>' || rule.op === '>=';
    if (above ? rule.resolveThreshold > rule.threshold : rule.resolveThreshold < rule.threshold) {
      ctx.addIssue({
        code: 'custom',
        path: ['resolveThreshold'],
        message: `must be ${above ? 'at most' : 'at least'} threshold (${rule.threshold}) for op "${rule.op}", so that recovering means moving away from the breach`,
      });
    }
  });

export type AlertRule = z.output<typeof AlertRuleSchema>;
/** A rule as written in a file or sent by a client, before defaults (`for: "0s"`, `retrain: false`) apply. */
export type AlertRuleInput = z.input<typeof AlertRuleSchema>;

/** Whether `value op threshold` holds. */
export function compare(value: number, op: ComparisonOp, threshold: number): boolean {
  switch (op) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
  }
}

/** The rule is breached: the value passes the threshold. */
export function breaches(rule: Pick<AlertRule, 'op' | 'threshold'>, value: number): boolean {
  return compare(value, rule.op, rule.threshold);
}

/** A firing rule may resolve: the value no longer passes the resolve threshold (the threshold when none is set). */
export function recovers(rule: Pick<AlertRule, 'op' | 'threshold' | 'resolveThreshold'>, value: number): boolean {
  return !compare(value, rule.op, rule.resolveThreshold ?? rule.threshold);
}
