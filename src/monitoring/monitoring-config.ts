// The monitoring file (PITSTOP_MONITORING_FILE or --config): the window size, alert rules and channels (the alerts
// format), and per-model retraining policies. YAML; errors name the field.
import { z } from 'zod';
import { parseAlertConfig, parseDuration, type AlertConfig } from '../alerts/index.js';
import { PitstopError } from '../errors/index.js';
import { readBoundedYaml } from '../yaml-input/index.js';
import type { RetrainPolicy } from './retraining.js';

const RetrainPolicySchema = z.strictObject({
  model: z.string().min(1),
  trainer: z.union([z.strictObject({ kind: z.literal('builtin') }), z.strictObject({ kind: z.literal('command'), argv: z.array(z.string()).min(1) })]).default({ kind: 'builtin' }),
  gates: z.array(z.string()).optional(),
  promotion: z.enum(['auto', 'manual']).default('manual'),
  minLabels: z.number().int().positive().optional(),
  holdout: z.number().gt(0).lt(1).optional(),
});

export interface MonitoringConfig {
  readonly windowMs: number;
  /** Raw predictions older than this are deleted once their windows are summarised (null: kept for ever). */
  readonly retentionMs: number | null;
  readonly alerts: AlertConfig;
  readonly retraining: readonly RetrainPolicy[];
}

export const DEFAULT_WINDOW_MS = 3_600_000;

export function parseMonitoringConfig(text: string, source = 'monitoring config'): MonitoringConfig {
  const { window, retention, retraining, ...alerts } = (readBoundedYaml(text, { source, code: 'VALIDATION_FAILED' }) ?? {}) as { window?: unknown; retention?: unknown; retraining?: unknown; [key: string]: unknown };
  const policies = z.array(RetrainPolicySchema).default([]).safeParse(retraining);
  if (!policies.success) {
    const issue = policies.error.issues[0]!;
    const field = `retraining[${issue.path.join('].')}`.replace(/\]\.(\D)/, '].$1');
    throw new PitstopError('VALIDATION_FAILED', `${source}: ${field}: ${issue.message}`, { field });
  }
  return {
    windowMs: window === undefined ? DEFAULT_WINDOW_MS : parseDuration(String(window)),
    retentionMs: retention === undefined ? null : parseDuration(String(retention)),
    alerts: parseAlertConfig(alerts, source),
    retraining: policies.data,
  };
}

export function emptyMonitoringConfig(windowMs = DEFAULT_WINDOW_MS): MonitoringConfig {
  return { windowMs, retentionMs: null, alerts: { rules: [], channels: [] }, retraining: [] };
}
