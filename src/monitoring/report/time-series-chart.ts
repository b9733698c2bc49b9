// A small chart of values over time: lines per series (broken where a window has no value), optional interval bands,
// dashed series for estimates, dashed guides for thresholds, and rings on flagged windows (drifted ones).
import { escapeHtml } from '../../training/evaluation/escape-html.js';
import type { Domain } from '../../training/evaluation/svg-chart.js';
import {
  axisLabels,
  chartFigure,
  coordinate,
  frame,
  linearScale,
  plotHeight,
  projectValue,
  svgOpen,
  xAxis,
  valueAxis,
  valueTicks,
  type ChartBox,
  type LegendEntry,
  type ValueFormat,
} from './chart-frame.js';
import { timeAxisLabel, timeTicks } from './time-axis.js';

export interface TimePoint {
  /** Milliseconds since the epoch. */
  readonly t: number;
  readonly value: number | null;
  readonly low?: number;
  readonly high?: number;
  readonly flagged?: boolean;
  /** What hovering the point says. */
  readonly tooltip?: string;
}

export interface TimeSeries {
  readonly label: string;
  readonly color: string;
  readonly points: readonly TimePoint[];
  readonly dashed?: boolean;
}

/** A dashed line through (time, value) points: a threshold, constant or not. */
export interface TimeGuide {
  readonly label: string;
  readonly points: readonly (readonly [number, number])[];
}

export interface TimeChartSpec {
  readonly title: string;
  readonly badge?: string;
  readonly yLabel: string;
  readonly time: Domain;
  readonly format: ValueFormat;
  readonly series: readonly TimeSeries[];
  readonly guides?: readonly TimeGuide[];
  /** Start the value axis at 0 (counts, rates). */
  readonly fromZero?: boolean;
  readonly flagLabel?: string;
  readonly note?: string;
}

const BOX: ChartBox = { width: 360, height: 210, left: 60, right: 12, top: 10, bottom: 40 };
/** Beyond this many windows a marker per point is clutter; flagged points keep theirs. */
const MAX_MARKERS = 60;

export function timeSeriesChart(spec: TimeChartSpec): string {
  const project = (value: number) => projectValue(value, spec.format);
  const y = valueDomain(spec, project);
  const sx = linearScale(spec.time, BOX.left, BOX.width - BOX.right);
  const sy = linearScale(y, BOX.top + plotHeight(BOX), BOX.top);
  const xy = (t: number, value: number): Point => [coordinate(sx(t)), coordinate(sy(project(value)))];
  const at = (t: number, value: number) => xy(t, value).join(',');
  const svg = [
    svgOpen(BOX, spec.title),
    `<g class="axes">${valueAxis(BOX, valueTicks(y, spec.format), sy)}${xAxis(BOX, timeTicks(spec.time, 4), sx)}${frame(BOX)}${axisLabels(BOX, timeAxisLabel(spec.time), spec.yLabel)}</g>`,
    ...spec.series.flatMap((s) => runsOf(s.points).flatMap((run) => bandMarkup(run, s.color, sx, (v) => sy(project(v))))),
    ...(spec.guides ?? []).map((g) => guideMarkup(g, at)),
    ...spec.series.map((s) => seriesMarkup(s, xy)),
    '</svg>',
  ].join('\n');
  return chartFigure({ title: spec.title, badge: spec.badge, svg, legend: legendOf(spec), note: spec.note });
}

function valueDomain(spec: TimeChartSpec, project: (value: number) => number): Domain {
  const values = [
    ...spec.series.flatMap((s) => s.points.flatMap((p) => [p.value, p.low, p.high])),
    ...(spec.guides ?? []).flatMap((g) => g.points.map(([, value]) => value)),
  ].flatMap((v) => (v === null || v === undefined || !Number.isFinite(v) ? [] : [project(v)]));
  if (spec.format === 'p-value') return [0, Math.max(2, Math.ceil(Math.max(0, ...values) + 0.25))];
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (values.length === 0) [low, high] = [0, 1];
  if (spec.fromZero) low = Math.min(0, low);
  if (!(high > low)) {
    // A constant series sits in the middle of the plot (at the bottom when the axis starts at 0).
    const half = low === 0 ? 1 : Math.abs(low) * 0.1;
    return spec.fromZero && low === 0 ? [0, 1] : [low - half, high + half];
  }
  const pad = (high - low) * 0.08;
  return [spec.fromZero && low >= 0 ? low : low - pad, high + pad];
}

/** Consecutive points that have a value: a line is broken where a window has none. */
function runsOf(points: readonly TimePoint[]): TimePoint[][] {
  const runs: TimePoint[][] = [[]];
  for (const point of points) {
    if (point.value === null || !Number.isFinite(point.value)) runs.push([]);
    else runs[runs.length - 1]!.push(point);
  }
  return runs.filter((run) => run.length > 0);
}

function bandMarkup(run: readonly TimePoint[], color: string, sx: (t: number) => number, sy: (v: number) => number): string[] {
  const bounded = run.filter((p) => p.low !== undefined && p.high !== undefined && Number.isFinite(p.low) && Number.isFinite(p.high));
  if (bounded.length === 0) return [];
  if (bounded.length === 1) {
    const [p] = bounded as [TimePoint];
    const x = coordinate(sx(p.t));
    return [`<line class="interval" stroke="${color}" x1="${x}" y1="${coordinate(sy(p.low!))}" x2="${x}" y2="${coordinate(sy(p.high!))}"></line>`];
  }
  const upper = bounded.map((p) => `${coordinate(sx(p.t))},${coordinate(sy(p.high!))}`);
  const lower = bounded.map((p) => `${coordinate(sx(p.t))},${coordinate(sy(p.low!))}`).reverse();
  return [`<polygon class="band" fill="${color}" points="${[...upper, ...lower].join(' ')}"></polygon>`];
}

function guideMarkup(guide: TimeGuide, at: (t: number, value: number) => string): string {
  const points = guide.points.filter(([t, value]) => Number.isFinite(t) && Number.isFinite(value));
  if (points.length === 0) return '';
  return `<polyline class="guide" fill="none" points="${points.map(([t, value]) => at(t, value)).join(' ')}"><title>${escapeHtml(guide.label)}</title></polyline>`;
}

/** Pixel coordinates, formatted for markup. */
type Point = [string, string];

function seriesMarkup(series: TimeSeries, xy: (t: number, value: number) => Point): string {
  const runs = runsOf(series.points);
  const lines = runs
    .filter((run) => run.length > 1)
    .map((run) => `<polyline class="series-line${series.dashed ? ' dashed' : ''}" fill="none" stroke="${series.color}" points="${run.map((p) => xy(p.t, p.value!).join(',')).join(' ')}"></polyline>`);
  const plotted = runs.flat();
  const marked = plotted.length <= MAX_MARKERS ? plotted : plotted.filter((p) => p.flagged || runs.some((run) => run.length === 1 && run[0] === p));
  const markers = marked.map((p) => {
    const [cx, cy] = xy(p.t, p.value!);
    const title = p.tooltip ? `<title>${escapeHtml(p.tooltip)}</title>` : '';
    const flag = p.flagged ? `<circle class="flag" cx="${cx}" cy="${cy}" r="5"></circle>` : '';
    return `<g>${flag}<circle cx="${cx}" cy="${cy}" r="2.4" fill="${series.color}"></circle>${title}</g>`;
  });
  return `<g class="series"><title>${escapeHtml(series.label)}</title>${lines.join('')}${markers.join('')}</g>`;
}

function legendOf(spec: TimeChartSpec): LegendEntry[] {
  const entries: LegendEntry[] = spec.series
    .filter((s) => s.points.some((p) => p.value !== null))
    .map((s) => ({ label: s.label, color: s.color, mark: s.dashed ? 'dashed' : 'solid' }));
  if (spec.series.some((s) => s.points.some((p) => p.value !== null && p.low !== undefined && p.high !== undefined))) entries.push({ label: 'confidence interval', mark: 'band' });
  for (const g of spec.guides ?? []) entries.push({ label: g.label, mark: 'guide' });
  if (spec.series.some((s) => s.points.some((p) => p.flagged && p.value !== null))) entries.push({ label: spec.flagLabel ?? 'flagged', mark: 'flag' });
  return entries;
}
