// Which stage each version was in, and when, from the model's audit events: the bars of the stage timeline. Pure.
import type { AuditEvent, Stage } from '../../api/types.js';

export interface StagePeriod {
  readonly version: number;
  readonly stage: Stage;
  readonly from: string;
  /** null: still in this stage. */
  readonly to: string | null;
}

export function stagePeriods(events: readonly AuditEvent[]): StagePeriod[] {
  const ordered = [...events].sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id);
  const open = new Map<number, { stage: Stage; from: string }>();
  const periods: StagePeriod[] = [];
  for (const event of ordered) {
    if (event.version === null) continue;
    const to = event.action === 'version.registered' ? 'registered' : event.action === 'version.stage_changed' ? event.toStage : null;
    if (!to) continue;
    const current = open.get(event.version);
    if (current) periods.push({ version: event.version, stage: current.stage, from: current.from, to: event.at });
    open.set(event.version, { stage: to, from: event.at });
  }
  for (const [version, current] of open) periods.push({ version, stage: current.stage, from: current.from, to: null });
  return periods.sort((a, b) => a.version - b.version || a.from.localeCompare(b.from));
}

/** What an audit event did, in words: "v2 staging → production". */
export function describeEvent(event: AuditEvent): string {
  const v = event.version !== null ? `v${event.version} ` : '';
  switch (event.action) {
    case 'version.registered': return `${v}registered`;
    case 'version.stage_changed': return `${v}${event.fromStage ?? '?'} → ${event.toStage ?? '?'}`;
    case 'alias.set': return `alias ${String(event.details.alias ?? '')} → ${v.trim()}`;
    case 'alias.removed': return `alias ${String(event.details.alias ?? '')} removed`;
    case 'traffic.set': return describeTraffic(event.details);
    case 'promotion.requested': return `${v}promotion requested`;
    case 'policy.updated': return 'promotion policy changed';
    default: return `${event.action.replaceAll('_', ' ')}${v ? ` (${v.trim()})` : ''}`;
  }
}

function describeTraffic(details: AuditEvent['details']): string {
  const split = (kind: string) => {
    const value = details[kind] as { version: number; percent: number } | null | undefined;
    return value ? `${kind} v${value.version} at ${value.percent}%` : `no ${kind}`;
  };
  return `traffic: ${split('canary')}, ${split('shadow')}`;
}
