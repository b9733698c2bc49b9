// The evaluation report's charts, one line or point cloud per version: ROC and reliability for classification,
// residuals and predicted-vs-actual for regression, precision/recall/NDCG against k for ranking.
import type { EvaluatedVersion, EvaluationReport, VersionCurves } from './evaluation-report.js';
import { formatMetric } from './report-format.js';
import { paddedDomain, svgChart, type ChartSeries, type Point } from './svg-chart.js';
import { versionColor, versionName } from './version-style.js';

/** Caps that keep the page light whatever the caller passed: curves are thinned evenly, point clouds by stride. */
const MAX_CURVE_POINTS = 200;
const MAX_SCATTER_POINTS = 2000;

/** Every chart for the report's task, as <figure> markup. */
export function reportPlots(report: EvaluationReport): string[] {
  switch (report.task) {
    case 'classification':
      return classificationPlots(withCurves(report, 'classification'), (report.dataset.classes?.length ?? 2) > 2);
    case 'regression':
      return regressionPlots(withCurves(report, 'regression'));
    case 'ranking':
      return rankingPlots(withCurves(report, 'ranking'));
  }
}

type CurvesOf<K extends VersionCurves['kind']> = Extract<VersionCurves, { kind: K }>;

interface Plotted<K extends VersionCurves['kind']> {
  readonly version: EvaluatedVersion;
  /** The version's position in the report, which picks its colour. */
  readonly index: number;
  readonly curves: CurvesOf<K>;
}

/** The versions that brought curves of this kind (a version without curves simply has no line). */
function withCurves<K extends VersionCurves['kind']>(report: EvaluationReport, kind: K): Plotted<K>[] {
  return report.versions.flatMap((version, index) => (version.curves?.kind === kind ? [{ version, index, curves: version.curves as CurvesOf<K> }] : []));
}

function classificationPlots(plotted: readonly Plotted<'classification'>[], multiclassData: boolean): string[] {
  const charts: string[] = [];
  const withRoc = plotted.filter((p) => p.curves.roc.length > 0);
  const multiclass = multiclassData || plotted.some((p) => p.curves.calibrationBasis === 'top-class');
  if (withRoc.length > 0) {
    charts.push(
      svgChart({
        title: multiclass ? 'ROC curve (one-vs-rest, micro-averaged)' : 'ROC curve',
        xLabel: 'False positive rate',
        yLabel: 'True positive rate',
        x: [0, 1],
        y: [0, 1],
        guides: [{ from: [0, 0], to: [1, 1], label: 'chance' }],
        series: withRoc.map((p) => ({
          label: labelWith(p.version, 'auc', 'AUC'),
          color: versionColor(p.index),
          style: 'line',
          points: thin(p.curves.roc.map((point): Point => [point.fpr, point.tpr]), MAX_CURVE_POINTS),
        })),
        note: multiclass
          ? 'Every (row, class) pair pooled into one curve; the AUC in the legend is the macro average of the per-class AUCs.'
          : 'Higher and further left is better: more positives found for each false alarm.',
      }),
    );
  }
  const withBins = plotted.filter((p) => p.curves.calibration.some((bin) => bin.count > 0));
  if (withBins.length > 0) {
    const topClass = withBins.some((p) => p.curves.calibrationBasis === 'top-class');
    const largest = Math.max(...withBins.flatMap((p) => p.curves.calibration.map((bin) => bin.count)));
    charts.push(
      svgChart({
        title: 'Calibration (reliability diagram)',
        xLabel: topClass ? 'Predicted probability of the top class' : 'Predicted probability',
        yLabel: topClass ? 'Share where the top class was right' : 'Observed share positive',
        x: [0, 1],
        y: [0, 1],
        guides: [{ from: [0, 0], to: [1, 1], label: 'perfectly calibrated' }],
        series: withBins.map((p): ChartSeries => {
          const bins = p.curves.calibration.filter((bin) => bin.count > 0 && bin.meanPredicted !== null && bin.observed !== null);
          return {
            label: labelWith(p.version, 'ece', 'ECE'),
            color: versionColor(p.index),
            style: 'line-and-points',
            points: bins.map((bin): Point => [bin.meanPredicted!, bin.observed!]),
            radii: bins.map((bin) => 2 + 5 * Math.sqrt(bin.count / largest)),
          };
        }),
        note: 'Points on the diagonal mean predicted probabilities come true as often as they say; a point’s size shows how many rows its bin holds.',
      }),
    );
  }
  return charts;
}

function regressionPlots(plotted: readonly Plotted<'regression'>[]): string[] {
  const clouds = plotted
    .map((p) => ({ ...p, pairs: thin(p.curves.predicted.map((predicted, i): Point => [predicted, p.curves.actual[i]!]), MAX_SCATTER_POINTS) }))
    .filter((p) => p.pairs.length > 0);
  if (clouds.length === 0) return [];
  const residualSeries = clouds.map((p): ChartSeries => ({
    label: versionName(p.version),
    color: versionColor(p.index),
    style: 'points',
    points: p.pairs.map(([predicted, actual]): Point => [predicted, actual - predicted]),
  }));
  const largestMiss = Math.max(...residualSeries.flatMap((s) => s.points.map(([, residual]) => Math.abs(residual))));
  const predictedRange = paddedDomain(clouds.flatMap((p) => p.pairs.map(([predicted]) => predicted)));
  const bothRange = paddedDomain(clouds.flatMap((p) => p.pairs.flat()));
  return [
    svgChart({
      title: 'Residuals against predictions',
      xLabel: 'Predicted',
      yLabel: 'Residual (actual − predicted)',
      x: predictedRange,
      y: [-largestMiss * 1.05, largestMiss * 1.05],
      guides: [{ from: [predictedRange[0], 0], to: [predictedRange[1], 0], label: 'no error' }],
      series: residualSeries,
      note: 'A cloud centred on the zero line with the same spread everywhere is what a well-specified model looks like.',
    }),
    svgChart({
      title: 'Predicted against actual',
      xLabel: 'Actual',
      yLabel: 'Predicted',
      x: bothRange,
      y: bothRange,
      guides: [{ from: [bothRange[0], bothRange[0]], to: [bothRange[1], bothRange[1]], label: 'perfect prediction' }],
      series: clouds.map((p) => ({ label: versionName(p.version), color: versionColor(p.index), style: 'points', points: p.pairs.map(([predicted, actual]): Point => [actual, predicted]) })),
    }),
  ];
}

function rankingPlots(plotted: readonly Plotted<'ranking'>[]): string[] {
  const ks = plotted.flatMap((p) => p.curves.atK.map((point) => point.k));
  if (ks.length === 0) return [];
  // Half a step of room at each end, so the first and last markers are not cut by the frame.
  const x = [Math.min(...ks) - 0.5, Math.max(...ks) + 0.5] as const;
  const chart = (title: string, pick: 'precision' | 'recall' | 'ndcg') =>
    svgChart({
      title,
      xLabel: 'Cut-off k',
      yLabel: title.split(' ')[0]!,
      x,
      y: [0, 1],
      series: plotted.map((p) => ({
        label: versionName(p.version),
        color: versionColor(p.index),
        style: 'line-and-points',
        points: p.curves.atK.flatMap((point): Point[] => (point[pick] === null ? [] : [[point.k, point[pick]]])),
      })),
    });
  return [chart('Precision@k against k', 'precision'), chart('Recall@k against k', 'recall'), chart('NDCG@k against k', 'ndcg')];
}

/** The version's name with a metric's value, for a legend: `v4 (challenger) · AUC 0.9123`. */
function labelWith(version: EvaluatedVersion, metric: string, shortName: string): string {
  const value = version.metrics[metric]?.value;
  return value === null || value === undefined ? versionName(version) : `${versionName(version)} · ${shortName} ${formatMetric(value)}`;
}

/** At most `max` points, evenly spaced by index, keeping the first and the last. */
function thin<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  return Array.from({ length: max }, (_, i) => points[Math.round((i * (points.length - 1)) / (max - 1))]!);
}
