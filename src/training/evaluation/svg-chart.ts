// A small inline-SVG chart: axes with round-number ticks, reference lines, and line or point series, in a <figure>
// with an HTML legend. Enough for ROC, reliability, residual and @k plots without any charting library.
import { escapeHtml } from './escape-html.js';

export type Domain = readonly [number, number];
export type Point = readonly [number, number];

export interface ChartSeries {
  readonly label: string;
  /** A CSS colour from the report's own palette (never from report data). */
  readonly color: string;
  readonly points: readonly Point[];
  readonly style: 'line' | 'points' | 'line-and-points';
  /** Per-point radii for points (e.g. scaled by how many rows a calibration bin holds); 2.5 when absent. */
  readonly radii?: readonly number[];
}

/** A dashed reference line such as the diagonal of a perfect model. */
export interface ChartGuide {
  readonly from: Point;
  readonly to: Point;
  readonly label: string;
}

export interface ChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly x: Domain;
  readonly y: Domain;
  readonly series: readonly ChartSeries[];
  readonly guides?: readonly ChartGuide[];
  /** A sentence under the chart on how to read it. */
  readonly note?: string;
}

const WIDTH = 480;
const HEIGHT = 320;
const MARGIN = { left: 56, right: 16, top: 14, bottom: 46 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;

export function svgChart(spec: ChartSpec): string {
  const x = widen(spec.x);
  const y = widen(spec.y);
  const sx = (value: number): string => round(MARGIN.left + ((value - x[0]) / (x[1] - x[0])) * PLOT_WIDTH);
  const sy = (value: number): string => round(MARGIN.top + PLOT_HEIGHT - ((value - y[0]) / (y[1] - y[0])) * PLOT_HEIGHT);
  const title = escapeHtml(spec.title);
  const parts = [
    `<svg class="chart-svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    axes(x, y, sx, sy, spec),
    ...(spec.guides ?? []).map(
      (g) => `<line class="guide" x1="${sx(g.from[0])}" y1="${sy(g.from[1])}" x2="${sx(g.to[0])}" y2="${sy(g.to[1])}"><title>${escapeHtml(g.label)}</title></line>`,
    ),
    ...spec.series.map((s) => seriesMarkup(s, sx, sy)),
    '</svg>',
  ];
  const legend = [
    ...spec.series.map((s) => `<li><span class="swatch" style="background:${s.color}"></span>${escapeHtml(s.label)}</li>`),
    ...(spec.guides ?? []).map((g) => `<li><span class="swatch guide-swatch"></span>${escapeHtml(g.label)}</li>`),
  ];
  return [
    '<figure class="chart">',
    `<figcaption>${title}</figcaption>`,
    parts.join('\n'),
    `<ul class="legend">${legend.join('')}</ul>`,
    spec.note ? `<p class="chart-note">${escapeHtml(spec.note)}</p>` : '',
    '</figure>',
  ].join('\n');
}

/** The range of the values, widened by `padding` of its width on each side; [0, 1] when there are none. */
export function paddedDomain(values: Iterable<number>, padding = 0.05): Domain {
  let low = Infinity;
  let high = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  if (low === Infinity) return [0, 1];
  const pad = (high - low) * padding;
  return [low - pad, high + pad];
}

/** About `count` ticks at round steps (1, 2 or 5 × a power of ten) inside the domain. */
export function niceTicks(domain: Domain, count = 5): number[] {
  const [low, high] = domain;
  const step = niceStep((high - low) / count);
  const ticks: number[] = [];
  for (let tick = Math.ceil(low / step - 1e-9) * step; tick <= high + step * 1e-9; tick += step) ticks.push(Number(tick.toFixed(12)));
  return ticks;
}

function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  return (fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10) * power;
}

function axes(x: Domain, y: Domain, sx: (v: number) => string, sy: (v: number) => string, spec: ChartSpec): string {
  const xTicks = niceTicks(x);
  const yTicks = niceTicks(y);
  const bottom = MARGIN.top + PLOT_HEIGHT;
  const lines = [
    ...xTicks.map((t) => `<line class="grid" x1="${sx(t)}" y1="${MARGIN.top}" x2="${sx(t)}" y2="${bottom}"></line>`),
    ...yTicks.map((t) => `<line class="grid" x1="${MARGIN.left}" y1="${sy(t)}" x2="${WIDTH - MARGIN.right}" y2="${sy(t)}"></line>`),
    `<rect class="frame" x="${MARGIN.left}" y="${MARGIN.top}" width="${PLOT_WIDTH}" height="${PLOT_HEIGHT}"></rect>`,
    ...xTicks.map((t) => `<text class="tick" x="${sx(t)}" y="${bottom + 16}" text-anchor="middle">${tickLabel(t, xTicks)}</text>`),
    ...yTicks.map((t) => `<text class="tick" x="${MARGIN.left - 6}" y="${sy(t)}" dy="0.32em" text-anchor="end">${tickLabel(t, yTicks)}</text>`),
    `<text class="axis-label" x="${MARGIN.left + PLOT_WIDTH / 2}" y="${HEIGHT - 8}" text-anchor="middle">${escapeHtml(spec.xLabel)}</text>`,
    `<text class="axis-label" transform="translate(14 ${MARGIN.top + PLOT_HEIGHT / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(spec.yLabel)}</text>`,
  ];
  return `<g class="axes">${lines.join('')}</g>`;
}

function seriesMarkup(series: ChartSeries, sx: (v: number) => string, sy: (v: number) => string): string {
  const parts: string[] = [];
  const color = series.color;
  if (series.style !== 'points' && series.points.length > 1) {
    const path = series.points.map(([px, py]) => `${sx(px)},${sy(py)}`).join(' ');
    parts.push(`<polyline class="series-line" fill="none" stroke="${color}" points="${path}"></polyline>`);
  }
  if (series.style !== 'line') {
    const scatter = series.style === 'points';
    const circles = series.points.map(([px, py], i) => `<circle cx="${sx(px)}" cy="${sy(py)}" r="${round(series.radii?.[i] ?? (scatter ? 2 : 3))}"></circle>`);
    parts.push(`<g class="${scatter ? 'scatter' : 'markers'}" fill="${color}">${circles.join('')}</g>`);
  }
  return `<g class="series"><title>${escapeHtml(series.label)}</title>${parts.join('')}</g>`;
}

function tickLabel(tick: number, ticks: readonly number[]): string {
  const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) : 1;
  const decimals = Math.max(0, Math.min(10, -Math.floor(Math.log10(step) + 1e-9)));
  const [whole = '', fraction] = Math.abs(tick).toFixed(decimals).split('.');
  const text = whole.replace(/\B(?=(\d{3})+$)/g, ',') + (fraction === undefined ? '' : `.${fraction}`);
  return tick < 0 ? `\u2212${text}` : text;
}

/** A zero-width domain gets some width, so a constant series still draws. */
function widen([low, high]: Domain): Domain {
  if (high > low) return [low, high];
  const half = low === 0 ? 1 : Math.abs(low) * 0.1;
  return [low - half, high + half];
}

function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}
