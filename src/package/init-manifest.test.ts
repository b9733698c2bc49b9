import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { readCsvTable, tableFromRecords, tableRows, type Table } from '../dataset/index.js';
import { PitstopError } from '../errors/index.js';
import { parseManifestSpec, type Manifest, type ManifestSpec } from '../manifest/index.js';
import { describeOnnxModel, OnnxGraphBuilder, type OnnxElemType, type OnnxShape } from '../onnx/index.js';
import { ModelSession, type FeatureRecord, type Prediction } from '../runtime/index.js';
import { linearClassifierWithZipMapOnnx, mixedInputsOnnx } from '../../test/fixtures/onnx-models.js';
import { TITANIC_CSV, sklearnOnnxModels } from '../../test/fixtures/third-party-data.js';
import { referenceFromTable, regressorOnnx } from '../../test/fixtures/packages.js';
import { buildPackage, initManifest, isStarterDescription, readPackage } from './index.js';


// Iris measurements (sepal length, sepal width, petal length, petal width): each species, and rows in between.
const IRIS_ROWS = [
  [5.1, 3.5, 1.4, 0.2],
  [4.9, 3.0, 1.4, 0.2],
  [7.0, 3.2, 4.7, 1.4],
  [6.4, 3.2, 4.5, 1.5],
  [6.3, 3.3, 6.0, 2.5],
  [5.8, 2.7, 5.1, 1.9],
  [5.9, 3.0, 5.1, 1.8],
  [6.0, 2.2, 4.0, 1.0],
  [4.4, 2.9, 1.4, 0.2],
  [7.7, 2.6, 6.9, 2.3],
];

// Small signed values: the range the 2018 Sklearn*.model.onnx test models were trained on, where their labels vary.
const SMALL_ROWS = [
  [0, 0, 0, 0],
  [1, 1, 1, 1],
  [-1, -1, -1, -1],
  [-1, 1, -1, 1],
  [1, -1, 1, -1],
  [0.5, 3, 0.5, 3],
];

/** A model with one input of the given type and shape, passed through an Identity: enough for initManifest to read. */
function passThroughOnnx(elemType: OnnxElemType, shape: OnnxShape, inputName = 'x'): Uint8Array {
  return new OnnxGraphBuilder()
    .addInput(inputName, elemType, shape)
    .addNode('Identity', [inputName], ['y'])
    .addOutput('y', elemType, shape)
    .toBytes({ producerName: 'pitstop-tests', producerVersion: '1', opsets: [{ domain: '', version: 13 }] });
}

describe('initManifest', () => {
  it('maps each column of an [N, k] input to a feature named after the input', () => {
    const spec = initManifest(regressorOnnx(), 'house-prices', '3');
    expect(spec).toMatchObject({
      name: 'house-prices',
      version: '3',
      task: 'regression',
      framework: { name: 'pitstop-test-fixtures', version: '1' },
      features: [
        { name: 'input_0', type: 'number', required: true },
        { name: 'input_1', type: 'number', required: true },
        { name: 'input_2', type: 'number', required: true },
      ],
      inputs: [{ name: 'input', dtype: 'float32', features: ['input_0', 'input_1', 'input_2'], rank: 2 }],
      outputs: [{ name: 'variable', role: 'value' }],
    });
    expect(spec.description).toMatch(/rename the features/);
  });

  it('writes a placeholder description that isStarterDescription knows, and an edited one it does not', () => {
    expect(isStarterDescription(initManifest(regressorOnnx(), 'house-prices').description)).toBe(true);
    expect(isStarterDescription(initManifest(regressorOnnx(), 'other-name').description)).toBe(true);
    expect(isStarterDescription('House prices from size, age and distance to the centre.')).toBe(false);
    expect(isStarterDescription(undefined)).toBe(false);
  });

  it('makes a classification spec with a label and probabilities for a classifier', () => {
    const spec = initManifest(linearClassifierWithZipMapOnnx({ coefficients: [[1], [-1]], intercepts: [0, 0], classLabels: [0, 1] }), 'clf');
    expect(spec.task).toBe('classification');
    expect(spec.outputs).toEqual([
      { name: 'output_label', role: 'label' },
      { name: 'output_probability', role: 'probabilities' },
    ]);
  });

  it('maps one [N, 1] input to one feature: category for strings, number for floats', () => {
    const spec = initManifest(mixedInputsOnnx(), 'mixed');
    expect(spec.features).toEqual([
      { name: 'category', type: 'category', required: true },
      { name: 'amount', type: 'number', required: true },
    ]);
    expect(spec.inputs.map((i) => [i.name, i.dtype, i.features, i.rank])).toEqual([
      ['category', 'string', ['category'], 2],
      ['amount', 'float32', ['amount'], 2],
    ]);
  });

  it.each<[OnnxElemType, string]>([
    ['int64', 'integer'],
    ['int32', 'integer'],
    ['bool', 'boolean'],
    ['float64', 'number'],
  ])('maps a %s input to %s features', (elemType, featureType) => {
    const spec = initManifest(passThroughOnnx(elemType, ['N', 2]), 'typed');
    expect(spec.inputs[0]?.dtype).toBe(elemType);
    expect(spec.features.map((f) => f.type)).toEqual([featureType, featureType]);
  });

  it('maps a rank-1 input [N] to one feature with rank 1', () => {
    const spec = initManifest(passThroughOnnx('float32', ['N']), 'flat');
    expect(spec.inputs).toEqual([{ name: 'x', dtype: 'float32', features: ['x'], rank: 1 }]);
  });

  it('turns input names that are not feature names into ones that are', () => {
    const spec = parseManifestSpec(initManifest(passThroughOnnx('float32', ['N', 2], '0:input tensor'), 'odd'));
    expect(spec.features.map((f) => f.name)).toEqual(['f_0_input_tensor_0', 'f_0_input_tensor_1']);
    expect(spec.inputs[0]).toMatchObject({ name: '0:input tensor', features: ['f_0_input_tensor_0', 'f_0_input_tensor_1'] });
  });

  it('refuses an input of a type features cannot feed (uint8) with ONNX_UNSUPPORTED naming it', () => {
    let error: unknown;
    try {
      initManifest(passThroughOnnx('uint8', ['N', 2], 'pixels'), 'image');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PitstopError);
    expect(error).toMatchObject({ code: 'ONNX_UNSUPPORTED', message: expect.stringMatching(/input "pixels" is a uint8/) });
  });
});

interface SampleData {
  records: FeatureRecord[];
  /** The same rows as onnxruntime feeds for the original model, one entry per run. */
  originalFeeds: Record<string, ort.Tensor>[];
  reference: { table: Table; digest: string; source: string };
}

/** Iris and small rows cut to the model's width: features keyed by the starter spec's names, feeds for the original model. */
function irisSamples(spec: ManifestSpec, fixedBatchOfOne: boolean): SampleData {
  const [input] = spec.inputs;
  if (!input || spec.inputs.length !== 1) throw new Error('iris samples fit models with one float input');
  const rows = [...IRIS_ROWS, ...SMALL_ROWS].map((row) => row.slice(0, input.features.length));
  const records = rows.map((row) => Object.fromEntries(input.features.map((name, j) => [name, row[j]!])));
  const batches = fixedBatchOfOne ? rows.map((row) => [row]) : [rows];
  const originalFeeds = batches.map((batch) => ({ [input.name]: new ort.Tensor('float32', Float32Array.from(batch.flat()), [batch.length, input.features.length]) }));
  return { records, originalFeeds, reference: referenceFromTable(tableFromRecords(records), JSON.stringify(records), 'iris-rows.json') };
}

/** Every passenger of small_titanic.csv: read by Pitstop for the package, and by csv-parse as raw text for the original. */
async function titanicSamples(spec: ManifestSpec): Promise<SampleData> {
  const table = await readCsvTable(TITANIC_CSV);
  const passengers = parse(readFileSync(TITANIC_CSV, 'utf8'), { columns: true }) as Record<string, string>[];
  const originalFeeds = [
    Object.fromEntries(
      spec.inputs.map((input) => {
        const column = passengers.map((p) => p[input.name] ?? '');
        const tensor = input.dtype === 'string' ? new ort.Tensor('string', column, [column.length, 1]) : new ort.Tensor('float32', Float32Array.from(column, (text) => (text === '' ? Number.NaN : Number(text))), [column.length, 1]);
        return [input.name, tensor];
      }),
    ),
  ];
  const digest = createHash('sha256').update(readFileSync(TITANIC_CSV)).digest('hex');
  return { records: tableRows(table), originalFeeds, reference: { table, digest, source: 'small_titanic.csv' } };
}

/** Labels from the original file, run directly with onnxruntime-node asking only for its label output. */
async function originalLabels(modelBytes: Uint8Array, labelOutput: string, feeds: Record<string, ort.Tensor>[]): Promise<(string | number)[]> {
  const session = await ort.InferenceSession.create(modelBytes, { logSeverityLevel: 3 });
  try {
    const labels: (string | number)[] = [];
    for (const feed of feeds) {
      const result = await session.run(feed, [labelOutput]);
      for (const label of Array.from(result[labelOutput]!.data as ArrayLike<bigint | string | number>)) labels.push(typeof label === 'bigint' ? Number(label) : label);
    }
    return labels;
  } finally {
    await session.release();
  }
}

async function packagedPredictions(packageBytes: Uint8Array, records: readonly FeatureRecord[]): Promise<{ manifest: Manifest; predictions: Prediction[] }> {
  const loaded = await readPackage(packageBytes);
  const session = await ModelSession.load(loaded.modelBytes(), loaded.manifest);
  try {
    return { manifest: loaded.manifest, predictions: await session.predict(records) };
  } finally {
    await session.release();
  }
}

describe('initManifest → buildPackage → ModelSession on every shared sklearn-onnx model', () => {
  it.each(sklearnOnnxModels().map((model) => [model.file, model.bytes] as const))(
    '%s: the packaged model gives the original file\'s labels, with probabilities per class summing to 1',
    async (file, bytes) => {
      const spec = parseManifestSpec(initManifest(bytes, file.replace(/\.onnx$/, '')));
      const description = describeOnnxModel(bytes);
      const fixedBatchOfOne = description.inputs[0]?.shape?.[0] === 1;
      const samples = description.inputs.some((input) => input.elemType === 'string') ? await titanicSamples(spec) : irisSamples(spec, fixedBatchOfOne);

      const built = await buildPackage({ modelBytes: bytes, spec, reference: samples.reference, createdBy: 'tests' });
      const { manifest, predictions } = await packagedPredictions(built.bytes, samples.records);

      const labelOutput = manifest.outputs.find((o) => o.role === 'label')!.name;
      const expected = await originalLabels(bytes, labelOutput, samples.originalFeeds);
      expect(expected).toHaveLength(samples.records.length);
      expect(new Set(expected).size, 'the sample rows should not all get one label').toBeGreaterThan(1);
      expect(predictions.map((p) => p.label)).toEqual(expected);

      const probabilities = manifest.outputs.find((o) => o.role === 'probabilities')!;
      const classes = probabilities.classes!.map(String);
      expect(classes.length).toBeGreaterThanOrEqual(2);
      for (const prediction of predictions) {
        expect(Object.keys(prediction.probabilities!)).toEqual(classes);
        expect(Object.values(prediction.probabilities!).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
        expect(classes).toContain(String(prediction.label));
      }
      expect(manifest.maxBatchSize).toBe(fixedBatchOfOne ? 1 : null);
      expect(manifest.modifications).toEqual([expect.objectContaining({ kind: 'zipmap-removed', output: probabilities.name, classes: probabilities.classes })]);
    },
  );

  it('pipeline_titanic: the starter spec verifies the ZipMap removal on every passenger with all five features', async () => {
    const { file, bytes } = sklearnOnnxModels().find((m) => m.file === 'pipeline_titanic.onnx')!;
    const spec = parseManifestSpec(initManifest(bytes, file.replace(/\.onnx$/, '')));
    const samples = await titanicSamples(spec);
    const built = await buildPackage({ modelBytes: bytes, spec, reference: samples.reference, createdBy: 'tests' });
    const complete = samples.records.filter((r) => spec.features.every((f) => r[f.name] !== null && r[f.name] !== undefined));
    expect(complete.length).toBeLessThan(samples.records.length); // two passengers have no age
    expect(built.manifest.modifications[0]?.verifiedRows).toBe(complete.length);
    expect(built.manifest.lineage.trainingData).toEqual({ digest: samples.reference.digest, rows: 38, source: 'small_titanic.csv' });
  });

  it('pipeline_titanic: with age optional (the pipeline imputes it) every passenger is verified, and pclass reaches the model as a string', async () => {
    const { file, bytes } = sklearnOnnxModels().find((m) => m.file === 'pipeline_titanic.onnx')!;
    const starter = initManifest(bytes, file.replace(/\.onnx$/, ''));
    const spec = parseManifestSpec({ ...starter, features: starter.features.map((f) => (f.name === 'age' ? { ...f, required: false, allowNaN: true } : f)) });
    const samples = await titanicSamples(spec);
    const built = await buildPackage({ modelBytes: bytes, spec, reference: samples.reference, createdBy: 'tests' });
    expect(built.manifest.modifications[0]?.verifiedRows).toBe(38);
    expect(spec.inputs.find((i) => i.name === 'pclass')?.dtype).toBe('string');
    expect(built.manifest.smokeInput[0]).toMatchObject({ pclass: '1', sex: 'female', embarked: 'S' });
  });
});
