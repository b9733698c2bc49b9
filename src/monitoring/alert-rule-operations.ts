// Alert rules' admin operations, the same from the CLI, the HTTP routes and the GUI: list (the one merge of file and
// stored rules), add or replace, remove, and silence. An unknown rule is ALERT_RULE_NOT_FOUND wherever it is named.
import { z } from 'zod';
import { AlertRuleSchema, parseDuration, type AlertRule } from '../alerts/index.js';
import { PitstopError } from '../errors/index.js';
import { actorOf, defineOperation } from '../operations/index.js';
import type { Registry } from '../registry/index.js';
import type { MonitoringStore } from '../store/index.js';
import { silenceRule } from './alert-job.js';
import { alertRuleViews, type AlertRuleView } from './alert-rule-views.js';

export interface AlertOperationDeps {
  readonly registry: Registry;
  readonly monitoring: MonitoringStore;
  /** The monitoring file's rules (none on a server that runs no monitoring). */
  readonly configRules: () => readonly AlertRule[];
}

const ruleView = AlertRuleSchema.and(z.object({ source: z.enum(['config', 'api']), state: z.enum(['ok', 'pending', 'firing']), since: z.string().nullable(), silencedUntil: z.string().nullable(), lastValue: z.number().nullable() }));

async function rulesOf(deps: AlertOperationDeps, model?: string): Promise<AlertRuleView[]> {
  const [stored, states] = await Promise.all([deps.monitoring.listRules(model), deps.monitoring.listAlertStates(model === undefined ? undefined : [model])]);
  const views = alertRuleViews(deps.configRules().filter((r) => model === undefined || r.model === model), stored, states, new Date());
  return [...views.values()].flat();
}

async function ruleOf(deps: AlertOperationDeps, model: string, name: string): Promise<AlertRuleView> {
  await deps.registry.getModel(model);
  const rules = await rulesOf(deps, model);
  const rule = rules.find((r) => r.name === name);
  if (!rule) throw new PitstopError('ALERT_RULE_NOT_FOUND', `model "${model}" has no alert rule "${name}"; its rules: ${rules.map((r) => r.name).join(', ') || 'none'}`, { field: 'rule' });
  return rule;
}

const audit = (action: string, model: string, details: Record<string, unknown>) => ({ action, model, version: null, fromStage: null, toStage: null, reason: null, details });

export const listAlertRulesOperation = defineOperation({
  name: 'alerts.list_rules',
  summary: 'listing alert rules',
  input: z.object({ model: z.string().min(1).optional() }),
  output: z.object({ rules: z.array(ruleView) }),
  role: 'viewer',
  audit: 'none',
  async run(deps: AlertOperationDeps, input) {
    if (input.model !== undefined) await deps.registry.getModel(input.model);
    return { rules: await rulesOf(deps, input.model) };
  },
});

export const setAlertRuleOperation = defineOperation({
  name: 'alerts.set_rule',
  summary: 'adding an alert rule',
  // The alert schema checks what the doors' own parsing cannot (durations, hysteresis on the right side, names).
  input: AlertRuleSchema,
  output: ruleView,
  role: 'deployer',
  audit: (rule: AlertRule) => audit('alert.rule_set', rule.model, { rule }),
  async run(deps: AlertOperationDeps, rule: AlertRule, caller) {
    await deps.registry.getModel(rule.model);
    await deps.monitoring.putRule({ model: rule.model, name: rule.name, rule, createdBy: actorOf(caller) });
    return ruleOf(deps, rule.model, rule.name);
  },
});

export const removeAlertRuleOperation = defineOperation({
  name: 'alerts.remove_rule',
  summary: 'removing an alert rule',
  input: z.object({ model: z.string().min(1), rule: z.string().min(1) }),
  output: z.object({ model: z.string(), rule: z.string(), removed: z.literal(true), remaining: ruleView.nullable() }),
  role: 'deployer',
  audit: (input) => audit('alert.rule_removed', input.model, { rule: input.rule }),
  async run(deps: AlertOperationDeps, input) {
    const existing = await ruleOf(deps, input.model, input.rule);
    if (existing.source === 'config') throw new PitstopError('VALIDATION_FAILED', `alert rule "${input.rule}" of "${input.model}" comes from the monitoring file; remove it there`, { field: 'rule' });
    await deps.monitoring.deleteRule(input.model, input.rule);
    // A file rule of the same name, hidden by the stored one, is in force again.
    return { model: input.model, rule: input.rule, removed: true as const, remaining: (await rulesOf(deps, input.model)).find((r) => r.name === input.rule) ?? null };
  },
});

export const silenceAlertRuleOperation = defineOperation({
  name: 'alerts.silence',
  summary: 'silencing an alert rule',
  input: z.object({
    model: z.string().min(1), rule: z.string().min(1),
    for: z.string().refine((text) => { try { parseDuration(text); return true; } catch { return false; } }, 'is a span such as 30m, 1h or 2d ("0s" lifts a silence)'),
  }),
  output: ruleView,
  role: 'deployer',
  audit: (input, view: AlertRuleView) => audit('alert.silenced', input.model, { rule: input.rule, until: view.silencedUntil ?? new Date().toISOString() }),
  async run(deps: AlertOperationDeps, input) {
    await ruleOf(deps, input.model, input.rule);
    await silenceRule(deps.monitoring, { model: input.model, name: input.rule }, new Date(Date.now() + parseDuration(input.for)));
    return ruleOf(deps, input.model, input.rule);
  },
});
