// A dense network for the serving benchmark: 256 inputs → 1,024 → 1,024 → 10 (MatMul/Add/Relu, then Softmax),
// seeded, so both servers load the same model every run. Heavy enough per row that batching should pay.
import { OnnxGraphBuilder } from '../../src/onnx/index.js';
import { seededRandom } from './seeded-random.js';

export const DENSE_LAYERS = [256, 1024, 1024, 10] as const;
export const DENSE_FEATURES = DENSE_LAYERS[0];

export function denseNetworkOnnx(seed = 7): Uint8Array {
  const random = seededRandom(seed);
  const builder = new OnnxGraphBuilder().addInput('input', 'float32', ['N', DENSE_FEATURES]);
  let previous = 'input';
  for (let layer = 1; layer < DENSE_LAYERS.length; layer++) {
    const [fanIn, fanOut] = [DENSE_LAYERS[layer - 1]!, DENSE_LAYERS[layer]!];
    const scale = Math.sqrt(6 / fanIn);
    builder
      .addInitializer(`w${layer}`, 'float32', [fanIn, fanOut], Array.from({ length: fanIn * fanOut }, () => (random() * 2 - 1) * scale))
      .addInitializer(`b${layer}`, 'float32', [fanOut], Array.from({ length: fanOut }, () => (random() - 0.5) * 0.1))
      .addNode('MatMul', [previous, `w${layer}`], [`m${layer}`])
      .addNode('Add', [`m${layer}`, `b${layer}`], [`a${layer}`]);
    const last = layer === DENSE_LAYERS.length - 1;
    if (!last) builder.addNode('Relu', [`a${layer}`], [`h${layer}`]);
    previous = last ? `a${layer}` : `h${layer}`;
  }
  return builder
    .addNode('Softmax', [previous], ['probabilities'], { axis: { int: -1 } })
    .addOutput('probabilities', 'float32', ['N', DENSE_LAYERS[DENSE_LAYERS.length - 1]!])
    .toBytes({ opsets: [{ domain: '', version: 13 }], producerName: 'pitstop-bench', producerVersion: '1', graphName: 'dense_network' });
}
