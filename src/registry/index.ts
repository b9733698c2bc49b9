// The registry: models, versions, aliases, the lifecycle state machine and its audit trail.
export { Registry, type RegistryOptions, type RegisterResult, type ModelHistory, type PromotionOutcome } from './registry.js';
export { LEGAL_TRANSITIONS, legalMovesFrom, planStageChange, type StageChangeRequest } from './stage-machine.js';
export { productionVersionsAt } from './production-history.js';
