// The admin API's views over many stores at once: the model list with health lights, the model page, alert rules with their states.
export { ModelOverview, ACTIVITY_WINDOW_MS, type ModelOverviewDeps, type ModelListEntry, type ModelListQuery, type ModelHealth } from './model-overview.js';
export { HEALTH_STATUSES, RED_DRIFT_SHARE, alertStatus, driftStatus, isPerformanceMetric, type HealthStatus } from './health-status.js';
