// A model's alert rules, their state now, a way to silence one, and the history of their state changes.
import { useState } from 'react';
import type { AlertRuleState, ModelAlerts } from '../../api/types.js';
import type { ConfirmAction } from '../../components/confirm-dialog.js';
import { Empty } from '../../components/page.js';
import { StatusPill } from '../../components/status-pill.js';
import { formatNumber, formatRelative, formatTime } from '../../format.js';
import { pathOf } from '../../router.js';
import { useApi, useSession } from '../../session.js';

const SILENCE_FOR = ['1h', '4h', '24h', '7d'] as const;
const HOURS: Record<(typeof SILENCE_FOR)[number], number> = { '1h': 1, '4h': 4, '24h': 24, '7d': 168 };

function stateLight(rule: AlertRuleState) {
  if (rule.state === 'firing') return rule.severity === 'info' ? 'amber' : 'red';
  if (rule.state === 'pending') return 'amber';
  return rule.since === null ? 'unknown' : 'green';
}

const STATE_WORDS = { firing: 'Firing', pending: 'Pending', ok: 'OK' } as const;

export function AlertsPanel({ model, alerts, onAction }: { model: string; alerts: ModelAlerts; onAction: (action: ConfirmAction) => void }) {
  const { can } = useSession();
  const firing = alerts.rules.filter((r) => r.state === 'firing');
  const history = [...alerts.events].sort((a, b) => b.at.localeCompare(a.at)).slice(0, 50);
  return (
    <div>
      <p>{firing.length > 0 ? `${firing.length} of ${alerts.rules.length} rules are firing.` : alerts.rules.length > 0 ? `None of the ${alerts.rules.length} rules is firing.` : 'No alert rules for this model (add one with `pitstop alerts add`).'}</p>
      {alerts.rules.length > 0 && (
        <table className="table">
          <thead><tr><th>Rule</th><th>Fires when</th><th>Severity</th><th>State</th><th>Silenced</th>{can('deployer') && <th>Silence</th>}</tr></thead>
          <tbody>
            {alerts.rules.map((rule) => (
              <tr key={rule.name} data-rule={rule.name}>
                <td className="strong">{rule.name}<div className="muted small">{rule.description ?? (rule.source === 'config' ? 'from the monitoring file' : 'added over the API')}</div></td>
                <td><code>{rule.metric} {rule.op} {formatNumber(rule.threshold)}</code>{rule.for && rule.for !== '0s' ? ` for ${rule.for}` : ''}</td>
                <td><span className={`severity severity-${rule.severity}`}>{rule.severity}</span></td>
                <td>
                  <StatusPill light={stateLight(rule)} label={rule.since === null ? 'Not evaluated yet' : STATE_WORDS[rule.state]} />
                  {rule.since && <div className="muted small">since {formatRelative(rule.since)}{rule.lastValue !== null ? `, last value ${formatNumber(rule.lastValue)}` : ''}</div>}
                </td>
                <td>{rule.silencedUntil && Date.parse(rule.silencedUntil) > Date.now() ? <><span className="pill pill-amber">Silenced</span><div className="small">until {formatTime(rule.silencedUntil)}</div></> : <span className="muted">no</span>}</td>
                {can('deployer') && <td className="nowrap"><SilenceForm model={model} rule={rule} onAction={onAction} /></td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Firing history</h3>
      {history.length === 0 ? <Empty>No alert changed state in this period.</Empty> : (
        <table className="table compact">
          <thead><tr><th>When</th><th>Rule</th><th>Change</th><th className="num">Value</th><th className="num">Threshold</th><th>Notified</th></tr></thead>
          <tbody>
            {history.map((e) => (
              <tr key={e.id}>
                <td title={formatTime(e.at)}>{formatRelative(e.at)}</td>
                <td>{e.ruleName}</td>
                <td>{e.fromStatus} → <span className={e.toStatus === 'firing' ? 'danger-text strong' : undefined}>{e.toStatus}</span></td>
                <td className="num">{formatNumber(e.value)}</td>
                <td className="num">{formatNumber(e.threshold)}</td>
                <td>{e.silenced ? 'silenced' : 'yes'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function SilenceForm({ model, rule, onAction }: { model: string; rule: AlertRuleState; onAction: (action: ConfirmAction) => void }) {
  const api = useApi();
  const [duration, setDuration] = useState<(typeof SILENCE_FOR)[number]>('1h');
  const until = new Date(Date.now() + HOURS[duration] * 3_600_000).toISOString();
  const silence = (): ConfirmAction => ({
    title: `Silence “${rule.name}” on ${model} for ${duration}?`,
    consequences: [
      `No notification is sent for this rule until ${formatTime(until)}.`,
      'It is still evaluated, its state changes are still recorded here, and it notifies again when the silence ends.',
    ],
    confirmLabel: `Silence for ${duration}`,
    run: async () => {
      await api.post(`/admin${pathOf('models', model, 'alerts', rule.name)}/silence`, { for: duration });
      return `${rule.name} is silenced for ${duration}.`;
    },
  });
  return (
    <form className="inline-form" aria-label={`Silence ${rule.name}`} onSubmit={(e) => { e.preventDefault(); onAction(silence()); }}>
      <select value={duration} onChange={(e) => setDuration(e.target.value as (typeof SILENCE_FOR)[number])} aria-label="Silence for">
        {SILENCE_FOR.map((d) => <option key={d} value={d}>{d}</option>)}
      </select>
      <button type="submit" className="small">Silence…</button>
    </form>
  );
}
