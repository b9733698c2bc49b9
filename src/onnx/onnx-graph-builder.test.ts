import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { PitstopError } from '../errors/index.js';
import {
  linearClassifierWithZipMapOnnx,
  linearRegressorOnnx,
  mixedInputsExpectedScore,
  mixedInputsOnnx,
} from '../../test/fixtures/onnx-models.js';
import { decodeOnnxModel, describeOnnxModel, OnnxGraphBuilder, removeZipMap, type OnnxModelOptions } from './index.js';

const OPTIONS: OnnxModelOptions = { opsets: [{ domain: '', version: 13 }], producerName: 'test', producerVersion: '1' };

type Results = ort.InferenceSession.OnnxValueMapType;

async function run(bytes: Uint8Array, feeds: Record<string, ort.Tensor>, outputs?: string[]): Promise<Results> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    return outputs ? await session.run(feeds, outputs) : await session.run(feeds);
  } finally {
    await session.release();
  }
}

const floats = (rows: number[][]): ort.Tensor =>
  new ort.Tensor('float32', Float32Array.from(rows.flat()), [rows.length, rows[0]?.length ?? 0]);

describe('OnnxGraphBuilder fixtures', () => {
  it('linearRegressorOnnx computes w·x + b', async () => {
    const rows = [[1, 2, 3], [0, 0, 0], [-1.5, 0.25, 10]];
    const weights = [0.5, -2, 0.125];
    const results = await run(linearRegressorOnnx({ weights, bias: 0.75 }), { input: floats(rows) });
    const expected = rows.map((row) => row.reduce((sum, x, i) => sum + x * (weights[i] ?? 0), 0.75));
    expect(results.variable?.dims).toEqual([3, 1]);
    [...(results.variable?.data as Float32Array)].forEach((value, i) => expect(value).toBeCloseTo(expected[i] ?? NaN, 5));
  });

  it('linearRegressorOnnx takes other names and a batch fixed at 1', async () => {
    const bytes = linearRegressorOnnx({ weights: [2], bias: 1, inputName: 'x', outputName: 'y', batch: 1 });
    expect(describeOnnxModel(bytes).inputs).toEqual([{ name: 'x', kind: 'tensor', elemType: 'float32', shape: [1, 1] }]);
    expect((await run(bytes, { x: floats([[3]]) })).y?.data).toEqual(Float32Array.of(7));
  });

  it('linearClassifierWithZipMapOnnx is a softmax classifier whose probabilities are a ZipMap, like skl2onnx', async () => {
    const bytes = linearClassifierWithZipMapOnnx({ coefficients: [[1, 0], [0, 1]], intercepts: [0, 0], classLabels: [10, 20] });
    const session = await ort.InferenceSession.create(bytes);
    expect(session.outputMetadata.map((output) => [output.name, output.isTensor])).toEqual([
      ['output_label', true],
      ['output_probability', false],
    ]);
    await session.release();
    const feeds = { float_input: floats([[2, 1], [0, 3]]) };
    expect((await run(bytes, feeds, ['output_label'])).output_label?.data).toEqual(BigInt64Array.of(10n, 20n));
    const { bytes: tensorOnly } = removeZipMap(bytes);
    const probabilities = [...((await run(tensorOnly, feeds)).output_probability?.data as Float32Array)];
    const softmax = (a: number, b: number): number[] => [a, b].map((v) => Math.exp(v) / (Math.exp(a) + Math.exp(b)));
    [...softmax(2, 1), ...softmax(0, 3)].forEach((p, i) => expect(probabilities[i]).toBeCloseTo(p, 5));
  });

  it('mixedInputsOnnx reads a string column and a float column', async () => {
    const categories = ['red', 'blue', 'purple'];
    const amounts = [1, 2.5, -4];
    const results = await run(mixedInputsOnnx(), {
      category: new ort.Tensor('string', categories, [3, 1]),
      amount: floats(amounts.map((amount) => [amount])),
    });
    const expected = categories.map((category, i) => mixedInputsExpectedScore(category, amounts[i] ?? 0));
    [...(results.score?.data as Float32Array)].forEach((value, i) => expect(value).toBeCloseTo(expected[i] ?? NaN, 5));
  });
});

describe('OnnxGraphBuilder', () => {
  const build = (): Uint8Array =>
    new OnnxGraphBuilder()
      .addInput('x', 'float32', ['batch', 2])
      .addInitializer('scale', 'float32', [2], [0.5, 2])
      .addInitializer('axes', 'int64', [1], [1])
      .addInitializer('names', 'string', [2], ['a', 'b'])
      .addNode('Mul', ['x', 'scale'], ['scaled'])
      .addNode('LeakyRelu', ['scaled'], ['y'], { alpha: { float: 1 } })
      .addOutput('y', 'float32', ['batch', null])
      .toBytes({ ...OPTIONS, metadata: { author: 'pitstop' } });

  it('produces identical bytes for identical calls', () => {
    expect(build()).toEqual(build());
    expect(linearClassifierWithZipMapOnnx({ coefficients: [[1], [2]], intercepts: [0, 1], classLabels: ['a', 'b'] })).toEqual(
      linearClassifierWithZipMapOnnx({ coefficients: [[1], [2]], intercepts: [0, 1], classLabels: ['a', 'b'] }),
    );
  });

  it('writes typed attributes: { float: 1 } stays a FLOAT, { int: 1 } an INT', () => {
    const node = decodeOnnxModel(build()).graph?.node?.[1];
    expect(node?.attribute?.[0]).toMatchObject({ name: 'alpha', type: 1, f: 1 });
    const concat = decodeOnnxModel(mixedInputsOnnx()).graph?.node?.find((candidate) => candidate.opType === 'Concat');
    expect(concat?.attribute?.[0]).toMatchObject({ name: 'axis', type: 2 });
  });

  it('describes what it built: symbolic, unknown and fixed dimensions, metadata', () => {
    expect(describeOnnxModel(build())).toMatchObject({
      irVersion: 8,
      producer: { name: 'test', version: '1' },
      metadata: { author: 'pitstop' },
      inputs: [{ name: 'x', kind: 'tensor', elemType: 'float32', shape: ['batch', 2] }],
      outputs: [{ name: 'y', kind: 'tensor', elemType: 'float32', shape: ['batch', null] }],
    });
  });

  const withInput = (): OnnxGraphBuilder => new OnnxGraphBuilder().addInput('x', 'float32', [1]);
  const refusals: [string, () => unknown, RegExp][] = [
    [
      'a node reading an undefined name',
      () => withInput().addNode('Relu', ['z'], ['y']).addOutput('y', 'float32', [1]).toBytes(OPTIONS),
      /reads 'z'/,
    ],
    [
      'a name defined twice',
      () => withInput().addNode('Relu', ['x'], ['x']).addOutput('x', 'float32', [1]).toBytes(OPTIONS),
      /defined twice/,
    ],
    ['an output nothing produces', () => withInput().addOutput('y', 'float32', [1]).toBytes(OPTIONS), /not produced/],
    [
      'a domain without an opset',
      () => withInput().addNode('Scaler', ['x'], ['y'], {}, 'ai.onnx.ml').addOutput('y', 'float32', [1]).toBytes(OPTIONS),
      /ai\.onnx\.ml/,
    ],
    [
      'an initializer whose values do not fill its dims',
      () => new OnnxGraphBuilder().addInitializer('w', 'float32', [2, 2], [1, 2, 3]),
      /need 4/,
    ],
    ['a fractional int attribute', () => withInput().addNode('Concat', ['x'], ['y'], { axis: { int: 0.5 } }), /integers/],
  ];
  it.each(refusals)('refuses %s with ONNX_INVALID', (_, make, message) => {
    expect(make).toThrow(PitstopError);
    expect(make).toThrow(message);
  });
});
