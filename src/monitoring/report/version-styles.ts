// How a version is named and coloured throughout the monitoring report, so its header entry, table headings,
// bars and lines match; colours are the evaluation report's palette, in the order the report lists its versions.
import { versionColor } from '../../training/evaluation/version-style.js';
import type { MonitoringReport } from './monitoring-report.js';

export interface VersionStyle {
  /** `v3 (production)`, or `v3` for a version the report lists no role for. */
  readonly name: string;
  readonly color: string;
}

/** Versions that only appear in drift or the timeline get the next colours, in order of appearance. */
export function versionStyles(report: Pick<MonitoringReport, 'versions' | 'drift' | 'timeline'>): (version: number) => VersionStyle {
  const roles = new Map<number, string>();
  for (const v of report.versions) if (!roles.has(v.version)) roles.set(v.version, v.role);
  const order = [...new Set([...report.versions.map((v) => v.version), ...report.drift.map((d) => d.version), ...report.timeline.map((p) => p.version)])];
  const styles = new Map(order.map((version, index) => [version, { name: nameOf(version, roles.get(version)), color: versionColor(index) }]));
  return (version) => styles.get(version) ?? { name: nameOf(version, undefined), color: versionColor(order.length) };
}

function nameOf(version: number, role: string | undefined): string {
  return role ? `v${version} (${role})` : `v${version}`;
}
