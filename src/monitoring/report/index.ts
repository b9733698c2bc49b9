// The monitoring report: its plain-JSON shape (what the monitoring job writes and the admin API serves), the
// self-contained HTML page `pitstop monitor --html` writes, and the text table the CLI prints.
export type {
  AlertEvent,
  AlertSeverity,
  AlertStatus,
  FeaturePoint,
  MonitoringReport,
  MonitoringTask,
  OperationalPoint,
  PerformancePoint,
  ReportWindow,
  TimelinePoint,
  VersionDrift,
  VersionTraffic,
} from './monitoring-report.js';
export { timelineFeatures } from './timeline-features.js';
export { featureVerdict, featuresByConcern, type FeatureVerdict } from './feature-verdict.js';
export { alertLanes, type AlertLane, type AlertPeriod } from './alert-lanes.js';
export { renderMonitoringReport } from './render-monitoring-report.js';
export { formatMonitoringTable } from './format-monitoring-table.js';
