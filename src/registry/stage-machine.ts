// The lifecycle as an explicit state machine: which stage moves are legal, and what else a move implies. Pure.
import { PitstopError } from '../errors/index.js';
import type { Stage, StageMove, VersionRecord } from '../store/index.js';

export const LEGAL_TRANSITIONS: Readonly<Record<Stage, readonly Stage[]>> = {
  registered: ['staging', 'decommissioned'],
  staging: ['production', 'registered', 'decommissioned'],
  production: ['decommissioned'],
  // production again is a rollback; archived is cold storage.
  decommissioned: ['production', 'archived'],
  // Restore from the archive.
  archived: ['decommissioned'],
};

export function legalMovesFrom(stage: Stage): readonly Stage[] {
  return LEGAL_TRANSITIONS[stage];
}

export interface StageChangeRequest {
  readonly version: number;
  readonly to: Stage;
  readonly reason: string;
}

/**
 * Plans a stage change. Moving a version into production decommissions the version(s) already there,
 * so that at most one version of a model is in production.
 */
export function planStageChange(versions: readonly VersionRecord[], request: StageChangeRequest): StageMove[] {
  const target = versions.find((v) => v.version === request.version);
  if (!target) {
    const model = versions[0]?.model ?? 'the model';
    throw new PitstopError('VERSION_NOT_FOUND', `${model} has no version ${request.version}; versions are ${versions.map((v) => v.version).join(', ') || '(none)'}`, { field: 'version' });
  }
  const legal = legalMovesFrom(target.stage);
  if (!legal.includes(request.to)) {
    const moves = legal.length > 0 ? legal.join(', ') : 'none';
    throw new PitstopError('ILLEGAL_STAGE_TRANSITION', `${target.model} v${target.version} cannot move from ${target.stage} to ${request.to}; legal moves from ${target.stage}: ${moves}`, {
      field: 'stage',
      details: { from: target.stage, to: request.to, legal },
    });
  }
  const moves: StageMove[] = [];
  if (request.to === 'production') {
    for (const current of versions) {
      if (current.stage === 'production' && current.version !== target.version) {
        moves.push({ version: current.version, from: 'production', to: 'decommissioned', reason: `replaced by v${target.version}: ${request.reason}` });
      }
    }
  }
  moves.push({ version: target.version, from: target.stage, to: request.to, reason: request.reason });
  return moves;
}
