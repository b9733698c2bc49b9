// Finds the one ai.onnx.ml head (linear model or tree ensemble) of a package's graph that exact explanations can read,
// and how to compute the columns it sees from records: the package's feature pipeline in JS, or the records' own tensor.
import { tableFromRecords, type Table } from '../dataset/index.js';
import { PitstopError } from '../errors/index.js';
import {
  findMlOperatorNode,
  readLinearModel,
  readTreeEnsemble,
  scoredTreeValue,
  type LinearModel,
  type ScoredTree,
  type TreeEnsemble,
} from '../explain/index.js';
import { datetimeEpochSeconds, RESOURCE_FILES, type Feature, type Manifest } from '../manifest/index.js';
import { decodeOnnxModel } from '../onnx/index.js';
import type { LoadedPackage } from '../package/index.js';
import { recordsToFeeds, type FeatureRecord, type FeatureValue } from '../runtime/index.js';
import { parseFittedFeaturePipeline, pipelineColumnNames, transformTable, type FittedFeaturePipeline, type FittedFeatureStep } from '../training/pipeline/index.js';

const HEAD_TYPES = ['TreeEnsembleRegressor', 'TreeEnsembleClassifier', 'LinearRegressor', 'LinearClassifier'];

export type HeadModel = { readonly kind: 'linear'; readonly linear: LinearModel } | { readonly kind: 'tree'; readonly ensemble: TreeEnsemble };

export interface ExactHead {
  readonly model: HeadModel;
  readonly opType: string;
  readonly postTransform: string;
  /** The columns the head reads, e.g. `age`, `island=Dream`, `date:month`. */
  readonly columnNames: readonly string[];
  /** For each column, the index (in manifest order) of the feature it is computed from. */
  readonly featureOfColumn: readonly number[];
  /** rows × columns, row-major: what the head sees for these records. */
  rows(records: readonly FeatureRecord[]): Float32Array;
  /** Every raw score (regressor targets or classifier score columns) for one row. */
  rawScores(row: Float32Array): number[];
}

const heads = new WeakMap<LoadedPackage, ExactHead | { reason: string }>();

/** The package's head, or why it cannot be explained exactly. Read once per loaded package. */
export function exactHeadOf(pkg: LoadedPackage): ExactHead | { reason: string } {
  let head = heads.get(pkg);
  if (!head) {
    try {
      head = readHead(pkg);
    } catch (error) {
      if (!(error instanceof PitstopError)) throw error;
      head = { reason: error.message };
    }
    heads.set(pkg, head);
  }
  return head;
}

function readHead(pkg: LoadedPackage): ExactHead | { reason: string } {
  const proto = decodeOnnxModel(pkg.modelBytes());
  const options = { allowComputedInput: true };
  const node = findMlOperatorNode(proto, HEAD_TYPES, options);
  const model: HeadModel = node.opType.startsWith('Linear')
    ? { kind: 'linear', linear: readLinearModel(proto, options) }
    : { kind: 'tree', ensemble: readTreeEnsemble(proto, options) };
  const graphInputs = new Set((proto.graph?.input ?? []).map((input) => input.name ?? ''));
  const columns = graphInputs.has(node.input) ? inputColumns(pkg.manifest, node.input) : pipelineColumns(pkg, node.input);
  if ('reason' in columns) return columns;
  const width = columns.columnNames.length;
  const widthProblem = widthMismatch(model, width);
  if (widthProblem) return { reason: widthProblem };
  const postTransform = model.kind === 'linear' ? model.linear.postTransform : model.ensemble.postTransform;
  return { model, opType: node.opType, postTransform, ...columns, rawScores: rawScoresOf(model) };
}

type Columns = Pick<ExactHead, 'columnNames' | 'featureOfColumn' | 'rows'>;

/** A head reading a graph input: the manifest must map every feature to one column of that single tensor. */
function inputColumns(manifest: Manifest, inputName: string): Columns | { reason: string } {
  const input = manifest.inputs.find((candidate) => candidate.name === inputName);
  const names = manifest.features.map((feature) => feature.name);
  if (manifest.inputs.length !== 1 || !input || input.rank !== 2 || input.dtype === 'string') {
    return { reason: `the head reads '${inputName}', but the features do not all arrive as columns of that one numeric tensor` };
  }
  if (input.features.length !== names.length || new Set(input.features).size !== names.length || !names.every((name) => input.features.includes(name))) {
    return { reason: `the columns of '${inputName}' (${input.features.join(', ')}) are not the model's features one to one` };
  }
  return {
    columnNames: [...input.features],
    featureOfColumn: input.features.map((name) => names.indexOf(name)),
    // The same conversion the serving runtime does, so the head sees what onnxruntime sees.
    rows: (records) => Float32Array.from(recordsToFeeds(manifest, records)[inputName]!.data as ArrayLike<number | bigint>, Number),
  };
}

/** A head reading a computed tensor: the package's fitted feature pipeline must compute it. */
function pipelineColumns(pkg: LoadedPackage, inputName: string): Columns | { reason: string } {
  const bytes = pkg.files.get(RESOURCE_FILES.preprocessing);
  if (!bytes) return { reason: `the head reads '${inputName}', which the graph computes, and the package has no ${RESOURCE_FILES.preprocessing} to compute it with` };
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return { reason: `${RESOURCE_FILES.preprocessing} is not JSON: ${(error as Error).message}` };
  }
  const pipeline = parseFittedFeaturePipeline(json);
  const names = pkg.manifest.features.map((feature) => feature.name);
  const unknown = pipeline.features.find((step) => !names.includes(step.name));
  if (unknown) return { reason: `the feature pipeline reads '${unknown.name}', which is not one of the model's features` };
  const features = new Map(pkg.manifest.features.map((feature) => [feature.name, feature]));
  return {
    columnNames: pipelineColumnNames(pipeline),
    featureOfColumn: pipeline.features.flatMap((step) => stepColumnNames(pipeline, step).map(() => names.indexOf(step.name))),
    rows: (records) => transformTable(pipeline, pipelineTable(pipeline, features, records)).values,
  };
}

function stepColumnNames(pipeline: FittedFeaturePipeline, step: FittedFeatureStep): string[] {
  return pipelineColumnNames({ ...pipeline, features: [step] });
}

/**
 * The records as the table transformTable reads, each value converted as the serving runtime converts it for the
 * graph's inputs (defaults for missing values, booleans as 1/0, any category as its text, datetimes as whole seconds).
 */
function pipelineTable(pipeline: FittedFeaturePipeline, features: ReadonlyMap<string, Feature>, records: readonly FeatureRecord[]): Table {
  const cells = records.map((record) => Object.fromEntries(pipeline.features.map((step) => [step.name, pipelineCell(step, features.get(step.name)!, record)])));
  const table = tableFromRecords(cells);
  for (const step of pipeline.features) {
    // A datetime column with no value at all looks numeric to tableFromRecords; the pipeline reads text.
    if (step.kind === 'datetime' && table.columns.get(step.name)?.type !== 'string') {
      table.columns.set(step.name, { name: step.name, type: 'string', values: records.map(() => null) });
    }
  }
  return table;
}

function pipelineCell(step: FittedFeatureStep, feature: Feature, record: FeatureRecord): number | string | null {
  const given = record[feature.name];
  const value: FeatureValue = given === undefined || given === null ? (feature.default ?? null) : given;
  if (value === null || value === undefined) return null;
  if (step.kind === 'categorical') return String(value);
  if (step.kind === 'datetime') {
    const seconds = datetimeEpochSeconds(value);
    return seconds === null ? null : new Date(seconds * 1000).toISOString();
  }
  const number = typeof value === 'boolean' ? (value ? 1 : 0) : value === '' ? Number.NaN : Number(value);
  return Number.isFinite(number) ? number : null;
}

function widthMismatch(model: HeadModel, width: number): string | null {
  if (model.kind === 'linear') {
    const weights = model.linear.coefficients[0]?.length ?? 0;
    return weights === width ? null : `the ${model.linear.opType} has ${weights} coefficients per row, but its input has ${width} columns`;
  }
  const widest = Math.max(-1, ...model.ensemble.trees.flatMap((tree) => tree.map((node) => node.feature)));
  return widest < width ? null : `a tree splits on column ${widest}, but the input has ${width} columns`;
}

/** Raw scores in float64, for checking the head against onnxruntime's answer. */
function rawScoresOf(model: HeadModel): (row: Float32Array) => number[] {
  if (model.kind === 'linear') {
    const { coefficients, intercepts } = model.linear;
    return (row) => coefficients.map((weights, t) => weights.reduce((sum, weight, i) => sum + weight * (row[i] as number), intercepts[t] ?? 0));
  }
  const { trees, baseValues } = model.ensemble;
  // Each tree as a ScoredTree whose leaf "value" is the leaf's index, so one walk finds the leaf for every score.
  const leafFinders: ScoredTree[] = trees.map((tree) => tree.map((node, index) => ({ ...node, cover: 1, value: index })));
  return (row) => {
    const scores = [...baseValues];
    trees.forEach((tree, t) => tree[scoredTreeValue(leafFinders[t]!, row)]!.weights.forEach((weight, s) => (scores[s] = (scores[s] ?? 0) + weight)));
    return scores;
  };
}
