import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { PitstopError } from '../errors/index.js';
import {
  linearClassifierWithZipMapOnnx,
  linearRegressorOnnx,
  mixedInputsOnnx,
} from '../../test/fixtures/onnx-models.js';
import { TITANIC_CSV, sklearnOnnxModels } from '../../test/fixtures/third-party-data.js';
import { describeOnnxModel, OnnxGraphBuilder, removeZipMap, type OnnxModelDescription } from './index.js';
import { onnxProto } from './onnx-proto.js';
import { concatBytes, lengthDelimitedField, readProtobufFields } from './read-protobuf-fields.js';

type Feeds = Record<string, ort.Tensor>;

// Iris measurements (sepal length, sepal width, petal length, petal width), one row per species and two in between.
const IRIS_ROWS = [
  [5.1, 3.5, 1.4, 0.2],
  [7.0, 3.2, 4.7, 1.4],
  [6.3, 3.3, 6.0, 2.5],
  [5.9, 3.0, 5.1, 1.8],
  [6.0, 2.2, 4.0, 1.0],
];


/** Sample inputs: titanic passengers for string inputs, else iris rows; one row per batch when the batch is fixed at 1. */
function sampleBatches(description: OnnxModelDescription): Feeds[] {
  const fixedBatchOfOne = description.inputs[0]?.shape?.[0] === 1;
  const split = <T>(rows: T[]): T[][] => (fixedBatchOfOne ? rows.map((row) => [row]) : [rows]);
  if (description.inputs.some((input) => input.elemType === 'string')) {
    const passengers = parse(readFileSync(TITANIC_CSV, 'utf8'), { columns: true }) as Record<string, string>[];
    return split(passengers).map((batch) => titanicFeeds(description, batch));
  }
  const [input] = description.inputs;
  const width = Number(input?.shape?.[1]);
  return split(IRIS_ROWS.map((row) => row.slice(0, width))).map((batch) => ({
    [input?.name ?? '']: new ort.Tensor('float32', Float32Array.from(batch.flat()), [batch.length, width]),
  }));
}

/** One [N,1] tensor per column, strings as they are in the CSV (pclass too) and floats parsed. */
function titanicFeeds(description: OnnxModelDescription, passengers: Record<string, string>[]): Feeds {
  const feeds: Feeds = {};
  for (const { name, elemType } of description.inputs) {
    const cells = passengers.map((passenger) => passenger[name] ?? '');
    // An empty cell (a passenger of unknown age) is NaN, which the pipeline's Imputer replaces.
    const dims = [cells.length, 1];
    if (elemType === 'string') feeds[name] = new ort.Tensor('string', cells, dims);
    else feeds[name] = new ort.Tensor('float32', Float32Array.from(cells.map((cell) => (cell === '' ? NaN : Number(cell)))), dims);
  }
  return feeds;
}

const plainLabel = (label: unknown): string | number => (typeof label === 'bigint' ? Number(label) : (label as string | number));

const classifiers = [
  ...sklearnOnnxModels(),
  {
    file: 'fixture with int labels',
    bytes: linearClassifierWithZipMapOnnx({ coefficients: [[1, 0], [0, 1], [-1, -1]], intercepts: [0, 0.1, 8], classLabels: [3, 5, 7] }),
  },
  {
    file: 'fixture with string labels',
    bytes: linearClassifierWithZipMapOnnx({ coefficients: [[1, -1], [-1, 1]], intercepts: [0, 0], classLabels: ['sepal', 'petal'] }),
  },
];

describe('removeZipMap', () => {
  it.each(classifiers)('$file: every output can be fetched and agrees with the original labels', async ({ bytes }) => {
    const { bytes: rewritten, changes } = removeZipMap(bytes);
    expect(changes).toHaveLength(1);
    const [change] = changes;
    if (!change) return;
    const original = await ort.InferenceSession.create(bytes);
    const session = await ort.InferenceSession.create(rewritten);
    try {
      const labelName = original.outputNames.find((name) => name !== change.output) ?? '';
      expect(session.outputNames).toEqual(original.outputNames);
      let rowsChecked = 0;
      for (const feeds of sampleBatches(describeOnnxModel(bytes))) {
        const expected = (await original.run(feeds, [labelName]))[labelName];
        const results = await session.run(feeds);
        const labels = [...(results[labelName]?.data ?? [])].map(plainLabel);
        expect(labels).toEqual([...(expected?.data ?? [])].map(plainLabel));

        const probabilities = results[change.output];
        expect(probabilities?.type).toBe('float32');
        expect(probabilities?.dims).toEqual([labels.length, change.classLabels.length]);
        const data = [...((probabilities?.data ?? []) as Float32Array)];
        labels.forEach((label, row) => {
          const rowValues = data.slice(row * change.classLabels.length, (row + 1) * change.classLabels.length);
          expect(rowValues.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 5);
          expect(change.classLabels[rowValues.indexOf(Math.max(...rowValues))]).toEqual(label);
          rowsChecked += 1;
        });
      }
      expect(rowsChecked).toBeGreaterThanOrEqual(IRIS_ROWS.length);
    } finally {
      await Promise.all([original.release(), session.release()]);
    }
  });

  it('reports the output, the tensor that fed the ZipMap and the class labels (int64 as numbers)', () => {
    const byFile = new Map(sklearnOnnxModels().map(({ file, bytes }) => [file, removeZipMap(bytes).changes]));
    expect(byFile.get('rf_iris.onnx')).toEqual([
      { output: 'output_probability', sourceTensor: 'probabilities', classLabels: [0, 1, 2] },
    ]);
    expect(byFile.get('SklearnBinGradientBoostingClassifier.model.onnx')).toEqual([
      { output: 'probabilities', sourceTensor: 'probability_tensor', classLabels: ['A', 'B'] },
    ]);
  });

  it('declares the new output as float32 [batch, C], keeping a batch fixed at 1 and naming an unknown one N', () => {
    const outputs = new Map(
      sklearnOnnxModels().map(({ file, bytes }) => [file, describeOnnxModel(removeZipMap(bytes).bytes).outputs]),
    );
    expect(outputs.get('SklearnLogitisticRegressionBinary.model.onnx')?.[1]).toEqual({
      name: 'probabilities', kind: 'tensor', elemType: 'float32', shape: [1, 2],
    });
    expect(outputs.get('rf_iris.onnx')?.[1]).toEqual({
      name: 'output_probability', kind: 'tensor', elemType: 'float32', shape: ['N', 3],
    });
  });

  it('adds a default-domain opset only to models that import ai.onnx.ml alone', () => {
    for (const { file, bytes } of sklearnOnnxModels()) {
      const before = describeOnnxModel(bytes).opsets;
      const after = describeOnnxModel(removeZipMap(bytes).bytes).opsets;
      const hadDefault = before.some((opset) => opset.domain === 'ai.onnx');
      expect(after, file).toEqual(hadDefault ? before : [...before, { domain: 'ai.onnx', version: 7 }]);
    }
  });

  it('returns a model without ZipMap byte for byte, with no changes', () => {
    for (const bytes of [linearRegressorOnnx({ weights: [1, 2], bias: 3 }), mixedInputsOnnx()]) {
      const result = removeZipMap(bytes);
      expect(result.changes).toEqual([]);
      expect(result.bytes).toEqual(bytes);
    }
  });

  it('keeps protobuf fields that onnx-proto does not know, in the model and in the graph', async () => {
    const unknownModelField = Uint8Array.of(0x98, 0x06, 0x01); // field 99, varint 1
    // GraphProto.metadata_props (field 16) arrived in ONNX 1.16, after onnx-proto's schema.
    const graphMetadata = lengthDelimitedField(16, onnxProto().StringStringEntryProto.encode({ key: 'source', value: 'test' }).finish());
    const classifier = linearClassifierWithZipMapOnnx({ coefficients: [[1], [-1]], intercepts: [0, 0], classLabels: [0, 1] });
    const withNewerFields = concatBytes([
      ...readProtobufFields(classifier).map((field) =>
        field.fieldNumber === 7 ? lengthDelimitedField(7, concatBytes([field.payload, graphMetadata])) : field.raw,
      ),
      unknownModelField,
    ]);
    const { bytes } = removeZipMap(withNewerFields);
    const modelFields = readProtobufFields(bytes);
    expect(modelFields.some((field) => field.fieldNumber === 99 && field.raw.join() === unknownModelField.join())).toBe(true);
    const graph = modelFields.find((field) => field.fieldNumber === 7)?.payload ?? new Uint8Array(0);
    expect(readProtobufFields(graph).some((field) => field.raw.join() === graphMetadata.join())).toBe(true);
    await (await ort.InferenceSession.create(bytes)).release();
  });

  it('refuses to retype a ZipMap output that another node also reads', () => {
    const bytes = new OnnxGraphBuilder()
      .addInput('x', 'float32', ['N', 1])
      .addNode('LinearClassifier', ['x'], ['label', 'scores'], {
        classlabels_ints: { ints: [0, 1] }, coefficients: { floats: [1, -1] }, post_transform: 'SOFTMAX',
      }, 'ai.onnx.ml')
      .addNode('ZipMap', ['scores'], ['probabilities'], { classlabels_int64s: { ints: [0, 1] } }, 'ai.onnx.ml')
      .addNode('Identity', ['probabilities'], ['copy'])
      .addOutput('label', 'int64', ['N'])
      .addOutputOfType('probabilities', { sequence: { map: { key: 'int64', value: { tensor: 'float32' } } } })
      .addOutputOfType('copy', { sequence: { map: { key: 'int64', value: { tensor: 'float32' } } } })
      .toBytes({ opsets: [{ domain: '', version: 14 }, { domain: 'ai.onnx.ml', version: 1 }], producerName: 't', producerVersion: '1' });
    expect(() => removeZipMap(bytes)).toThrow(PitstopError);
    expect(() => removeZipMap(bytes)).toThrow(/also read by node 'Identity_2'/);
  });
});
