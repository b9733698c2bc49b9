// "Drift over time": the share of features drifted per window, then one small chart per feature of its statistic per
// window against its threshold (p-values on a log axis for tests), features drifted in the latest window first.
import type { Domain } from '../../training/evaluation/svg-chart.js';
import { formatCount, formatPercent } from '../../training/evaluation/report-format.js';
import { decidesByPValue, formatStatistic, formatThreshold, methodName } from './drift-format.js';
import type { FeaturePoint, MonitoringReport } from './monitoring-report.js';
import { pointsByVersion, windowText, type PlacedPoint } from './timeline-series.js';
import { timeSeriesChart, type TimeGuide, type TimeSeries } from './time-series-chart.js';
import type { VersionStyle } from './version-styles.js';

/** Beyond this many feature charts, features that never drifted in the period are left out (and counted). */
export const MAX_FEATURE_TIMELINES = 24;

/** One feature measured by one method: a feature whose method changed with the window size gets a chart per method. */
export interface FeatureTrack {
  readonly feature: string;
  readonly method: string;
  /** Per version, its windows that measured this feature by this method. */
  readonly versions: Map<number, { t: number; entry: FeaturePoint; placed: PlacedPoint }[]>;
  readonly latestDrifted: boolean;
  readonly everDrifted: boolean;
}

export function driftTimelineCharts(report: MonitoringReport, styleOf: (version: number) => VersionStyle, time: Domain): { charts: string[]; left: number } {
  const tracks = featureTracks(report);
  const shown = tracks.filter((t) => t.everDrifted);
  const calm = tracks.filter((t) => !t.everDrifted);
  const room = Math.max(0, MAX_FEATURE_TIMELINES - shown.length);
  const methodsOf = new Map<string, number>();
  for (const track of tracks) methodsOf.set(track.feature, (methodsOf.get(track.feature) ?? 0) + 1);
  const charts = [...shown, ...calm.slice(0, room)].map((track) => trackChart(track, (methodsOf.get(track.feature) ?? 1) > 1, styleOf, time));
  const share = shareChart(report, styleOf, time);
  return { charts: share === null ? charts : [share, ...charts], left: Math.max(0, calm.length - room) };
}

/** Every (feature, method) in the timeline: drifted in a version's latest window first, then drifted at some point, then the rest; ties in order of appearance. */
export function featureTracks(report: Pick<MonitoringReport, 'timeline'>): FeatureTrack[] {
  const tracks = new Map<string, { feature: string; method: string; versions: Map<number, { t: number; entry: FeaturePoint; placed: PlacedPoint }[]> }>();
  const byVersion = pointsByVersion(report.timeline);
  for (const [version, placed] of byVersion) {
    for (const p of placed) {
      for (const [feature, entry] of Object.entries(p.point.features)) {
        const key = JSON.stringify([feature, entry.method]);
        const track = tracks.get(key) ?? { feature, method: entry.method, versions: new Map() };
        tracks.set(key, track);
        const list = track.versions.get(version) ?? [];
        list.push({ t: p.t, entry, placed: p });
        track.versions.set(version, list);
      }
    }
  }
  const ranked = [...tracks.values()].map((track, index) => {
    const latestDrifted = [...track.versions.keys()].some((version) => {
      const latest = byVersion.get(version)!.at(-1)!.point.features;
      const entry = Object.hasOwn(latest, track.feature) ? latest[track.feature] : undefined;
      return entry?.method === track.method && entry.drifted;
    });
    const everDrifted = [...track.versions.values()].some((list) => list.some(({ entry }) => entry.drifted));
    return { track: { ...track, latestDrifted, everDrifted }, index, rank: latestDrifted ? 0 : everDrifted ? 1 : 2 };
  });
  return ranked.sort((a, b) => a.rank - b.rank || a.index - b.index).map(({ track }) => track);
}

function trackChart(track: FeatureTrack, titleWithMethod: boolean, styleOf: (version: number) => VersionStyle, time: Domain): string {
  const byP = decidesByPValue(track.method);
  const series: TimeSeries[] = [...track.versions].map(([version, list]) => ({
    label: styleOf(version).name,
    color: styleOf(version).color,
    points: list.map(({ t, entry, placed }) => ({
      t,
      value: byP ? (entry.pValue ?? null) : entry.statistic,
      flagged: entry.drifted,
      tooltip: `${windowText(placed.point)}: ${formatStatistic(entry)}${entry.drifted ? ', drifted' : ''}`,
    })),
  }));
  const drifted = [...track.versions.values()].reduce((sum, list) => sum + list.filter(({ entry }) => entry.drifted).length, 0);
  const badge = track.latestDrifted
    ? '<span class="pill drifted">drifted</span>'
    : track.everDrifted
      ? `<span class="pill warning">drifted in ${drifted} window${drifted === 1 ? '' : 's'}</span>`
      : '';
  const missingP = byP && track.versions.size > 0 && [...track.versions.values()].every((list) => list.every(({ entry }) => entry.pValue === undefined));
  return timeSeriesChart({
    title: titleWithMethod ? `${track.feature} · ${methodName(track.method)}` : track.feature,
    badge,
    yLabel: byP ? 'p-value (log scale)' : methodName(track.method),
    time,
    format: byP ? 'p-value' : 'number',
    fromZero: !byP,
    series,
    guides: thresholdGuides(track, styleOf, time),
    flagLabel: 'drifted window',
    note: missingP
      ? `The timeline carries no p-values for this ${methodName(track.method)}, whose threshold applies to them: nothing to draw.`
      : byP
        ? 'Higher is more drift: a window drifted where its p-value fell below the dashed threshold.'
        : undefined,
  });
}

/** One dashed line when every window had the same threshold; otherwise a line per version through its windows' thresholds. */
function thresholdGuides(track: FeatureTrack, styleOf: (version: number) => VersionStyle, time: Domain): TimeGuide[] {
  const all = [...track.versions.values()].flat();
  const thresholds = new Set(all.map(({ entry }) => entry.threshold));
  if (thresholds.size === 1) {
    const [threshold] = thresholds as Set<number>;
    return [{ label: `drifted at ${formatThreshold({ method: track.method, threshold: threshold! })}`, points: [[time[0], threshold!], [time[1], threshold!]] }];
  }
  return [...track.versions].map(([version, list]) => ({
    label: `threshold (${styleOf(version).name})`,
    points: list.map(({ t, entry }): [number, number] => [t, entry.threshold]),
  }));
}

/** The share of features drifted per window and version, against the dataset-drift share when the report states one. */
function shareChart(report: MonitoringReport, styleOf: (version: number) => VersionStyle, time: Domain): string | null {
  const byVersion = pointsByVersion(report.timeline);
  const hasShare = [...byVersion.values()].some((placed) => placed.some(({ point }) => point.driftedShare !== null));
  if (!hasShare) return null;
  const datasetShares = new Set(report.drift.map((d) => d.report.datasetDriftShare));
  const [datasetShare] = datasetShares;
  return timeSeriesChart({
    title: 'Share of features drifted',
    yLabel: 'features drifted',
    time,
    format: 'percent',
    fromZero: true,
    series: [...byVersion].map(([version, placed]) => ({
      label: styleOf(version).name,
      color: styleOf(version).color,
      points: placed.map(({ t, point }) => ({
        t,
        value: point.driftedShare,
        flagged: datasetShare !== undefined && point.driftedShare !== null && point.driftedShare >= datasetShare,
        tooltip: `${windowText(point)}: ${point.driftedShare === null ? 'not computed' : formatPercent(point.driftedShare)} of features drifted, ${formatCount(point.rows)} rows`,
      })),
    })),
    guides: datasetShares.size === 1 && datasetShare !== undefined ? [{ label: `dataset drift from ${formatPercent(datasetShare)}`, points: [[time[0], datasetShare], [time[1], datasetShare]] }] : [],
    flagLabel: 'dataset drifted',
  });
}
