// Every admin operation the server's doors expose, in one list: the governance matrix runs each of them, and a
// door that grows an action without an operation here has nothing to call.
import { archiveVersionOperation, deleteArchivedOperation, listArchiveOperation, restoreArchivedOperation, verifyArchiveOperation } from '../archive/archive-operations.js';
import { loadFeatureFileOperation, upsertFeatureRowsOperation } from '../features/index.js';
import { listAlertRulesOperation, monitoringReportOperation, removeAlertRuleOperation, runMonitoringOperation, setAlertRuleOperation, silenceAlertRuleOperation } from '../monitoring/index.js';
import type { Operation } from '../operations/index.js';
import * as registry from '../registry/operations/index.js';
import { createKeyOperation, listKeysOperation, revokeKeyOperation } from './auth/index.js';
import { deployRuleSetOperation, dryRunRuleSetOperation, rollbackRuleSetOperation } from './rule-sets/index.js';

export const ADMIN_OPERATIONS: readonly Operation<any, any, any>[] = [
  registry.setStageOperation, registry.rollbackOperation,
  registry.getPolicyOperation, registry.setPolicyOperation, registry.requestPromotionOperation, registry.listPromotionsOperation, registry.approvePromotionOperation, registry.rejectPromotionOperation,
  registry.setAliasOperation, registry.removeAliasOperation, registry.getTrafficOperation, registry.setTrafficOperation,
  listKeysOperation, createKeyOperation, revokeKeyOperation,
  deployRuleSetOperation, rollbackRuleSetOperation, dryRunRuleSetOperation,
  listAlertRulesOperation, setAlertRuleOperation, removeAlertRuleOperation, silenceAlertRuleOperation,
  upsertFeatureRowsOperation, loadFeatureFileOperation,
  listArchiveOperation, archiveVersionOperation, verifyArchiveOperation, restoreArchivedOperation, deleteArchivedOperation,
  monitoringReportOperation, runMonitoringOperation,
];
