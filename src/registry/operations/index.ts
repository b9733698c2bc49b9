// The registry's admin operations (src/operations): every door runs these, none re-implements them.
export { type RegistryOperationDeps } from './registry-operation-deps.js';
export { setStageOperation, rollbackOperation } from './stage-operations.js';
export { getPolicyOperation, setPolicyOperation, requestPromotionOperation, listPromotionsOperation, approvePromotionOperation, rejectPromotionOperation } from './promotion-operations.js';
export { setAliasOperation, removeAliasOperation, aliasOperations } from './alias-operations.js';
export { getTrafficOperation, setTrafficOperation } from './traffic-operations.js';
