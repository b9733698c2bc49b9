// Reading the report's timeline for charts: its time span, and each version's points in time order.
import type { Domain } from '../../training/evaluation/svg-chart.js';
import type { MonitoringReport, TimelinePoint } from './monitoring-report.js';
import { parseInstant } from './time-axis.js';

/** A timeline point with its window's end as a number: where the point is drawn. */
export interface PlacedPoint {
  readonly t: number;
  readonly point: TimelinePoint;
}

/**
 * From the first window or alert to the end of the report's window (or the last of them when later): a model served
 * for the last ten minutes of a 24h report is drawn across the chart, not as a sliver at its right edge. The report's
 * window when it holds neither; [0, 1] when that is not a date either.
 */
export function timeDomain(report: Pick<MonitoringReport, 'window' | 'timeline' | 'alerts'>): Domain {
  const times = [...report.timeline.flatMap((p) => [parseInstant(p.windowStart), parseInstant(p.windowEnd)]), ...report.alerts.map((a) => parseInstant(a.at))].filter((t): t is number => t !== null);
  const to = parseInstant(report.window.to);
  const bounds = [parseInstant(report.window.from), to].filter((t): t is number => t !== null);
  if (times.length === 0) return bounds.length === 0 ? [0, 1] : [Math.min(...bounds), Math.max(...bounds)];
  return [Math.min(...times), Math.max(...times, ...(to === null ? [] : [to]))];
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
