// Turns a model saved by XGBoost into Pitstop's ONNX tree ensemble and a starter manifest, so it is packaged, served,
// monitored, replayed and explained like a model Pitstop trained. No Python: the trees are read from the saved file.
import { PitstopError } from '../../errors/index.js';
import { FEATURE_NAME_PATTERN, parseManifestSpec, type ManifestSpec } from '../../manifest/index.js';
import { OnnxGraphBuilder } from '../../onnx/index.js';
import { EXPORT_OPSETS } from '../feature-matrix.js';
import { emitGbdtOnnx, type GbdtEnsemble, type GbdtNode, type GbdtObjective, type GbdtTree } from '../gbdt/index.js';
import { PRODUCER } from '../train-tabular-model.js';
import { readXgboostModel, type XgboostModel, type XgboostTree } from './read-xgboost-model.js';

export interface ImportXgboostOptions {
  readonly name: string;
  readonly version?: string;
  /** Overrides the names saved in the model (or f0, f1, ... when it has none); one per feature, in order. */
  readonly featureNames?: readonly string[];
}

export interface ImportedModel {
  readonly modelBytes: Uint8Array;
  readonly spec: ManifestSpec;
  readonly ensemble: GbdtEnsemble;
}

/** The ONNX graph's one input: every feature as a column of a float32 [N, features] tensor, as XGBoost reads them. */
export const IMPORTED_INPUT = 'features';

const REGRESSION = ['reg:squarederror', 'reg:linear', 'reg:squaredlogerror', 'reg:pseudohubererror', 'reg:absoluteerror'];
const OBJECTIVES: Readonly<Record<string, GbdtObjective>> = {
  ...Object.fromEntries(REGRESSION.map((name) => [name, 'regression' as const])),
  'binary:logistic': 'binary',
  'multi:softprob': 'multiclass',
  'multi:softmax': 'multiclass',
};

export function importXgboostModel(bytes: Uint8Array, options: ImportXgboostOptions): ImportedModel {
  const model = readXgboostModel(bytes);
  const objective = Object.hasOwn(OBJECTIVES, model.objective) ? OBJECTIVES[model.objective]! : null;
  if (objective === null) {
    throw new PitstopError('MODEL_IMPORT_UNSUPPORTED', `the objective ${model.objective} is not supported; Pitstop imports ${Object.keys(OBJECTIVES).join(', ')}, whose predictions are the raw score, its logistic or its softmax`);
  }
  const featureNames = importedFeatureNames(model, options.featureNames);
  const ensemble = xgboostEnsemble(model, objective, featureNames);
  const builder = new OnnxGraphBuilder().addInput(IMPORTED_INPUT, 'float32', [null, featureNames.length]);
  const outputs = emitGbdtOnnx(builder, ensemble, IMPORTED_INPUT);
  const modelBytes = builder.toBytes({ opsets: [...EXPORT_OPSETS], producerName: PRODUCER.name, producerVersion: PRODUCER.version });
  const spec = parseManifestSpec({
    name: options.name,
    version: options.version ?? '1',
    description: `Imported by pitstop package import from an XGBoost ${model.version} model (${model.objective}, ${model.trees.length} trees). Add ranges and defaults to the features, and build with --reference to profile the training data.`,
    task: objective === 'regression' ? 'regression' : 'classification',
    framework: { name: 'xgboost', version: model.version },
    // XGBoost learned a direction for missing values at every split, so a feature may be left out or NaN.
    features: featureNames.map((name) => ({ name, type: 'number', required: false, allowNaN: true })),
    inputs: [{ name: IMPORTED_INPUT, dtype: 'float32', features: featureNames }],
    outputs: outputs.map((o) => ({ name: o.name, role: o.role, ...(o.classes ? { classes: [...o.classes] } : {}) })),
    lineage: { parameters: { importedFrom: 'xgboost', objective: model.objective, trees: model.trees.length, baseScore: model.baseScore } },
    runtime: { onnxruntime: '>=1.16.0' },
  }, 'imported manifest');
  return { modelBytes, spec, ensemble };
}

function importedFeatureNames(model: XgboostModel, given: readonly string[] | undefined): string[] {
  const names = given ? [...given] : model.featureNames.length > 0 ? [...model.featureNames] : Array.from({ length: model.numFeature }, (_, i) => `f${i}`);
  if (names.length !== model.numFeature) {
    throw new PitstopError('MODEL_IMPORT_INVALID', `--feature-names gives ${names.length} names; the model reads ${model.numFeature} features`, { field: 'feature-names' });
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (!FEATURE_NAME_PATTERN.test(name)) {
      throw new PitstopError('MODEL_IMPORT_INVALID', `feature name "${name}" cannot be a manifest feature name (a letter or _ first, then letters, digits, _ . -); give usable names with --feature-names`, { field: 'feature-names' });
    }
    if (seen.has(name)) throw new PitstopError('MODEL_IMPORT_INVALID', `feature name "${name}" appears twice`, { field: 'feature-names' });
    seen.add(name);
  }
  return names;
}

/**
 * The trees as a Pitstop ensemble. XGBoost sends a row left when x < threshold, in float32; ONNX's BRANCH_LEQ (which
 * Pitstop writes) when x <= threshold. For float32 x, "x < t" is exactly "x <= the float32 just below t".
 */
function xgboostEnsemble(model: XgboostModel, objective: GbdtObjective, featureNames: string[]): GbdtEnsemble {
  const k = objective === 'multiclass' ? model.numClass : 1;
  const byClass: GbdtTree[][] = Array.from({ length: k }, () => []);
  model.trees.forEach((tree, t) => {
    const scoreColumn = model.treeInfo[t]!;
    if (!(scoreColumn >= 0 && scoreColumn < k)) throw new PitstopError('MODEL_IMPORT_INVALID', `tree ${t} adds to class ${scoreColumn}, but the model has ${k} score column(s)`);
    byClass[scoreColumn]!.push(gbdtTree(tree, t, model.weightDrop?.[t] ?? 1, model.numFeature));
  });
  // Pitstop's ensembles are round-major, tree t scoring column t mod k; every class has as many trees in XGBoost.
  const rounds = byClass[0]!.length;
  if (byClass.some((trees) => trees.length !== rounds)) throw new PitstopError('MODEL_IMPORT_INVALID', 'the classes do not have the same number of trees');
  const trees = Array.from({ length: rounds * k }, (_, i) => byClass[i % k]![Math.floor(i / k)]!);
  return {
    objective,
    classes: objective === 'regression' ? null : classNames(model, objective === 'binary' ? 2 : k),
    baseScores: Array.from({ length: k }, () => Math.fround(baseMargin(model, objective))),
    trees,
    nTreesPerRound: k,
    featureNames,
    bestRound: rounds,
  };
}

function gbdtTree(tree: XgboostTree, index: number, weight: number, numFeature: number): GbdtTree {
  const nodes: GbdtNode[] = [];
  const visit = (id: number, depth: number): number => {
    if (!(id >= 0 && id < tree.left.length) || depth > tree.left.length) throw new PitstopError('MODEL_IMPORT_INVALID', `tree ${index} links to node ${id}, which it does not have`);
    const at = nodes.length;
    nodes.push({ kind: 'leaf', value: 0 });
    const cover = tree.cover[id]!;
    if (tree.left[id] === -1) {
      // dart scales each tree by its weight at prediction time, in float32.
      nodes[at] = { kind: 'leaf', value: Math.fround(Math.fround(tree.condition[id]!) * weight), cover };
      return at;
    }
    const feature = tree.feature[id]!;
    if (!(feature >= 0 && feature < numFeature)) throw new PitstopError('MODEL_IMPORT_INVALID', `tree ${index} splits on feature ${feature}; the model reads ${numFeature}`);
    const left = visit(tree.left[id]!, depth + 1);
    const right = visit(tree.right[id]!, depth + 1);
    nodes[at] = { kind: 'split', feature, threshold: float32Below(Math.fround(tree.condition[id]!)), missingGoesLeft: tree.defaultLeft[id]!, left, right, cover };
    return at;
  };
  visit(0, 0);
  return { nodes };
}

const FLOAT = new Float32Array(1);
const BITS = new Int32Array(FLOAT.buffer);

/** The largest float32 below t (t a finite float32): one step down in its bit pattern, across zero to -2^-149. */
export function float32Below(t: number): number {
  if (t === 0) return -(2 ** -149);
  if (!Number.isFinite(t)) return t;
  FLOAT[0] = t;
  BITS[0]! += t > 0 ? -1 : 1;
  return FLOAT[0]!;
}

/** The raw score before any tree: base_score, which binary:logistic saves as a probability. */
function baseMargin(model: XgboostModel, objective: GbdtObjective): number {
  if (objective !== 'binary') return model.baseScore;
  const p = model.baseScore;
  if (!(p > 0 && p < 1)) throw new PitstopError('MODEL_IMPORT_INVALID', `base_score ${p} is not a probability, as binary:logistic saves it`);
  return -Math.log(1 / p - 1);
}

function classNames(model: XgboostModel, count: number): string[] {
  return model.classes?.length === count ? [...model.classes] : Array.from({ length: count }, (_, i) => String(i));
}
