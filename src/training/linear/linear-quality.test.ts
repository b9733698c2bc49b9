// The linear trainers on real data (vega-datasets): penguin species from body measurements, and cars' fuel economy.
import { readFileSync } from 'node:fs';
import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { OnnxGraphBuilder } from '../../onnx/index.js';
import { EXPORT_OPSETS, type FeatureMatrix } from '../feature-matrix.js';
import { emitLinearOnnx, predictLinear, trainLogistic, trainRidge } from './index.js';

type Json = Record<string, unknown>;
/** A data file of the vega-datasets devDependency (its package exports only code, so read the file by path). */
const vegaDataset = (file: string): Json[] =>
  JSON.parse(readFileSync(new URL(`../../../node_modules/vega-datasets/data/${file}`, import.meta.url), 'utf8')) as Json[];

/** The rows whose every listed column is a finite number. */
function completeRows(records: Json[], columns: string[]): Json[] {
  return records.filter((record) => columns.every((column) => Number.isFinite(record[column])));
}

/** A seeded shuffle (a fixed LCG), then the first `trainShare` for training and the rest for testing. */
function splitSeeded<T>(items: T[], trainShare: number, seed: number): { train: T[]; test: T[] } {
  let state = seed >>> 0;
  const random = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const cut = Math.round(shuffled.length * trainShare);
  return { train: shuffled.slice(0, cut), test: shuffled.slice(cut) };
}

/** Standardises with the training rows' mean and standard deviation, as the feature pipeline would. */
function standardisedMatrices(train: Json[], test: Json[], columns: string[]): { train: FeatureMatrix; test: FeatureMatrix } {
  const stats = columns.map((column) => {
    const values = train.map((record) => record[column] as number);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    return { mean, sd };
  });
  const matrix = (records: Json[]): FeatureMatrix => ({
    rows: records.length,
    cols: columns.length,
    values: Float32Array.from(
      records.flatMap((record) => columns.map((column, c) => ((record[column] as number) - stats[c]!.mean) / stats[c]!.sd)),
    ),
    columnNames: columns,
  });
  return { train: matrix(train), test: matrix(test) };
}

async function onnxOutputs(bytes: Uint8Array, matrix: FeatureMatrix): Promise<ort.InferenceSession.OnnxValueMapType> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    return await session.run({ x: new ort.Tensor('float32', matrix.values, [matrix.rows, matrix.cols]) });
  } finally {
    await session.release();
  }
}

function exportBytes(emit: (builder: OnnxGraphBuilder) => void, cols: number): Uint8Array {
  const builder = new OnnxGraphBuilder().addInput('x', 'float32', ['N', cols]);
  emit(builder);
  return builder.toBytes({ opsets: [...EXPORT_OPSETS], producerName: 'pitstop-test', producerVersion: '1' });
}

describe('linear models on real data', () => {
  it('tell penguin species apart from four body measurements: holdout accuracy ≥ 0.95, and ONNX agrees', async () => {
    const columns = ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'];
    const penguins = completeRows(vegaDataset('penguins.json'), columns);
    const { train, test } = splitSeeded(penguins, 0.7, 7);
    const matrices = standardisedMatrices(train, test, columns);
    const classes = [...new Set(penguins.map((penguin) => penguin.Species as string))].sort();
    const indices = Int32Array.from(train, (penguin) => classes.indexOf(penguin.Species as string));

    const model = trainLogistic(matrices.train, { classes, indices }, {});
    expect(model.converged).toBe(true);

    const probabilities = predictLinear(model, matrices.test);
    const K = classes.length;
    const predicted = test.map((_, r) => {
      const row = [...probabilities.subarray(r * K, (r + 1) * K)];
      return classes[row.indexOf(Math.max(...row))];
    });
    const accuracy = predicted.filter((species, r) => species === test[r]!.Species).length / test.length;
    expect(accuracy).toBeGreaterThanOrEqual(0.95);

    const results = await onnxOutputs(exportBytes((b) => emitLinearOnnx(b, model, 'x'), columns.length), matrices.test);
    expect(results.label?.data).toEqual(predicted);
    [...(results.probabilities?.data as Float32Array)].forEach((p, i) => expect(p).toBeCloseTo(probabilities[i]!, 5));
  });

  it('predicts cars’ miles per gallon with ridge far better than the mean does, and ONNX agrees', async () => {
    const columns = ['Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration', 'Model_Year'];
    const records = vegaDataset('cars.json').map((car) => ({ ...car, Model_Year: Number.parseInt(String(car.Year), 10) }));
    const cars = completeRows(records, [...columns, 'Miles_per_Gallon']);
    const { train, test } = splitSeeded(cars, 0.7, 11);
    const matrices = standardisedMatrices(train, test, columns);
    const mpg = (rows: Json[]): Float64Array => Float64Array.from(rows, (car) => car.Miles_per_Gallon as number);

    const model = trainRidge(matrices.train, mpg(train), { alpha: 1 });
    const predictions = predictLinear(model, matrices.test);
    const actual = mpg(test);
    const rmse = (predict: (r: number) => number): number =>
      Math.sqrt(actual.reduce((sum, y, r) => sum + (y - predict(r)) ** 2, 0) / actual.length);
    const trainMean = mpg(train).reduce((a, b) => a + b, 0) / train.length;
    const ridgeRmse = rmse((r) => predictions[r]!);
    const meanRmse = rmse(() => trainMean);
    expect(ridgeRmse).toBeLessThan(0.5 * meanRmse);
    expect(ridgeRmse).toBeLessThan(4);

    const results = await onnxOutputs(exportBytes((b) => emitLinearOnnx(b, model, 'x'), columns.length), matrices.test);
    [...(results.value?.data as Float32Array)].forEach((value, r) => expect(value).toBeCloseTo(predictions[r]!, 4));
  });
});
