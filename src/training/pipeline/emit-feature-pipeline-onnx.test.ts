// The graph and transformTable agree to 1e-6 on real data, on unseen categories and missing values, and on dates
// far from 1970: the promise that a model scores the same in training and in serving.
import path from 'node:path';
import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { inferFeatures, readCsvTable, readJsonTable, renameColumns, tableFromRecords, type Table } from '../../dataset/index.js';
import type { Feature } from '../../manifest/index.js';
import { describeOnnxModel, OnnxGraphBuilder } from '../../onnx/index.js';
import { EXPORT_OPSETS, type FeatureMatrix } from '../feature-matrix.js';
import {
  DATE_PARTS,
  emitFeaturePipelineOnnx,
  fitFeaturePipeline,
  pipelineFeeds,
  transformTable,
  type FeaturePipelineConfig,
  type FeatureStepsConfig,
  type FittedFeaturePipeline,
} from './index.js';

const DATA = path.resolve(import.meta.dirname, '../../../node_modules/vega-datasets/data');

async function penguins(): Promise<Table> {
  return renameColumns(await readJsonTable(path.join(DATA, 'penguins.json')), {
    'Beak Length (mm)': 'beak_length_mm',
    'Beak Depth (mm)': 'beak_depth_mm',
    'Flipper Length (mm)': 'flipper_length_mm',
    'Body Mass (g)': 'body_mass_g',
  });
}

function pipelineBytes(pipeline: FittedFeaturePipeline): Uint8Array {
  const builder = new OnnxGraphBuilder();
  const { output, width } = emitFeaturePipelineOnnx(builder, pipeline);
  builder.addOutput(output, 'float32', ['N', width]);
  return builder.toBytes({ opsets: [...EXPORT_OPSETS], producerName: 'pitstop', producerVersion: '0' });
}

/** Runs the pipeline alone as a graph, fed the way the serving layer will feed it (pipelineFeeds). */
async function runGraph(pipeline: FittedFeaturePipeline, table: Table): Promise<{ dims: readonly number[]; values: Float32Array }> {
  const session = await ort.InferenceSession.create(pipelineBytes(pipeline));
  try {
    const feeds = Object.fromEntries(pipelineFeeds(pipeline, table).map((feed) => [feed.name, new ort.Tensor(feed.dtype, feed.values, [table.rowCount, 1])]));
    const result = Object.values(await session.run(feeds))[0]!;
    return { dims: result.dims, values: result.data as Float32Array };
  } finally {
    await session.release();
  }
}

/** Same shape, NaN in the same places, and every other value within 1e-6; a failure names the row and column. */
async function expectGraphToMatchTransform(pipeline: FittedFeaturePipeline, table: Table): Promise<FeatureMatrix> {
  const expected = transformTable(pipeline, table);
  const actual = await runGraph(pipeline, table);
  expect(actual.dims).toEqual([expected.rows, expected.cols]);
  for (let i = 0; i < expected.values.length; i += 1) {
    const [want, got] = [expected.values[i]!, actual.values[i]!];
    const same = Number.isNaN(want) ? Number.isNaN(got) : Math.abs(want - got) <= 1e-6;
    if (!same) expect.fail(`row ${Math.floor(i / expected.cols)}, column ${expected.columnNames[i % expected.cols]}: graph ${got}, transformTable ${want}`);
  }
  return expected;
}

const EVERY_STEP: FeaturePipelineConfig = {
  features: {
    beak_length_mm: { impute: 'mean', clip: { min: 35, max: 50 }, scale: 'minmax' },
    beak_depth_mm: { impute: { constant: 17 }, scale: null },
    flipper_length_mm: { impute: 'most-frequent', log: true },
    body_mass_g: { impute: null, log: true, clip: { max: 6000 } },
    Island: { encode: 'ordinal' },
    Sex: { impute: 'most-frequent', maxCategories: 2 },
  },
};

describe('emitFeaturePipelineOnnx', () => {
  it('computes what transformTable computes on the penguins, with default steps', async () => {
    const table = await penguins();
    const pipeline = fitFeaturePipeline(table, inferFeatures(table, { target: 'Species' }));
    const matrix = await expectGraphToMatchTransform(pipeline, table);
    expect(matrix.columnNames).toEqual([
      'Island=Biscoe', 'Island=Dream', 'Island=Torgersen', 'Island=__unknown__',
      'beak_length_mm', 'beak_depth_mm', 'flipper_length_mm', 'body_mass_g',
      'Sex=.', 'Sex=FEMALE', 'Sex=MALE', 'Sex=__unknown__',
    ]);
    expect(matrix.values.some(Number.isNaN)).toBe(false);
  });

  it('computes what transformTable computes on the penguins with every numeric and categorical step', async () => {
    const table = await penguins();
    const pipeline = fitFeaturePipeline(table, inferFeatures(table, { target: 'Species' }), EVERY_STEP);
    const matrix = await expectGraphToMatchTransform(pipeline, table);
    expect(matrix.columnNames).toEqual(['Island', 'beak_length_mm', 'beak_depth_mm', 'flipper_length_mm', 'body_mass_g', 'Sex=FEMALE', 'Sex=MALE', 'Sex=__unknown__']);
    // body_mass_g is not imputed: its two missing values stay NaN through clip and log, in both.
    expect(Array.from({ length: matrix.rows }, (_, row) => matrix.values[row * matrix.cols + 4]).filter(Number.isNaN)).toHaveLength(2);
  });

  it('computes the same date parts as transformTable on the Seattle weather', async () => {
    const table = await readCsvTable(path.join(DATA, 'seattle-weather.csv'));
    const features = inferFeatures(table, { target: 'weather' });
    const all: FeatureStepsConfig = { dateParts: [...DATE_PARTS] };
    const raw = await expectGraphToMatchTransform(fitFeaturePipeline(table, features, { features: { date: { ...all, scale: null } } }), table);
    // 2012-01-01 was a Sunday: 6 with Monday = 0.
    expect(Array.from(raw.values.subarray(0, 6))).toEqual([2012, 1, 1, 6, 0, 1]);
    await expectGraphToMatchTransform(fitFeaturePipeline(table, features, { features: { date: { ...all, scale: 'standard' } } }), table);
  });

  it('sends unseen and missing categories to the unknown column, and imputes missing numbers and dates, in both', async () => {
    const train = tableFromRecords([
      { color: 'red', size: 1, when: '2020-01-01T00:00:00Z', ok: true },
      { color: 'blue', size: 3, when: '2020-01-03T00:00:00Z', ok: true },
      { color: 'red', size: 8, when: '2020-01-02T12:00:00Z', ok: false },
    ]);
    const features: Feature[] = [
      { name: 'color', type: 'category', required: false, allowNaN: false },
      { name: 'size', type: 'integer', required: false, allowNaN: false },
      { name: 'when', type: 'datetime', required: false, allowNaN: false },
      { name: 'ok', type: 'boolean', required: false, allowNaN: false },
    ];
    const pipeline = fitFeaturePipeline(train, features, { features: { size: { scale: null }, when: { dateParts: ['day', 'hour'] } } });
    const fresh = tableFromRecords([
      { color: 'green', size: null, when: null, ok: null },
      { color: null, size: 2, when: '2021-06-30T23:00:00Z', ok: false },
      { color: '', size: 4, when: '1969-12-31T23:59:59Z', ok: true },
    ]);
    const matrix = await expectGraphToMatchTransform(pipeline, fresh);
    expect(matrix.columnNames).toEqual(['color=blue', 'color=red', 'color=__unknown__', 'size', 'when:day', 'when:hour', 'ok']);
    // Medians: size 3, when 2020-01-02T12:00; the most frequent ok is true.
    expect(Array.from(matrix.values)).toEqual([0, 0, 1, 3, 2, 12, 1, 0, 0, 1, 2, 30, 23, 0, 0, 0, 1, 4, 31, 23, 1]);
  });

  it('keeps a missing datetime missing (NaN parts) when told not to impute, and agrees on dates centuries from 1970', async () => {
    const dates = ['1600-02-29T06:00:00Z', '1899-12-31T23:00:00Z', '1900-03-01', '2000-02-29T12:00:00Z', '2000-12-31', '2100-03-01T01:00:00Z', '9999-12-31T23:59:59Z', null];
    const table = tableFromRecords(dates.map((when) => ({ when })));
    const features: Feature[] = [{ name: 'when', type: 'datetime', required: false, allowNaN: true }];
    const pipeline = fitFeaturePipeline(table, features, { features: { when: { impute: null, dateParts: ['year', 'month', 'day', 'dayofweek', 'hour', 'dayofyear'] } } });
    const matrix = await expectGraphToMatchTransform(pipeline, table);
    const row = (index: number) => Array.from(matrix.values.subarray(index * 6, index * 6 + 6));
    expect(row(0)).toEqual([1600, 2, 29, 1, 6, 60]);
    expect(row(3)).toEqual([2000, 2, 29, 1, 12, 60]);
    expect(row(4)).toEqual([2000, 12, 31, 6, 0, 366]);
    expect(row(7).every(Number.isNaN)).toBe(true);
  });

  it('uses only operators of the export opsets and declares one [N, 1] input per feature', async () => {
    const table = await penguins();
    const pipeline = fitFeaturePipeline(table, inferFeatures(table, { target: 'Species' }), EVERY_STEP);
    const builder = new OnnxGraphBuilder();
    const emitted = emitFeaturePipelineOnnx(builder, pipeline);
    expect(emitted.inputs).toEqual([
      { name: 'Island', dtype: 'string', features: ['Island'], rank: 2 },
      { name: 'beak_length_mm', dtype: 'float32', features: ['beak_length_mm'], rank: 2 },
      { name: 'beak_depth_mm', dtype: 'float32', features: ['beak_depth_mm'], rank: 2 },
      { name: 'flipper_length_mm', dtype: 'float32', features: ['flipper_length_mm'], rank: 2 },
      { name: 'body_mass_g', dtype: 'float32', features: ['body_mass_g'], rank: 2 },
      { name: 'Sex', dtype: 'string', features: ['Sex'], rank: 2 },
    ]);
    expect(emitted.width).toBe(8);
    builder.addOutput(emitted.output, 'float32', ['N', emitted.width]);
    const description = describeOnnxModel(builder.toBytes({ opsets: [...EXPORT_OPSETS], producerName: 'pitstop', producerVersion: '0' }));
    expect(description.inputs.map((input) => input.shape)).toEqual(Array(6).fill(['N', 1]));
  });
});
