// Reading the report's timeline for charts: its time span, and each version's points in time order.
import type { Domain } from '../../training/evaluation/svg-chart.js';
import type { MonitoringReport, TimelinePoint } from './monitoring-report.js';
import { parseInstant } from './time-axis.js';

/** A timeline point with its window's end as a number: where the point is drawn. */
export interface PlacedPoint {
  readonly t: number;
  readonly point: TimelinePoint;
}

/** The report's window, widened to any window or alert outside it; their own span if the window is not a date. */
export function timeDomain(report: Pick<MonitoringReport, 'window' | 'timeline' | 'alerts'>): Domain {
  const times = [...report.timeline.flatMap((p) => [parseInstant(p.windowStart), parseInstant(p.windowEnd)]), ...report.alerts.map((a) => parseInstant(a.at))].filter((t): t is number => t !== null);
  const bounds = [parseInstant(report.window.from), parseInstant(report.window.to)].filter((t): t is number => t !== null);
  const all = [...bounds, ...times];
  if (all.length === 0) return [0, 1];
  return [Math.min(...all), Math.max(...all)];
}

/** Each version's points, oldest first, in the order versions first appear; points whose window end is not a date are left out. */
export function pointsByVersion(timeline: readonly TimelinePoint[]): Map<number, PlacedPoint[]> {
  const byVersion = new Map<number, PlacedPoint[]>();
  for (const point of timeline) {
    const t = parseInstant(point.windowEnd);
    if (t === null) continue;
    const list = byVersion.get(point.version) ?? [];
    list.push({ t, point });
    byVersion.set(point.version, list);
  }
  for (const list of byVersion.values()) list.sort((a, b) => a.t - b.t);
  return byVersion;
}

/** `14:00–15:00 UTC` style description of a point's window, for tooltips. */
export function windowText(point: TimelinePoint): string {
  const short = (iso: string) => {
    const t = parseInstant(iso);
    return t === null ? iso : new Date(t).toISOString().slice(0, 16).replace('T', ' ');
  };
  return `${short(point.windowStart)} → ${short(point.windowEnd)} UTC`;
}
