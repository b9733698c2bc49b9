// Canary and shadow: how much of a model's traffic goes to which version, and the form that changes it.
import { useState } from 'react';
import type { ModelDetail, Split, Traffic } from '../../api/types.js';
import type { ConfirmAction } from '../../components/confirm-dialog.js';
import { pathOf } from '../../router.js';
import { useApi, useSession } from '../../session.js';
import { productionVersion } from './version-actions.js';

type Kind = 'canary' | 'shadow';

export function TrafficPanel({ detail, onAction }: { detail: ModelDetail; onAction: (action: ConfirmAction) => void }) {
  const { can } = useSession();
  const traffic: Traffic = detail.traffic ?? { canary: null, shadow: null };
  const production = productionVersion(detail);
  const canaryShare = traffic.canary?.percent ?? 0;
  // Only staging versions are loaded beside production, so only they can take a share.
  const staging = detail.versions.filter((v) => v.stage === 'staging').map((v) => v.version);
  return (
    <div className="traffic">
      <div className="traffic-bar" aria-label="How production traffic is split">
        <div className={production ? 'traffic-main' : 'traffic-main traffic-none'} style={{ flexGrow: 100 - canaryShare }}>{production ? `v${production.version} production ${100 - canaryShare}%` : 'no production version'}</div>
        {traffic.canary && <div className="traffic-canary" style={{ flexGrow: canaryShare }}>v{traffic.canary.version} canary {traffic.canary.percent}%</div>}
      </div>
      <p className="muted small">
        {traffic.shadow ? `Shadow: ${traffic.shadow.percent}% of requests are also sent to v${traffic.shadow.version}; its answers are logged, never returned.` : 'No shadow version.'}
      </p>
      {can('deployer') && (staging.length === 0 ? (
        <p className="muted small">To send a canary or shadow share to a version, move it to staging first.</p>
      ) : (
        <div className="traffic-forms">
          <SplitForm kind="canary" detail={detail} candidates={staging} current={traffic.canary} onAction={onAction} />
          <SplitForm kind="shadow" detail={detail} candidates={staging} current={traffic.shadow} onAction={onAction} />
        </div>
      ))}
    </div>
  );
}

function SplitForm({ kind, detail, candidates, current, onAction }: { kind: Kind; detail: ModelDetail; candidates: readonly number[]; current: Split | null; onAction: (action: ConfirmAction) => void }) {
  const api = useApi();
  const [version, setVersion] = useState<number>(current && candidates.includes(current.version) ? current.version : (candidates[0] ?? 0));
  const [percent, setPercent] = useState<string>(String(current?.percent ?? (kind === 'canary' ? 10 : 100)));
  const name = detail.model.name;
  const path = `/admin${pathOf('models', name)}/traffic`;
  const production = productionVersion(detail);
  const value = Number(percent);
  const valid = version > 0 && percent.trim() !== '' && value >= 0 && value <= 100;
  const set = (): ConfirmAction => ({
    title: kind === 'canary' ? `Send ${value}% of ${name} traffic to v${version} as a canary?` : `Shadow ${value}% of ${name} traffic to v${version}?`,
    consequences: kind === 'canary'
      ? [
          `v${version} answers ${value}% of requests that do not pin a version; ${production ? `v${production.version} (production) answers the other ${100 - value}%` : 'there is no production version for the rest'}.`,
          'Callers that send an X-Caller-Key header stay on the same version from request to request.',
          ...(current ? [`This replaces the current canary (v${current.version}, ${current.percent}%).`] : []),
        ]
      : [
          `${value}% of requests are also run on v${version}; its answers are logged with route "shadow" and never returned to callers.`,
          ...(current ? [`This replaces the current shadow (v${current.version}, ${current.percent}%).`] : []),
        ],
    confirmLabel: kind === 'canary' ? 'Set canary' : 'Set shadow',
    run: async () => {
      await api.put(path, { [kind]: { version, percent: value } });
      return `${name}: ${kind} v${version} at ${value}%.`;
    },
  });
  const clear = (): ConfirmAction => ({
    title: `Remove the ${kind} of ${name}?`,
    consequences: kind === 'canary' ? [`v${current!.version} stops answering; ${production ? `v${production.version} (production) answers every request again` : 'no version answers unpinned requests'}.`] : [`v${current!.version} no longer sees a copy of the traffic.`],
    confirmLabel: `Remove ${kind}`,
    danger: true,
    run: async () => {
      await api.put(path, { [kind]: null });
      return `${name}: no ${kind} any more.`;
    },
  });
  return (
    <form className="inline-form" aria-label={`Set ${kind}`} onSubmit={(e) => { e.preventDefault(); if (valid) onAction(set()); }}>
      <span className="form-label">{kind === 'canary' ? 'Canary' : 'Shadow'}</span>
      <label>version
        <select name={`${kind}-version`} value={version} onChange={(e) => setVersion(Number(e.target.value))}>
          {candidates.map((v) => <option key={v} value={v}>v{v} (staging)</option>)}
        </select>
      </label>
      <label>percent
        <input name={`${kind}-percent`} type="number" min={0} max={100} step="any" value={percent} onChange={(e) => setPercent(e.target.value)} />
      </label>
      <button type="submit" disabled={!valid}>Set {kind}…</button>
      {current && <button type="button" className="link danger-text" onClick={() => onAction(clear())}>Remove {kind}</button>}
    </form>
  );
}
