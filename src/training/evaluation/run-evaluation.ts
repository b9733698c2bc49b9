// Evaluates registered versions on the same labelled data: their metrics, paired-bootstrap differences from the first
// (the champion), and the gates a challenger must pass. Loading versions is the caller's; this runs and compares them.
import { cellValue, tableFingerprint, type Table } from '../../dataset/index.js';
import { PitstopError } from '../../errors/index.js';
import type { Manifest } from '../../manifest/index.js';
import {
  classificationMetrics, classificationRowMetric, METRIC_NAMES, pairedBootstrap, rankingCurve, rankingMetrics, rankingRowMetric,
  regressionMetrics, regressionRowMetric, type EvaluationTask, type RowMetric,
} from '../../metrics/index.js';
import type { Progress } from '../../progress/index.js';
import type { Prediction } from '../../runtime/index.js';
import { evaluateGates } from './evaluate-gates.js';
import type { EvaluatedVersion, EvaluationReport, MetricComparison } from './evaluation-report.js';
import { classificationVersion, metricComparison, rankingVersion, regressionVersion } from './evaluated-version.js';
import { parseGate } from './parse-gate.js';
import { actualClasses, actualValues, predictRows, targetColumn } from './version-predictions.js';

export interface VersionToEvaluate {
  readonly version: number;
  readonly role?: string;
  readonly manifest: Manifest;
  readonly modelBytes: Uint8Array;
}

export interface EvaluationRequest {
  readonly model: string;
  /** The first is the champion (the baseline of every difference); gates compare the last with it. */
  readonly versions: readonly VersionToEvaluate[];
  readonly table: Table;
  readonly source: string;
  /** The label column; default: the target the champion was trained on. */
  readonly target?: string;
  readonly gates?: readonly string[];
  readonly bootstrap?: { readonly iterations?: number; readonly seed?: number };
  readonly now?: Date;
  /** Hears of the rows each version has scored. */
  readonly progress?: Progress;
}

export interface EvaluationOutcome {
  readonly report: EvaluationReport;
  /** False when any gate failed. */
  readonly passed: boolean;
}

/** What every version is scored on: the rows with a truth, the same rows for all, as typed arrays. */
interface Scored {
  readonly version: EvaluatedVersion;
  readonly predictions: Float64Array | (readonly string[])[];
}

/** Every version's predictions for every row, the versions scored side by side; progress counts rows of all. */
function scoreVersions(request: EvaluationRequest): Promise<Prediction[][]> {
  const { progress, versions, table } = request;
  progress?.start(`scoring ${versions.length} version${versions.length === 1 ? '' : 's'}`, { total: table.rowCount * versions.length, unit: 'rows' });
  let scored = 0;
  const onRows = (rows: number) => progress?.advance((scored += rows));
  return Promise.all(versions.map((v) => predictRows(v.modelBytes, v.manifest, table, onRows)));
}

export async function runEvaluation(request: EvaluationRequest): Promise<EvaluationOutcome> {
  if (request.versions.length === 0) throw new PitstopError('USAGE', 'evaluate needs at least one version', { field: 'versions' });
  const champion = request.versions[0]!.manifest;
  const task = champion.task;
  if (task === 'other') throw new PitstopError('VALIDATION_FAILED', `${request.model} is a model of task "other"; evaluation knows classification, regression and ranking`, { field: 'task' });
  const differing = request.versions.find((v) => v.manifest.task !== task);
  if (differing) throw new PitstopError('VALIDATION_FAILED', `version ${differing.version} does ${differing.manifest.task}, version ${request.versions[0]!.version} does ${task}: they cannot be compared`, { field: 'versions' });
  const gates = (request.gates ?? []).map((text) => parseGate(text, { task }));
  // A recommender trained on interactions has no rating column: every row is a relevant item.
  const target = request.target ?? (task === 'ranking' ? (recordedTarget(champion) ?? undefined) : trainedTarget(champion));
  const bootstrap = { iterations: request.bootstrap?.iterations ?? 1000, seed: request.bootstrap?.seed ?? 1, confidence: 0.95 };

  const predictions = await scoreVersions(request);
  const scoring = task === 'classification' ? classificationScoring(request, target!, predictions) : task === 'regression' ? regressionScoring(request, target!, predictions) : rankingScoring(request, target, predictions);

  const comparisons: MetricComparison[] = [];
  const baseline = scoring.scored[0]!;
  for (const other of scoring.scored.slice(1)) {
    for (const metric of METRIC_NAMES[task]) {
      const [a, b] = [baseline.version.metrics[metric]?.value, other.version.metrics[metric]?.value];
      if (a === null || a === undefined || b === null || b === undefined) continue;
      const rowMetric = scoring.rowMetric(metric) as RowMetric<unknown>;
      comparisons.push(metricComparison(metric, a, b, pairedBootstrap(rowMetric, scoring.rows, baseline.predictions, other.predictions, bootstrap)));
    }
  }

  const values = (scored: Scored) => Object.fromEntries(Object.entries(scored.version.metrics).map(([name, m]) => [name, m.value]));
  const challenger = scoring.scored[scoring.scored.length - 1]!;
  const gateResults = gates.length > 0 ? evaluateGates(gates, { champion: values(baseline), challenger: values(challenger) }) : [];
  const report: EvaluationReport = {
    model: request.model,
    task,
    generatedAt: (request.now ?? new Date()).toISOString(),
    dataset: { source: request.source, rows: scoring.rows, fingerprint: `sha256:${tableFingerprint(request.table)}`, ...scoring.datasetExtra },
    bootstrap,
    versions: scoring.scored.map((s) => s.version),
    comparisons,
    ...(gates.length > 0 ? { gates: { champion: baseline.version.version, challenger: challenger.version.version, results: gateResults } } : {}),
  };
  return { report, passed: gateResults.every((g) => g.passed) };
}

interface Scoring {
  readonly rows: number;
  readonly scored: Scored[];
  rowMetric(metric: string): RowMetric<never>;
  readonly datasetExtra: { classes?: string[]; k?: number };
}

function classificationScoring(request: EvaluationRequest, target: string, predictions: Prediction[][]): Scoring {
  const output = request.versions[0]!.manifest.outputs.find((o) => o.role === 'probabilities');
  if (!output?.classes) throw new PitstopError('VALIDATION_FAILED', `version ${request.versions[0]!.version} has no probabilities output with classes to score`, { field: 'outputs' });
  const classes = output.classes.map(String);
  const truth = actualClasses(request.table, target, classes);
  const keep = rowsWhere(truth.length, (row) => truth[row]! >= 0);
  const actual = Int32Array.from(keep, (row) => truth[row]!);
  const scored = request.versions.map((v, i) => {
    const probabilities = new Float64Array(keep.length * classes.length);
    keep.forEach((row, j) => classes.forEach((c, k) => (probabilities[j * classes.length + k] = predictions[i]![row]!.probabilities?.[c] ?? 0)));
    return { version: classificationVersion(v.version, classificationMetrics({ actual, probabilities, classes }), role(v)), predictions: probabilities };
  });
  return { rows: keep.length, scored, rowMetric: (m) => classificationRowMetric(m as never, actual, classes) as RowMetric<never>, datasetExtra: { classes } };
}

function regressionScoring(request: EvaluationRequest, target: string, predictions: Prediction[][]): Scoring {
  const truth = actualValues(request.table, target);
  const keep = rowsWhere(truth.length, (row) => Number.isFinite(truth[row]!));
  const actual = Float64Array.from(keep, (row) => truth[row]!);
  const scored = request.versions.map((v, i) => {
    const predicted = Float64Array.from(keep, (row) => Number(predictions[i]![row]!.value));
    return { version: regressionVersion(v.version, regressionMetrics({ actual, predicted }), { actual, predicted }, role(v)), predictions: predicted };
  });
  return { rows: keep.length, scored, rowMetric: (m) => regressionRowMetric(m as never, actual) as RowMetric<never>, datasetExtra: {} };
}

/** Ranking: one case per user in the data; relevant items are those the user rated at least 4 (or any, without ratings). */
function rankingScoring(request: EvaluationRequest, target: string | undefined, predictions: Prediction[][]): Scoring {
  const manifest = request.versions[0]!.manifest;
  const userColumn = manifest.features[0]!.name;
  const itemColumn = String(manifest.lineage.parameters?.itemColumn ?? 'itemId');
  const [users, items] = [targetColumn(request.table, userColumn), targetColumn(request.table, itemColumn)];
  const rating = target ? targetColumn(request.table, target) : null;
  const relevantByUser = new Map<string, Set<string>>();
  const firstRowOfUser = new Map<string, number>();
  for (let row = 0; row < request.table.rowCount; row++) {
    const user = String(cellValue(users, row));
    if (!firstRowOfUser.has(user)) firstRowOfUser.set(user, row);
    const value = rating ? cellValue(rating, row) : 1;
    if (rating && !(typeof value === 'number' && value >= 4)) continue;
    (relevantByUser.get(user) ?? relevantByUser.set(user, new Set()).get(user)!).add(String(cellValue(items, row)));
  }
  const evaluatedUsers = [...relevantByUser.keys()];
  const relevant = evaluatedUsers.map((u) => relevantByUser.get(u)!);
  let k = 0;
  const scored = request.versions.map((v, i) => {
    const rankingOutput = v.manifest.outputs.find((o) => o.role === 'ranking')!.name;
    const ranked = evaluatedUsers.map((u) => (predictions[i]![firstRowOfUser.get(u)!]!.outputs?.[rankingOutput] as string[] | undefined)?.map(String) ?? []);
    k = Math.max(k, ...ranked.map((r) => r.length));
    const cases = ranked.map((r, j) => ({ ranked: r, relevant: relevant[j]! }));
    const ks = [1, 3, 5, 10, 20].filter((x) => x <= k);
    return { version: rankingVersion(v.version, rankingMetrics(cases, k), rankingCurve(cases, ks.length > 0 ? ks : [k]), role(v)), predictions: ranked };
  });
  return { rows: evaluatedUsers.length, scored, rowMetric: (m) => rankingRowMetric(m as never, relevant, k) as RowMetric<never>, datasetExtra: { k } };
}

function recordedTarget(manifest: Manifest): string | null {
  const target = manifest.lineage.parameters?.target;
  return typeof target === 'string' && target ? target : null;
}

function trainedTarget(manifest: Manifest): string {
  const target = recordedTarget(manifest);
  if (target) return target;
  throw new PitstopError('USAGE', `${manifest.name} ${manifest.version} does not record its target column; pass --target COLUMN`, { field: 'target' });
}

function rowsWhere(count: number, keep: (row: number) => boolean): number[] {
  const rows: number[] = [];
  for (let row = 0; row < count; row++) if (keep(row)) rows.push(row);
  return rows;
}

function role(v: VersionToEvaluate): { role?: string } {
  return v.role ? { role: v.role } : {};
}

export type { EvaluationTask };
