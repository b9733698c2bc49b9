// A realistic tabular model for the serving benchmark: a random TreeEnsembleRegressor (100 trees of depth 6 over 20 features).
import { OnnxGraphBuilder } from '../../src/onnx/index.js';
import { seededRandom } from './seeded-random.js';

export const FEATURES = 20;

/** The model both servers load: BENCH_TREES trees of depth BENCH_DEPTH (default 100 of depth 6, the model). */
export const MODEL_SHAPE = { trees: Number(process.env.BENCH_TREES ?? 100), depth: Number(process.env.BENCH_DEPTH ?? 6) };

export function benchModelOnnx(): Uint8Array {
  return treeEnsembleOnnx(MODEL_SHAPE.trees, MODEL_SHAPE.depth);
}

export function treeEnsembleOnnx(trees = 100, depth = 6, seed = 1): Uint8Array {
  const random = seededRandom(seed);
  const nodes = { treeIds: [] as number[], nodeIds: [] as number[], featureIds: [] as number[], values: [] as number[], modes: [] as string[], trueIds: [] as number[], falseIds: [] as number[] };
  const targets = { treeIds: [] as number[], nodeIds: [] as number[], ids: [] as number[], weights: [] as number[] };
  const internal = 2 ** depth - 1;
  for (let tree = 0; tree < trees; tree++) {
    for (let node = 0; node < 2 * internal + 1; node++) {
      const leaf = node >= internal;
      nodes.treeIds.push(tree);
      nodes.nodeIds.push(node);
      nodes.featureIds.push(leaf ? 0 : Math.floor(random() * FEATURES));
      nodes.values.push(leaf ? 0 : random());
      nodes.modes.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
      nodes.trueIds.push(leaf ? 0 : 2 * node + 1);
      nodes.falseIds.push(leaf ? 0 : 2 * node + 2);
      if (leaf) {
        targets.treeIds.push(tree);
        targets.nodeIds.push(node);
        targets.ids.push(0);
        targets.weights.push((random() - 0.5) / trees);
      }
    }
  }
  return new OnnxGraphBuilder()
    .addInput('input', 'float32', ['N', FEATURES])
    .addOutput('variable', 'float32', ['N', 1])
    .addNode('TreeEnsembleRegressor', ['input'], ['variable'], {
      n_targets: { int: 1 },
      nodes_treeids: { ints: nodes.treeIds },
      nodes_nodeids: { ints: nodes.nodeIds },
      nodes_featureids: { ints: nodes.featureIds },
      nodes_values: { floats: nodes.values },
      nodes_modes: nodes.modes,
      nodes_truenodeids: { ints: nodes.trueIds },
      nodes_falsenodeids: { ints: nodes.falseIds },
      target_treeids: { ints: targets.treeIds },
      target_nodeids: { ints: targets.nodeIds },
      target_ids: { ints: targets.ids },
      target_weights: { floats: targets.weights },
      post_transform: 'NONE',
      aggregate_function: 'SUM',
    }, 'ai.onnx.ml')
    .toBytes({ opsets: [{ domain: 'ai.onnx.ml', version: 1 }, { domain: '', version: 13 }], producerName: 'pitstop-bench', producerVersion: '1' });
}
