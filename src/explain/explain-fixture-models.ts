// Small ONNX models for the explain tests (they belong in test/fixtures/ once that folder is free to edit).
// Trees are written as nested objects and flattened into the ai.onnx.ml attribute arrays.
import { OnnxGraphBuilder, type OnnxModelOptions } from '../onnx/index.js';

const OPTIONS: Omit<OnnxModelOptions, 'graphName'> = {
  opsets: [
    { domain: '', version: 15 },
    { domain: 'ai.onnx.ml', version: 2 },
  ],
  producerName: 'pitstop-explain-tests',
  producerVersion: '1',
};

export type FixtureTree =
  | { leaf: number; cover: number }
  | {
      feature: number;
      mode: 'BRANCH_LEQ' | 'BRANCH_LT' | 'BRANCH_GTE' | 'BRANCH_GT';
      threshold: number;
      cover: number;
      missingTracksTrue?: boolean;
      yes: FixtureTree;
      no: FixtureTree;
    };

/** Three trees over four features, depths 3, 2 and 2; tree 0 splits on feature 0 twice on one path. Covers add up. */
export const FIXTURE_TREES: FixtureTree[] = [
  {
    feature: 0, mode: 'BRANCH_LEQ', threshold: 0.5, cover: 100, missingTracksTrue: true,
    yes: {
      feature: 1, mode: 'BRANCH_LT', threshold: 1, cover: 60,
      yes: { leaf: 1.5, cover: 25 },
      no: {
        feature: 0, mode: 'BRANCH_LEQ', threshold: -0.5, cover: 35,
        yes: { leaf: -0.7, cover: 15 },
        no: { leaf: 0.3, cover: 20 },
      },
    },
    no: {
      feature: 2, mode: 'BRANCH_GT', threshold: 2, cover: 40,
      yes: { leaf: 2.2, cover: 10 },
      no: { leaf: -1.1, cover: 30 },
    },
  },
  {
    feature: 3, mode: 'BRANCH_GTE', threshold: 0, cover: 100,
    yes: {
      feature: 1, mode: 'BRANCH_LEQ', threshold: 0.25, cover: 45,
      yes: { leaf: 0.9, cover: 20 },
      no: { leaf: -0.4, cover: 25 },
    },
    no: {
      feature: 2, mode: 'BRANCH_LEQ', threshold: 1, cover: 55,
      yes: { leaf: 0.1, cover: 30 },
      no: { leaf: 0.6, cover: 25 },
    },
  },
  {
    feature: 2, mode: 'BRANCH_LEQ', threshold: 1.5, cover: 100,
    yes: { leaf: 0.25, cover: 70 },
    no: {
      feature: 3, mode: 'BRANCH_LT', threshold: 0.5, cover: 30,
      yes: { leaf: -0.8, cover: 10 },
      no: { leaf: 1.3, cover: 20 },
    },
  },
];

/** X float [N, 4] → Y float [N, 1]: TreeEnsembleRegressor over FIXTURE_TREES plus baseValue. */
export function treeRegressorOnnx(options: { trees?: FixtureTree[]; baseValue?: number; withHitrates?: boolean } = {}): Uint8Array {
  const { trees = FIXTURE_TREES, baseValue = 0.5, withHitrates = true } = options;
  const a = flattenTrees(trees);
  return new OnnxGraphBuilder()
    .addInput('X', 'float32', ['N', 4])
    .addNode(
      'TreeEnsembleRegressor',
      ['X'],
      ['Y'],
      {
        n_targets: { int: 1 },
        aggregate_function: 'SUM',
        post_transform: 'NONE',
        base_values: { floats: [baseValue] },
        nodes_treeids: { ints: a.treeIds },
        nodes_nodeids: { ints: a.nodeIds },
        nodes_featureids: { ints: a.features },
        nodes_values: { floats: a.thresholds },
        nodes_modes: a.modes,
        nodes_truenodeids: { ints: a.trueIds },
        nodes_falsenodeids: { ints: a.falseIds },
        nodes_missing_value_tracks_true: { ints: a.missing },
        ...(withHitrates ? { nodes_hitrates: { floats: a.covers } } : {}),
        target_treeids: { ints: a.leafTrees },
        target_nodeids: { ints: a.leafNodes },
        target_ids: { ints: a.leafNodes.map(() => 0) },
        target_weights: { floats: a.leafValues },
      },
      'ai.onnx.ml',
    )
    .addOutput('Y', 'float32', ['N', 1])
    .toBytes({ ...OPTIONS, graphName: 'tree_regressor' });
}

/** X float [N, k] → Y float [N, targets]: an ai.onnx.ml LinearRegressor. */
export function mlLinearRegressorOnnx(coefficients: number[][], intercepts: number[]): Uint8Array {
  const k = coefficients[0]?.length ?? 0;
  return new OnnxGraphBuilder()
    .addInput('X', 'float32', ['N', k])
    .addNode(
      'LinearRegressor',
      ['X'],
      ['Y'],
      { coefficients: { floats: coefficients.flat() }, intercepts: { floats: intercepts }, targets: { int: coefficients.length } },
      'ai.onnx.ml',
    )
    .addOutput('Y', 'float32', ['N', coefficients.length])
    .toBytes({ ...OPTIONS, graphName: 'linear_regressor' });
}

/** X float [N, k] → label int64 [N], scores float [N, classes]: a LinearClassifier with raw scores (no post_transform). */
export function mlLinearClassifierOnnx(coefficients: number[][], intercepts: number[]): Uint8Array {
  const k = coefficients[0]?.length ?? 0;
  return new OnnxGraphBuilder()
    .addInput('X', 'float32', ['N', k])
    .addNode(
      'LinearClassifier',
      ['X'],
      ['label', 'scores'],
      {
        coefficients: { floats: coefficients.flat() },
        intercepts: { floats: intercepts },
        classlabels_ints: { ints: coefficients.map((_, index) => index) },
        post_transform: 'NONE',
      },
      'ai.onnx.ml',
    )
    .addOutput('label', 'int64', ['N'])
    .addOutput('scores', 'float32', ['N', coefficients.length])
    .toBytes({ ...OPTIONS, graphName: 'linear_classifier' });
}

function flattenTrees(trees: FixtureTree[]) {
  const a = {
    treeIds: [] as number[], nodeIds: [] as number[], features: [] as number[], thresholds: [] as number[],
    modes: [] as string[], trueIds: [] as number[], falseIds: [] as number[], missing: [] as number[],
    covers: [] as number[], leafTrees: [] as number[], leafNodes: [] as number[], leafValues: [] as number[],
  };
  trees.forEach((tree, treeId) => {
    let nextId = 0;
    // Pre-order numbering: the root is node 0 and comes first, as onnxruntime expects.
    const visit = (node: FixtureTree): number => {
      const id = nextId++;
      const position = a.treeIds.length;
      a.treeIds.push(treeId);
      a.nodeIds.push(id);
      a.covers.push(node.cover);
      if ('leaf' in node) {
        a.features.push(0), a.thresholds.push(0), a.modes.push('LEAF'), a.trueIds.push(0), a.falseIds.push(0), a.missing.push(0);
        a.leafTrees.push(treeId), a.leafNodes.push(id), a.leafValues.push(node.leaf);
        return id;
      }
      a.features.push(node.feature), a.thresholds.push(node.threshold), a.modes.push(node.mode);
      a.missing.push(node.missingTracksTrue ? 1 : 0), a.trueIds.push(0), a.falseIds.push(0);
      a.trueIds[position] = visit(node.yes);
      a.falseIds[position] = visit(node.no);
      return id;
    };
    visit(tree);
  });
  return a;
}
