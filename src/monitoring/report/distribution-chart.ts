// Reference against current for one feature, as bars: a histogram over equal-width bins for a numeric feature (two
// bars per bin), and a bar pair per category, names on the left, for a categorical one.
import type { CategoricalDistribution, NumericDistribution } from '../drift/index.js';
import { escapeHtml } from '../../training/evaluation/escape-html.js';
import { formatMetric, formatPercent } from '../../training/evaluation/report-format.js';
import { niceTicks } from '../../training/evaluation/svg-chart.js';
import { axisLabels, chartFigure, coordinate, frame, linearScale, plotHeight, shorten, svgOpen, valueAxis, valueTicks, xAxis, type ChartBox, type LegendEntry } from './chart-frame.js';

export interface DistributionChartSpec {
  readonly title: string;
  readonly badge?: string;
  readonly distribution: NumericDistribution | CategoricalDistribution;
  /** What the reference is, for the legend: "package reference profile". */
  readonly referenceLabel: string;
  readonly currentLabel: string;
  /** The current window's colour: its version's. */
  readonly color: string;
  readonly note?: string;
}

const NUMERIC_BOX: ChartBox = { width: 360, height: 200, left: 46, right: 12, top: 10, bottom: 34 };
const CATEGORY_ROW = 18;
/** Shares below this in both samples are not worth a bar for "other". */
const NEGLIGIBLE_SHARE = 0.0005;

export function distributionChart(spec: DistributionChartSpec): string {
  const svg = spec.distribution.kind === 'numeric' ? histogram(spec.distribution, spec) : categoryBars(spec.distribution, spec);
  const legend: LegendEntry[] = [
    { label: spec.referenceLabel, mark: 'reference' },
    { label: spec.currentLabel, color: spec.color, mark: 'solid' },
  ];
  return chartFigure({ title: spec.title, badge: spec.badge, svg, legend, note: spec.note });
}

function histogram(distribution: NumericDistribution, spec: DistributionChartSpec): string {
  const box = NUMERIC_BOX;
  const { edges, reference, current } = distribution;
  const low = edges[0] ?? 0;
  const high = edges[edges.length - 1] ?? 1;
  const top = Math.max(0.01, ...reference, ...current) * 1.08;
  const sx = linearScale([low, high], box.left, box.width - box.right);
  const sy = linearScale([0, top], box.top + plotHeight(box), box.top);
  const bottom = box.top + plotHeight(box);
  const bars = edges.slice(1).flatMap((edge, i) => {
    const left = sx(edges[i]!);
    const width = Math.max(0.5, (sx(edge) - left) / 2 - 0.6);
    const range = `${formatMetric(edges[i]!)} to ${formatMetric(edge)}`;
    return [
      bar('ref-bar', left + 0.3, sy(reference[i] ?? 0), width, bottom, `${range}: ${formatPercent(reference[i] ?? 0)} of the reference`),
      bar('cur-bar', left + 0.3 + width + 0.6, sy(current[i] ?? 0), width, bottom, `${range}: ${formatPercent(current[i] ?? 0)} of the current window`, spec.color),
    ];
  });
  const xTicks = niceTicks([low, high], 4)
    .filter((t) => t >= low && t <= high)
    .map((at) => ({ at, label: formatTick(at) }));
  return [
    svgOpen(box, spec.title),
    `<g class="axes">${valueAxis(box, valueTicks([0, top], 'percent', 3), sy)}${xAxis(box, xTicks, sx)}${frame(box)}${axisLabels(box, 'value', '')}</g>`,
    `<g class="bars">${bars.join('')}</g>`,
    '</svg>',
  ].join('\n');
}

function categoryBars(distribution: CategoricalDistribution, spec: DistributionChartSpec): string {
  const rows = distribution.categories.map((name, i) => ({ name, reference: distribution.reference[i] ?? 0, current: distribution.current[i] ?? 0, other: false }));
  if (Math.max(distribution.other.reference, distribution.other.current) >= NEGLIGIBLE_SHARE) {
    rows.push({ name: 'all other categories', reference: distribution.other.reference, current: distribution.other.current, other: true });
  }
  const box: ChartBox = { width: 360, height: 10 + 34 + Math.max(1, rows.length) * CATEGORY_ROW, left: 104, right: 12, top: 10, bottom: 34 };
  const right = Math.max(0.01, ...rows.flatMap((r) => [r.reference, r.current])) * 1.08;
  const sx = linearScale([0, right], box.left, box.width - box.right);
  const bars = rows.map((row, i) => {
    const y = box.top + i * CATEGORY_ROW + 2;
    const name = row.other ? row.name : `“${row.name}”`;
    const label = `<text class="${row.other ? 'tick' : 'category-label'}" x="${box.left - 6}" y="${coordinate(y + 7)}" dy="0.32em" text-anchor="end">${escapeHtml(shorten(row.name, 16))}<title>${escapeHtml(row.name)}</title></text>`;
    const reference = `<rect class="ref-bar" x="${box.left}" y="${coordinate(y)}" width="${coordinate(sx(row.reference) - box.left)}" height="6.5"><title>${escapeHtml(`${name}: ${formatPercent(row.reference)} of the reference`)}</title></rect>`;
    const current = `<rect class="cur-bar" fill="${spec.color}" x="${box.left}" y="${coordinate(y + 7)}" width="${coordinate(sx(row.current) - box.left)}" height="6.5"><title>${escapeHtml(`${name}: ${formatPercent(row.current)} of the current window`)}</title></rect>`;
    return label + reference + current;
  });
  return [
    svgOpen(box, spec.title),
    `<g class="axes">${xAxis(box, valueTicks([0, right], 'percent', 3), sx)}${frame(box)}${axisLabels(box, 'share of values', '')}</g>`,
    `<g class="bars">${bars.join('')}</g>`,
    '</svg>',
  ].join('\n');
}

function bar(className: string, x: number, y: number, width: number, bottom: number, title: string, color?: string): string {
  const fill = color ? ` fill="${color}"` : '';
  return `<rect class="${className}"${fill} x="${coordinate(x)}" y="${coordinate(y)}" width="${coordinate(width)}" height="${coordinate(Math.max(0, bottom - y))}"><title>${escapeHtml(title)}</title></rect>`;
}

/** Axis values as the report writes numbers, without trailing zeros: 0.5, 12, 1,500. */
function formatTick(value: number): string {
  const text = formatMetric(value);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
