// Trains a recommender (matrix factorisation) from (user, item, rating) rows: a seeded split, ALS, top-k metrics on the
// held-out ratings, and an ONNX graph that takes a user id and answers the top-k items.
import { cellValue, splitTable, tableFingerprint, takeRows, type Table } from '../dataset/index.js';
import { PitstopError } from '../errors/index.js';
import type { ManifestSpec } from '../manifest/index.js';
import type { RankingCase } from '../metrics/index.js';
import { exportMatrixFactorizationOnnx, resolveMatrixFactorizationParams, scoreItems, trainMatrixFactorization, type MatrixFactorizationModel } from './matrix-factorization/index.js';
import { rankingSplitMetrics, regressionSplitMetrics, type MetricValues } from './split-metrics.js';
import { PRODUCER, type TrainedModel } from './train-tabular-model.js';

export interface RecommenderTrainingRequest {
  readonly table: Table;
  readonly source: string;
  readonly userColumn: string;
  readonly itemColumn: string;
  /** The rating (explicit) or interaction strength (implicit); absent: every row counts 1 (implicit only). */
  readonly ratingColumn?: string;
  readonly params?: Record<string, unknown>;
  readonly seed?: number;
  readonly holdout?: number;
  /** A held-out rating at least this high is a relevant item for precision@k / NDCG@k. Default 4 (explicit), any (implicit). */
  readonly relevantFrom?: number;
  readonly name: string;
  readonly version: string;
  readonly description?: string;
}

export function trainRecommender(request: RecommenderTrainingRequest): TrainedModel {
  const seed = request.seed ?? 42;
  const params = resolveMatrixFactorizationParams({ seed, ...request.params });
  if (params.feedback === 'explicit' && !request.ratingColumn) {
    throw new PitstopError('TRAINING_DATA_INVALID', 'explicit feedback needs a rating column (--target); use --params feedback=implicit for interactions without ratings', { field: 'target' });
  }
  const fingerprint = tableFingerprint(request.table);
  const parts = splitTable(request.table, { fractions: { train: 1 - (request.holdout ?? 0.2), holdout: request.holdout ?? 0.2 }, seed });
  const train = ratingsOf(parts.train, request);
  const model = trainMatrixFactorization(train, params);
  const holdout = ratingsOf(parts.holdout, request);
  const metrics: Record<string, MetricValues> = { holdout: holdoutMetrics(model, train, holdout, params.topK, request.relevantFrom ?? (params.feedback === 'explicit' ? 4 : Number.NEGATIVE_INFINITY)) };

  const onnx = exportMatrixFactorizationOnnx(model, { topK: params.topK });
  const spec: ManifestSpec = {
    name: request.name,
    version: request.version,
    ...(request.description ? { description: request.description } : {}),
    task: 'ranking',
    framework: { name: PRODUCER.name, version: PRODUCER.version },
    // Callers send the user's id under the column's name; unknown users get broadly popular items.
    features: [{ name: request.userColumn, type: 'category', required: true, allowNaN: false }],
    inputs: onnx.inputs.map((input) => ({ name: input.name, dtype: input.dtype, features: [request.userColumn], rank: 1 as const })),
    outputs: onnx.outputs.map((o) => ({ name: o.name, role: o.role })),
    lineage: {
      trainingData: { digest: `sha256:${fingerprint}`, rows: request.table.rowCount, source: request.source },
      parameters: { algorithm: 'mf', target: request.ratingColumn ?? null, userColumn: request.userColumn, itemColumn: request.itemColumn, seed, params: { ...params } },
      metrics: Object.fromEntries(Object.entries(metrics.holdout!).map(([k, v]) => [`holdout.${k}`, v])),
    },
    runtime: { onnxruntime: '>=1.16.0' },
  };
  const userOnly = new Map([[request.userColumn, parts.train.columns.get(request.userColumn)!]]);
  return {
    modelBytes: onnx.bytes, spec, pipeline: null, metrics, params: { ...params },
    details: { users: model.userIds.length, items: model.itemIds.length, history: model.history },
    dataset: { fingerprint, rows: request.table.rowCount, droppedRows: 0, splitRows: { train: parts.train.rowCount, holdout: parts.holdout.rowCount } },
    reference: { rowCount: parts.train.rowCount, columns: userOnly },
  };
}

interface Ratings {
  users: string[];
  items: string[];
  ratings: Float64Array;
}

function ratingsOf(table: Table, request: RecommenderTrainingRequest): Ratings {
  const column = (name: string) => {
    const found = table.columns.get(name);
    if (!found) throw new PitstopError('TRAINING_DATA_INVALID', `the data has no column "${name}"; its columns: ${[...table.columns.keys()].join(', ')}`, { field: name });
    return found;
  };
  const [users, items] = [column(request.userColumn), column(request.itemColumn)];
  const rating = request.ratingColumn ? column(request.ratingColumn) : null;
  const keep: number[] = [];
  for (let row = 0; row < table.rowCount; row++) {
    if (cellValue(users, row) !== null && cellValue(items, row) !== null && (!rating || typeof cellValue(rating, row) === 'number')) keep.push(row);
  }
  const rows = keep.length === table.rowCount ? table : takeRows(table, keep);
  const text = (name: string) => Array.from({ length: rows.rowCount }, (_, row) => String(cellValue(rows.columns.get(name)!, row)));
  const values = request.ratingColumn ? Float64Array.from({ length: rows.rowCount }, (_, row) => cellValue(rows.columns.get(request.ratingColumn!)!, row) as number) : new Float64Array(rows.rowCount).fill(1);
  return { users: text(request.userColumn), items: text(request.itemColumn), ratings: values };
}

/** Explicit: RMSE on held-out ratings of known users and items. Both: precision/recall/NDCG@k, training items excluded. */
function holdoutMetrics(model: MatrixFactorizationModel, train: Ratings, holdout: Ratings, k: number, relevantFrom: number): MetricValues {
  const itemIndex = new Map(model.itemIds.map((id, i) => [id, i]));
  const knownUsers = new Set(model.userIds);
  const seen = new Map<string, Set<string>>();
  train.users.forEach((user, i) => (seen.get(user) ?? seen.set(user, new Set()).get(user)!).add(train.items[i]!));
  const relevant = new Map<string, Set<string>>();
  const actual: number[] = [];
  const predicted: number[] = [];
  const scores = new Map<string, Float64Array>();
  const scoresOf = (user: string) => scores.get(user) ?? scores.set(user, scoreItems(model, user)).get(user)!;
  holdout.users.forEach((user, i) => {
    const item = holdout.items[i]!;
    const itemAt = itemIndex.get(item);
    if (!knownUsers.has(user) || itemAt === undefined) return;
    if (model.feedback === 'explicit') {
      actual.push(holdout.ratings[i]!);
      predicted.push(scoresOf(user)[itemAt]!);
    }
    if (holdout.ratings[i]! >= relevantFrom) (relevant.get(user) ?? relevant.set(user, new Set()).get(user)!).add(item);
  });
  const cases: RankingCase[] = [...relevant].map(([user, items]) => ({ ranked: topUnseen(model, scoresOf(user), seen.get(user), k), relevant: items }));
  return {
    ...(actual.length > 0 ? { rmse: regressionSplitMetrics(Float64Array.from(actual), Float64Array.from(predicted)).rmse! } : {}),
    ...(cases.length > 0 ? rankingSplitMetrics(cases, k) : {}),
  };
}

function topUnseen(model: MatrixFactorizationModel, scores: Float64Array, seen: ReadonlySet<string> | undefined, k: number): string[] {
  const order = Array.from(scores.keys()).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const top: string[] = [];
  for (const index of order) {
    const item = model.itemIds[index]!;
    if (!seen?.has(item)) top.push(item);
    if (top.length === k) break;
  }
  return top;
}
