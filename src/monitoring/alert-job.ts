// One evaluation of every alert rule: the state machine on the latest metric values, state and state changes stored,
// notifications delivered (once per firing and once per resolution), and retraining started where a rule asks for it.
import { AlertStateSchema, evaluateRule, fingerprint, notificationFor, observationFor, type AlertRule, type Notifier } from '../alerts/index.js';
import type { AlertEventRecord, MonitoringStore } from '../store/index.js';

export interface AlertJobDeps {
  readonly monitoring: MonitoringStore;
  readonly notifier: Notifier;
  /** Called once when a rule with `retrain: true` starts firing (and the notification went out). */
  readonly onRetrain?: (rule: AlertRule) => Promise<void>;
}

export async function evaluateAlerts(
  deps: AlertJobDeps, rules: readonly AlertRule[], metricsOf: (model: string) => Promise<Record<string, number | null>>, now: Date,
): Promise<AlertEventRecord[]> {
  const events: AlertEventRecord[] = [];
  const metricsByModel = new Map<string, Record<string, number | null>>();
  for (const rule of rules) {
    if (!metricsByModel.has(rule.model)) metricsByModel.set(rule.model, await metricsOf(rule.model));
    const id = fingerprint(rule);
    const stored = await deps.monitoring.getAlertState(id);
    const previous = stored?.state ? AlertStateSchema.parse(stored.state) : undefined;
    const silencedUntil = stored?.silencedUntil ? new Date(stored.silencedUntil) : undefined;
    const { state, transition } = evaluateRule(rule, previous, observationFor(rule, metricsByModel.get(rule.model)!, now), silencedUntil);
    await deps.monitoring.saveAlertState({ fingerprint: id, model: rule.model, ruleName: rule.name, state, silencedUntil: stored?.silencedUntil ?? null });
    if (!transition) continue;
    const notification = notificationFor(rule, transition, state);
    const deliveries = notification ? await deps.notifier.notify(rule, notification) : [];
    events.push(
      await deps.monitoring.appendAlertEvent({
        fingerprint: id, model: rule.model, ruleName: rule.name, metric: rule.metric, fromStatus: transition.from, toStatus: transition.to,
        at: transition.at.toISOString(), value: transition.value, threshold: rule.threshold, severity: rule.severity, silenced: transition.silenced, deliveries,
      }),
    );
    if (notification?.status === 'firing' && rule.retrain && deps.onRetrain) await deps.onRetrain(rule);
  }
  return events;
}

/** Silences a rule until a time: it keeps its state, but sends nothing (see evaluateRule). */
export async function silenceRule(monitoring: MonitoringStore, rule: Pick<AlertRule, 'model' | 'name'>, until: Date): Promise<void> {
  const id = fingerprint(rule);
  const stored = await monitoring.getAlertState(id);
  await monitoring.saveAlertState({ fingerprint: id, model: rule.model, ruleName: rule.name, state: stored?.state ?? null, silencedUntil: until.toISOString() });
}
