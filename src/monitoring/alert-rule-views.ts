// The one merge of alert rules: the monitoring file's and those added over the API or the CLI (a stored rule of the same
// model and name replaces the file's). The monitoring pass evaluates what effectiveAlertRules answers; every door shows
// alertRuleViews, the same rules with their current states.
import { AlertRuleSchema, AlertStateSchema, type AlertRule } from '../alerts/index.js';
import type { StoredAlertRule, StoredAlertState } from '../store/index.js';

/** The rules in force, each with where it comes from. Stored rules that no longer parse are left out. */
export function effectiveAlertRules(configRules: readonly AlertRule[], stored: readonly StoredAlertRule[]): { rule: AlertRule; source: 'config' | 'api' }[] {
  const rules = new Map<string, { rule: AlertRule; source: 'config' | 'api' }>();
  for (const rule of configRules) rules.set(JSON.stringify([rule.model, rule.name]), { rule, source: 'config' });
  for (const row of stored) {
    const parsed = AlertRuleSchema.safeParse(row.rule);
    if (parsed.success) rules.set(JSON.stringify([row.model, row.name]), { rule: parsed.data, source: 'api' });
  }
  return [...rules.values()];
}

export interface AlertRuleView extends AlertRule {
  /** config: from the monitoring file (change it there); api: stored, added with the API or `pitstop alerts add`. */
  readonly source: 'config' | 'api';
  /** ok covers never breached and resolved. */
  readonly state: 'ok' | 'pending' | 'firing';
  /** When the current state began (null: never evaluated). */
  readonly since: string | null;
  /** Until when notifications are held back (null: not silenced, or no longer). */
  readonly silencedUntil: string | null;
  /** The metric's value at the last evaluation (null: never evaluated, or no data). */
  readonly lastValue: number | null;
}

/** Rules with their states, by model, each model's rules by name. Stored rules that no longer parse are left out. */
export function alertRuleViews(
  configRules: readonly AlertRule[], stored: readonly StoredAlertRule[], states: readonly StoredAlertState[], now: Date,
): Map<string, AlertRuleView[]> {
  const stateOf = new Map(states.map((s) => [JSON.stringify([s.model, s.ruleName]), s]));
  const byModel = new Map<string, AlertRuleView[]>();
  for (const { rule, source } of effectiveAlertRules(configRules, stored)) {
    const current = stateOf.get(JSON.stringify([rule.model, rule.name]));
    const parsed = current?.state ? AlertStateSchema.safeParse(current.state) : undefined;
    const state = parsed?.success ? parsed.data : null;
    const silencedUntil = current?.silencedUntil && Date.parse(current.silencedUntil) > now.getTime() ? current.silencedUntil : null;
    const view: AlertRuleView = {
      ...rule, source,
      state: state?.status === 'firing' ? 'firing' : state?.status === 'pending' ? 'pending' : 'ok',
      since: state ? state.since.toISOString() : null,
      silencedUntil,
      lastValue: state?.lastValue ?? null,
    };
    byModel.set(rule.model, [...(byModel.get(rule.model) ?? []), view]);
  }
  for (const views of byModel.values()) views.sort((a, b) => a.name.localeCompare(b.name));
  return byModel;
}
