import { describe, expect, it } from 'vitest';
import { decodeOnnxModel, OnnxGraphBuilder, type OnnxShape } from './index.js';
import { inferBatchDimension } from './infer-batch-dimension.js';
import type { OnnxProto } from './onnx-proto.js';

const OPTIONS = { opsets: [{ domain: '', version: 13 }, { domain: 'ai.onnx.ml', version: 1 }], producerName: 't', producerVersion: '1' };

/** x [batch, 2] → Scaler → `scaled`, then `then` applied to `scaled` giving `y`, whose shape the graph leaves undeclared. */
function graphWith(batch: OnnxShape[number], then: (builder: OnnxGraphBuilder) => OnnxGraphBuilder): OnnxProto.IGraphProto {
  const builder = new OnnxGraphBuilder()
    .addInput('x', 'float32', [batch, 2])
    .addNode('Scaler', ['x'], ['scaled'], { scale: { floats: [2, 2] } }, 'ai.onnx.ml');
  return decodeOnnxModel(then(builder).addOutputOfType('y', { tensor: 'float32' }).toBytes(OPTIONS)).graph ?? {};
}

describe('inferBatchDimension', () => {
  it('follows row-wise operators back to the graph input', () => {
    const graph = graphWith(1, (builder) => builder.addNode('Sigmoid', ['scaled'], ['y']));
    expect(inferBatchDimension(graph, 'scaled')).toBe(1);
    expect(inferBatchDimension(graph, 'y')).toBe(1);
    expect(inferBatchDimension(graphWith('batch', (builder) => builder.addNode('Relu', ['scaled'], ['y'])), 'y')).toBe('batch');
  });

  it('stops at a first dimension the model leaves unknown', () => {
    expect(inferBatchDimension(graphWith(null, (builder) => builder.addNode('Relu', ['scaled'], ['y'])), 'y')).toBeUndefined();
  });

  it('does not guess through operators that can move rows', () => {
    const reshaped = graphWith(1, (builder) =>
      builder.addInitializer('shape', 'int64', [2], [-1, 1]).addNode('Reshape', ['scaled', 'shape'], ['y']),
    );
    expect(inferBatchDimension(reshaped, 'y')).toBeUndefined();
    const stacked = graphWith(1, (builder) => builder.addNode('Concat', ['scaled', 'scaled'], ['y'], { axis: { int: 0 } }));
    expect(inferBatchDimension(stacked, 'y')).toBeUndefined();
    const joined = graphWith(1, (builder) => builder.addNode('Concat', ['scaled', 'scaled'], ['y'], { axis: { int: 1 } }));
    expect(inferBatchDimension(joined, 'y')).toBe(1);
  });

  it('takes the first dimension of a sibling output, e.g. the label beside the probabilities', () => {
    const graph = decodeOnnxModel(
      new OnnxGraphBuilder()
        .addInput('x', 'float32', [null, 2])
        .addNode('LinearClassifier', ['x'], ['label', 'scores'], {
          classlabels_ints: { ints: [0, 1] }, coefficients: { floats: [1, 0, 0, 1] },
        }, 'ai.onnx.ml')
        .addOutput('label', 'int64', ['rows'])
        .addOutputOfType('scores', { tensor: 'float32' })
        .toBytes(OPTIONS),
    ).graph ?? {};
    expect(inferBatchDimension(graph, 'scores')).toBe('rows');
  });
});
