import { describe, expect, it } from 'vitest';
import { STAGES, type Stage, type VersionRecord } from '../store/index.js';
import { LEGAL_TRANSITIONS, planStageChange } from './stage-machine.js';

function version(n: number, stage: Stage): VersionRecord {
  return {
    model: 'iris', version: n, stage, packageDigest: `d${n}`, artifactKey: 'k', artifactSize: 1, label: String(n), task: 'classification',
    description: null, tags: {}, manifest: {}, signedBy: null, registeredBy: 'u', registeredAt: '', stageChangedAt: '',
  };
}

describe('the lifecycle state machine', () => {
  it('allows the documented path registered → staging → production → decommissioned → archived', () => {
    const path: Stage[] = ['registered', 'staging', 'production', 'decommissioned', 'archived'];
    for (let i = 0; i + 1 < path.length; i++) {
      expect(planStageChange([version(1, path[i]!)], { version: 1, to: path[i + 1]!, reason: 'r' })).toEqual([
        { version: 1, from: path[i], to: path[i + 1], reason: 'r' },
      ]);
    }
  });

  it('allows rollback (decommissioned → production) and restore (archived → decommissioned)', () => {
    expect(planStageChange([version(1, 'decommissioned')], { version: 1, to: 'production', reason: 'rollback' })).toHaveLength(1);
    expect(planStageChange([version(1, 'archived')], { version: 1, to: 'decommissioned', reason: 'restore' })).toHaveLength(1);
  });

  it('refuses every move the table does not list, naming the legal moves', () => {
    for (const from of STAGES) {
      for (const to of STAGES) {
        if (LEGAL_TRANSITIONS[from].includes(to)) continue;
        expect(() => planStageChange([version(1, from)], { version: 1, to, reason: 'r' }), `${from} → ${to}`).toThrow(
          expect.objectContaining({ code: 'ILLEGAL_STAGE_TRANSITION', message: expect.stringContaining(`legal moves from ${from}: ${LEGAL_TRANSITIONS[from].join(', ')}`) }),
        );
      }
    }
  });

  it('refuses to promote an archived version straight to production', () => {
    expect(() => planStageChange([version(1, 'archived')], { version: 1, to: 'production', reason: 'r' })).toThrow(/cannot move from archived to production; legal moves from archived: decommissioned/);
  });

  it('decommissions the current production version when another is promoted, in the same plan', () => {
    const moves = planStageChange([version(1, 'production'), version(2, 'staging')], { version: 2, to: 'production', reason: 'better AUC' });
    expect(moves).toEqual([
      { version: 1, from: 'production', to: 'decommissioned', reason: 'replaced by v2: better AUC' },
      { version: 2, from: 'staging', to: 'production', reason: 'better AUC' },
    ]);
  });

  it('says VERSION_NOT_FOUND for a version the model does not have', () => {
    expect(() => planStageChange([version(1, 'staging')], { version: 7, to: 'production', reason: 'r' })).toThrow(expect.objectContaining({ code: 'VERSION_NOT_FOUND' }));
  });
});
