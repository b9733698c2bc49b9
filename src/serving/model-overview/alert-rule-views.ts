// A model's alert rules as the admin GUI shows them: the monitoring file's and those added over the API or the CLI
// (a stored rule of the same name replaces the file's, as the monitoring pass does), each with its current state.
import { AlertRuleSchema, AlertStateSchema, type AlertRule } from '../../alerts/index.js';
import type { StoredAlertRule, StoredAlertState } from '../../store/index.js';

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
  const rules = new Map<string, { rule: AlertRule; source: AlertRuleView['source'] }>();
  for (const rule of configRules) rules.set(JSON.stringify([rule.model, rule.name]), { rule, source: 'config' });
  for (const row of stored) {
    const parsed = AlertRuleSchema.safeParse(row.rule);
    if (parsed.success) rules.set(JSON.stringify([row.model, row.name]), { rule: parsed.data, source: 'api' });
  }
  const stateOf = new Map(states.map((s) => [JSON.stringify([s.model, s.ruleName]), s]));
  const byModel = new Map<string, AlertRuleView[]>();
  for (const [key, { rule, source }] of rules) {
    const stored = stateOf.get(key);
    const parsed = stored?.state ? AlertStateSchema.safeParse(stored.state) : undefined;
    const state = parsed?.success ? parsed.data : null;
    const silencedUntil = stored?.silencedUntil && Date.parse(stored.silencedUntil) > now.getTime() ? stored.silencedUntil : null;
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
