// The models bench:serving serves, each with its manifest spec and one request body per protocol:
// trees and the dense network for throughput, and two cheap linear models (20 and 1,000 features) for the width measure.
import ort from 'onnxruntime-node';
import type { ManifestSpecInput } from '../../src/manifest/index.js';
import { OnnxGraphBuilder } from '../../src/onnx/index.js';
import { DENSE_FEATURES, denseNetworkOnnx } from './dense-network-model.js';
import { seededRandom } from './seeded-random.js';
import { FEATURES as TREE_FEATURES, MODEL_SHAPE, benchModelOnnx } from './tree-ensemble-model.js';

export interface BenchModel {
  readonly name: string;
  readonly description: string;
  readonly features: number;
  onnx(): Uint8Array;
  spec(): ManifestSpecInput;
}

function spec(name: string, features: number, outputs: ManifestSpecInput['outputs'], task: ManifestSpecInput['task']): ManifestSpecInput {
  const names = Array.from({ length: features }, (_, i) => `f${i}`);
  return {
    name, version: '1', task, framework: { name: 'pitstop-bench', version: '1' },
    features: names.map((n) => ({ name: n, type: 'number' as const, min: -10, max: 10 })),
    inputs: [{ name: 'input', dtype: 'float32', features: names }],
    outputs,
  };
}

/** float32 [N, k] → [N, 1] (MatMul + Add): costs next to nothing, so a request's price is all serving work. */
function linearOnnx(features: number): Uint8Array {
  const random = seededRandom(features);
  return new OnnxGraphBuilder()
    .addInput('input', 'float32', ['N', features])
    .addInitializer('w', 'float32', [features, 1], Array.from({ length: features }, () => random() - 0.5))
    .addInitializer('b', 'float32', [1], [0.1])
    .addNode('MatMul', ['input', 'w'], ['m'])
    .addNode('Add', ['m', 'b'], ['variable'])
    .addOutput('variable', 'float32', ['N', 1])
    .toBytes({ opsets: [{ domain: '', version: 13 }], producerName: 'pitstop-bench', producerVersion: '1' });
}

export const BENCH_MODELS: Record<'trees' | 'dense' | 'narrow' | 'wide', BenchModel> = {
  trees: {
    name: 'trees', features: TREE_FEATURES, onnx: benchModelOnnx,
    description: `TreeEnsembleRegressor, ${MODEL_SHAPE.trees} trees of depth ${MODEL_SHAPE.depth}, ${TREE_FEATURES} features`,
    spec: () => spec('trees', TREE_FEATURES, [{ name: 'variable', role: 'value' }], 'regression'),
  },
  dense: {
    name: 'dense', features: DENSE_FEATURES, onnx: () => denseNetworkOnnx(),
    description: 'dense network 256 → 1,024 → 1,024 → 10 (MatMul/Add/Relu, Softmax)',
    spec: () => spec('dense', DENSE_FEATURES, [{ name: 'probabilities', role: 'probabilities', classes: Array.from({ length: 10 }, (_, i) => i) }], 'other'),
  },
  narrow: { name: 'narrow', features: 20, onnx: () => linearOnnx(20), description: 'linear, 20 features', spec: () => spec('narrow', 20, [{ name: 'variable', role: 'value' }], 'regression') },
  wide: { name: 'wide', features: 1000, onnx: () => linearOnnx(1000), description: 'linear, 1,000 features', spec: () => spec('wide', 1000, [{ name: 'variable', role: 'value' }], 'regression') },
};

/** One record as a V2 request: one [1, k] FP32 tensor, values with three decimals like a client would send. */
export function v2Body(model: BenchModel, seed = 1): string {
  const random = seededRandom(seed);
  const data = Array.from({ length: model.features }, () => Math.round(random() * 1000) / 1000);
  return JSON.stringify({ inputs: [{ name: 'input', shape: [1, model.features], datatype: 'FP32', data }] });
}

/**
 * onnxruntime's own CPU time for one single-row run of a model, in µs: the part of a request the width measure leaves
 * out. CPU time, not wall time: on a busy machine the wall clock also counts waiting for a core.
 */
export async function modelCpuMicros(model: BenchModel): Promise<number> {
  const session = await ort.InferenceSession.create(model.onnx(), { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const feeds = { input: new ort.Tensor('float32', new Float32Array(model.features), [1, model.features]) };
  for (let i = 0; i < 200; i++) await session.run(feeds);
  const started = process.cpuUsage();
  for (let i = 0; i < 2000; i++) await session.run(feeds);
  const used = process.cpuUsage(started);
  await session.release();
  return (used.user + used.system) / 2000;
}
