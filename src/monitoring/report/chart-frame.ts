// What the monitoring charts share: the plot box, scales, value ticks, the <figure> with its caption and HTML legend.
// Same classes as the evaluation report's svgChart, so both reports look like one product under one stylesheet.
import { escapeHtml } from '../../training/evaluation/escape-html.js';
import { niceTicks, type Domain } from '../../training/evaluation/svg-chart.js';

export interface ChartBox {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** How a value axis reads: plain numbers, shares as percentages, or p-values on a log scale (smaller, so higher, is more drift). */
export type ValueFormat = 'number' | 'percent' | 'p-value';

export interface LegendEntry {
  readonly label: string;
  /** A colour from the report's palette (never from report data); absent for the muted marks. */
  readonly color?: string;
  readonly mark: 'solid' | 'dashed' | 'band' | 'guide' | 'reference' | 'flag';
}

export interface FigureParts {
  readonly title: string;
  /** Markup after the title (already escaped), e.g. a verdict pill. */
  readonly badge?: string;
  readonly svg: string;
  readonly legend: readonly LegendEntry[];
  readonly note?: string;
}

/** p-values below this are drawn at it: beyond it "very small" is all a chart can say. */
export const P_VALUE_FLOOR = 1e-12;

export function chartFigure(parts: FigureParts): string {
  const legend = dedupe(parts.legend).map((entry) => `<li>${legendSwatch(entry)}${escapeHtml(entry.label)}</li>`);
  return [
    '<figure class="chart">',
    `<figcaption>${escapeHtml(parts.title)}${parts.badge ?? ''}</figcaption>`,
    parts.svg,
    legend.length > 0 ? `<ul class="legend">${legend.join('')}</ul>` : '',
    parts.note ? `<p class="chart-note">${escapeHtml(parts.note)}</p>` : '',
    '</figure>',
  ]
    .filter((part) => part !== '')
    .join('\n');
}

/** The opening of a chart's <svg>, titled for screen readers; the caller closes it. */
export function svgOpen(box: ChartBox, title: string): string {
  const label = escapeHtml(title);
  return `<svg class="chart-svg" viewBox="0 0 ${box.width} ${box.height}" role="img" aria-label="${label}"><title>${label}</title>`;
}

/** Maps a domain onto [from, to] pixels; a domain without width maps to the middle. */
export function linearScale(domain: Domain, from: number, to: number): (value: number) => number {
  const [low, high] = domain;
  if (!(high > low)) return () => (from + to) / 2;
  return (value) => from + ((value - low) / (high - low)) * (to - from);
}

export function plotWidth(box: ChartBox): number {
  return box.width - box.left - box.right;
}

export function plotHeight(box: ChartBox): number {
  return box.height - box.top - box.bottom;
}

/** Where a value sits on a value axis of this format (p-values as −log10 p). */
export function projectValue(value: number, format: ValueFormat): number {
  return format === 'p-value' ? -Math.log10(Math.max(value, P_VALUE_FLOOR)) : value;
}

/** Ticks of a value axis over a projected domain, with their labels. */
export function valueTicks(domain: Domain, format: ValueFormat, count = 4): { at: number; label: string }[] {
  if (format === 'p-value') {
    const top = Math.floor(domain[1]);
    const every = Math.max(1, Math.ceil((top - Math.ceil(domain[0]) + 1) / (count + 1)));
    const ticks: number[] = [];
    for (let k = Math.ceil(domain[0]); k <= top; k += every) ticks.push(k);
    return ticks.map((k) => ({ at: k, label: pValueTick(k) }));
  }
  const ticks = niceTicks(domain, count);
  return ticks.map((at) => ({ at, label: format === 'percent' ? percentTick(at, ticks) : numberTick(at, ticks) }));
}

/** Horizontal grid lines and their labels on the left of the plot. */
export function valueAxis(box: ChartBox, ticks: readonly { at: number; label: string }[], sy: (value: number) => number): string {
  return ticks
    .map((t) => {
      const y = coordinate(sy(t.at));
      return (
        `<line class="grid" x1="${box.left}" y1="${y}" x2="${box.width - box.right}" y2="${y}"></line>` +
        `<text class="tick" x="${box.left - 6}" y="${y}" dy="0.32em" text-anchor="end">${escapeHtml(t.label)}</text>`
      );
    })
    .join('');
}

/** Vertical grid lines and tick labels under the plot (time or values); a label at either end is anchored inward so it is not cut off. */
export function xAxis(box: ChartBox, ticks: readonly { at: number; label: string }[], sx: (value: number) => number): string {
  const bottom = box.height - box.bottom;
  const right = box.width - box.right;
  return ticks
    .map((t) => {
      const x = sx(t.at);
      const anchor = x - box.left < 16 ? 'start' : right - x < 16 ? 'end' : 'middle';
      return (
        `<line class="grid" x1="${coordinate(x)}" y1="${box.top}" x2="${coordinate(x)}" y2="${bottom}"></line>` +
        `<text class="tick" x="${coordinate(x)}" y="${bottom + 14}" text-anchor="${anchor}">${escapeHtml(t.label)}</text>`
      );
    })
    .join('');
}

export function frame(box: ChartBox): string {
  return `<rect class="frame" x="${box.left}" y="${box.top}" width="${plotWidth(box)}" height="${plotHeight(box)}"></rect>`;
}

export function axisLabels(box: ChartBox, xLabel: string, yLabel: string): string {
  const middle = box.top + plotHeight(box) / 2;
  return (
    `<text class="axis-label" x="${coordinate(box.left + plotWidth(box) / 2)}" y="${box.height - 6}" text-anchor="middle">${escapeHtml(xLabel)}</text>` +
    (yLabel === '' ? '' : `<text class="axis-label" transform="translate(13 ${coordinate(middle)}) rotate(-90)" text-anchor="middle">${escapeHtml(yLabel)}</text>`)
  );
}

/** A pixel coordinate with one decimal, which keeps the markup short. */
export function coordinate(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** A label cut to `max` characters with an ellipsis; the full text belongs in a <title>. */
export function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function legendSwatch(entry: LegendEntry): string {
  switch (entry.mark) {
    case 'solid':
      return `<span class="swatch" style="background:${entry.color}"></span>`;
    case 'dashed':
      return `<span class="swatch dashed-swatch" style="color:${entry.color}"></span>`;
    case 'band':
      return `<span class="swatch band-swatch"${entry.color ? ` style="background:${entry.color}"` : ''}></span>`;
    case 'guide':
      return '<span class="swatch guide-swatch"></span>';
    case 'reference':
      return '<span class="swatch reference-swatch"></span>';
    case 'flag':
      return '<span class="swatch flag-swatch"></span>';
  }
}

function dedupe(entries: readonly LegendEntry[]): LegendEntry[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = `${entry.mark}\u0000${entry.color ?? ''}\u0000${entry.label}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function numberTick(tick: number, ticks: readonly number[]): string {
  const text = tick.toFixed(decimalsFor(ticks)).replace(/^(-?\d+)/, (whole) => whole.replace(/\B(?=(\d{3})+$)/g, ','));
  return tick < 0 ? `\u2212${text.slice(1)}` : text;
}

function percentTick(tick: number, ticks: readonly number[]): string {
  return `${(tick * 100).toFixed(Math.max(0, decimalsFor(ticks) - 2))}%`;
}

function decimalsFor(ticks: readonly number[]): number {
  const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) : 1;
  return Math.max(0, Math.min(10, -Math.floor(Math.log10(step) + 1e-9)));
}

const SUPERSCRIPT: Readonly<Record<string, string>> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** −log10 p = k as the p-value people read: 1, 0.1, 0.01, 0.001, then 10⁻⁴. */
function pValueTick(k: number): string {
  if (k <= 3) return (10 ** -k).toFixed(k);
  return `10⁻${[...String(k)].map((digit) => SUPERSCRIPT[digit]).join('')}`;
}
