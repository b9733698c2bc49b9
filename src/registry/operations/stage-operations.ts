// Moving versions between stages: a stage move, and the rollback to the previous champion. Under an approval policy a
// move to production is refused (APPROVAL_REQUIRED) inside Registry.setStage; a rollback restores an approved champion.
import { z } from 'zod';
import { actorOf, defineOperation } from '../../operations/index.js';
import { modelName, movesOutput, reasonText, stageName, versionNumber, type RegistryOperationDeps } from './registry-operation-deps.js';

export const setStageOperation = defineOperation({
  name: 'registry.set_stage',
  summary: 'moving a version to another stage',
  input: z.object({ model: modelName, version: versionNumber, stage: stageName, reason: reasonText }),
  output: movesOutput,
  role: 'deployer',
  audit: 'store',
  changesServing: true,
  async run(deps: RegistryOperationDeps, input, caller) {
    return { model: input.model, moves: await deps.registry.setStage(input.model, input.version, input.stage, input.reason, actorOf(caller)) };
  },
});

export const rollbackOperation = defineOperation({
  name: 'registry.rollback',
  summary: 'rolling back to the previous production version',
  input: z.object({ model: modelName, reason: reasonText }),
  output: movesOutput,
  role: 'deployer',
  audit: 'store',
  changesServing: true,
  async run(deps: RegistryOperationDeps, input, caller) {
    return { model: input.model, moves: await deps.registry.rollback(input.model, input.reason, actorOf(caller)) };
  },
});
