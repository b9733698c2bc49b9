// The changes an operator can make to one version or the model, each with the sentence-by-sentence account of what
// will happen that the confirmation dialog shows. The server has the last word (legal moves, roles, approvals).
import type { ApiClient } from '../../api/api-client.js';
import type { ModelDetail, PromotionOutcome, Stage, VersionDetail } from '../../api/types.js';
import type { ConfirmAction } from '../../components/confirm-dialog.js';
import { pathOf } from '../../router.js';

export interface VersionAction {
  readonly key: string;
  readonly label: string;
  readonly action: ConfirmAction;
}

const modelPath = (name: string) => `/admin${pathOf('models', name)}`;

export function productionVersion(detail: ModelDetail): VersionDetail | undefined {
  return detail.versions.find((v) => v.stage === 'production');
}

/** `isAdmin`: archiving needs an admin key (it is hard to undo). */
export function versionActions(api: ApiClient, detail: ModelDetail, version: VersionDetail, isAdmin: boolean): VersionAction[] {
  const name = detail.model.name;
  const v = `v${version.version}`;
  const actions: VersionAction[] = [];
  const move = (key: string, label: string, to: Stage, title: string, consequences: string[], danger = false): VersionAction => ({
    key, label,
    action: {
      title, consequences, confirmLabel: label, danger, reason: {},
      run: async (reason) => {
        await api.post(`${modelPath(name)}/versions/${version.version}/stage`, { stage: to, reason });
        return `${name} ${v} is now ${to}.`;
      },
    },
  });
  if (['registered', 'staging', 'decommissioned'].includes(version.stage)) actions.push(promoteAction(api, detail, version));
  if (version.stage === 'registered') {
    actions.push(move('staging', 'Move to staging', 'staging', `Move ${name} ${v} to staging?`, [
      `${v} will be loaded by every server and answer callers who ask for it (?version=${version.version}).`,
      'Production traffic does not change.',
    ]));
  }
  if (version.stage === 'staging') {
    actions.push(move('unstage', 'Back to registered', 'registered', `Take ${name} ${v} out of staging?`, [`${v} stops being served; callers pinning it get an error.`, 'Production traffic does not change.']));
  }
  if (['registered', 'staging', 'production'].includes(version.stage)) {
    const consequences = version.stage === 'production'
      ? [`${v} leaves production and is drained: requests in flight finish, then it is unloaded.`, `${name} will have no version in production: callers that do not pin a version get an error until another version is promoted.`]
      : [`${v} stops being served and can no longer be promoted without a rollback.`, 'Production traffic does not change.'];
    actions.push(move('decommission', 'Decommission', 'decommissioned', `Decommission ${name} ${v}?`, consequences, version.stage === 'production'));
  }
  if (version.stage === 'decommissioned' && isAdmin) actions.push(archiveAction(api, name, version));
  return actions;
}

function promoteAction(api: ApiClient, detail: ModelDetail, version: VersionDetail): VersionAction {
  const name = detail.model.name;
  const v = `v${version.version}`;
  const current = productionVersion(detail);
  const consequences: string[] = [];
  if (detail.policy?.requireApproval) {
    consequences.push(`${name} requires a second admin's approval for production: this files a request in the approval queue, and nothing changes until another admin approves it.`);
  }
  if (version.stage === 'registered') consequences.push(`${v} moves through staging first.`);
  consequences.push(current ? `v${current.version}, now in production, will be decommissioned and drained: requests in flight finish on it, then it is unloaded.` : `No version is in production now: ${v} will answer every caller that does not pin a version.`);
  consequences.push(`${v} answers production traffic${detail.traffic?.canary ? ` (the canary on v${detail.traffic.canary.version} keeps its ${detail.traffic.canary.percent}%)` : ''}.`);
  return {
    key: 'promote',
    label: detail.policy?.requireApproval ? 'Request promotion' : 'Promote',
    action: {
      title: `Promote ${name} ${v} to production?${current ? ` v${current.version} will be decommissioned and drained.` : ''}`,
      consequences,
      confirmLabel: detail.policy?.requireApproval ? 'Request approval' : 'Promote',
      reason: { placeholder: 'e.g. passed offline evaluation, A/B won' },
      run: async (reason) => {
        const outcome = await api.post<PromotionOutcome>(`${modelPath(name)}/promotions`, { version: version.version, reason });
        if (outcome.status === 'pending') return `Promotion request #${outcome.request?.id ?? '?'} for ${v} waits in the approval queue for another admin.`;
        return `${name} ${v} is in production${current ? `; v${current.version} was decommissioned` : ''}.`;
      },
    },
  };
}

function archiveAction(api: ApiClient, name: string, version: VersionDetail): VersionAction {
  const v = `v${version.version}`;
  return {
    key: 'archive',
    label: 'Archive',
    action: {
      title: `Archive ${name} ${v}?`,
      consequences: [
        `The package goes to cold storage with a manifest of every file's digest, kept at least as long as the server's retention setting.`,
        `${v} can still be replayed and explained from the archive, and restored to decommissioned later.`,
      ],
      confirmLabel: 'Archive',
      reason: { placeholder: 'e.g. replaced by a newer version' },
      run: async (reason) => {
        await api.post(`${modelPath(name)}/versions/${version.version}/archive`, { reason });
        return `${name} ${v} is archived.`;
      },
    },
  };
}

/** The version a rollback brings back: the last one to leave production other than the current one. */
export function rollbackTarget(detail: ModelDetail): VersionDetail | undefined {
  const current = productionVersion(detail);
  if (!current) return undefined;
  const previous = [...detail.history].sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id).reverse()
    .find((e) => e.fromStage === 'production' && e.version !== null && e.version !== current.version);
  return previous ? detail.versions.find((v) => v.version === previous.version) : undefined;
}

export function rollbackAction(api: ApiClient, detail: ModelDetail): ConfirmAction | null {
  const current = productionVersion(detail);
  const target = rollbackTarget(detail);
  if (!current || !target) return null;
  const name = detail.model.name;
  return {
    title: `Roll ${name} back from v${current.version} to v${target.version}?`,
    consequences: [
      `v${target.version}, the previous production version, comes back to production (no approval needed: it was approved before).`,
      `v${current.version} will be decommissioned and drained.`,
      ...(target.stage !== 'decommissioned' ? [`v${target.version} is ${target.stage}: the server will refuse unless it is restored to decommissioned first.`] : []),
    ],
    confirmLabel: 'Roll back',
    danger: true,
    reason: { placeholder: `e.g. v${current.version} misbehaves` },
    run: async (reason) => {
      await api.post(`${modelPath(name)}/rollback`, { reason });
      return `${name} rolled back: v${target.version} is in production again.`;
    },
  };
}
