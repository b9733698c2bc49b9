// Monitoring: window sketches of what each served version sees and says, drift and performance from them, alert rules
// evaluated on a schedule, and retraining when a rule asks for it.
export { MonitoringService, type MonitoringPass, type MonitoringServiceDeps, type PassOptions } from './monitoring-service.js';
export { parseMonitoringConfig, emptyMonitoringConfig, DEFAULT_WINDOW_MS, type MonitoringConfig } from './monitoring-config.js';
export { silenceRule } from './alert-job.js';
export { alertRuleViews, effectiveAlertRules, type AlertRuleView } from './alert-rule-views.js';
export { listAlertRulesOperation, setAlertRuleOperation, removeAlertRuleOperation, silenceAlertRuleOperation, type AlertOperationDeps } from './alert-rule-operations.js';
export { WindowDrift, windowLatencyQuantile } from './window-drift.js';
export { retrainModel, type RetrainPolicy, type RetrainOutcome } from './retraining.js';
export { renderMonitoringReport, formatMonitoringTable, type MonitoringReport } from './report/index.js';
export { monitoringReportOperation, runMonitoringOperation, type MonitoringOperationDeps } from './monitoring-operations.js';
