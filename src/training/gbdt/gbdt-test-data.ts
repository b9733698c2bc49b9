// Data sets for the GBDT tests (not part of the public surface): vega-datasets' penguins and cars read into feature
// matrices, seeded synthetic sets with missing values, and a seeded train/holdout split.
import fs from 'node:fs';
import path from 'node:path';
import type { ClassLabels, FeatureMatrix } from '../feature-matrix.js';
import { SeededRandom } from './seeded-random.js';

const VEGA_DATA = path.resolve(import.meta.dirname, '../../../node_modules/vega-datasets/data');

type JsonRecord = Record<string, string | number | null>;

function readVega(file: string): JsonRecord[] {
  return JSON.parse(fs.readFileSync(path.join(VEGA_DATA, file), 'utf8')) as JsonRecord[];
}

/** Numbers, NaN for anything else, and 0/1 columns for each listed category value. */
function matrixFrom(records: JsonRecord[], numeric: string[], oneHot: Record<string, string[]>): FeatureMatrix {
  const columnNames = [...numeric, ...Object.entries(oneHot).flatMap(([column, levels]) => levels.map((level) => `${column}=${level}`))];
  const cols = columnNames.length;
  const values = new Float32Array(records.length * cols);
  records.forEach((record, r) => {
    let c = 0;
    for (const column of numeric) {
      const value = record[column];
      values[r * cols + c++] = typeof value === 'number' ? value : NaN;
    }
    for (const [column, levels] of Object.entries(oneHot)) {
      for (const level of levels) values[r * cols + c++] = record[column] === level ? 1 : 0;
    }
  });
  return { rows: records.length, cols, values, columnNames };
}

/** Species from beak, flipper and body mass, island and sex one-hot; two penguins have no measurements (NaN). */
export function penguins(): { matrix: FeatureMatrix; labels: ClassLabels } {
  const records = readVega('penguins.json');
  const classes = ['Adelie', 'Chinstrap', 'Gentoo'];
  const matrix = matrixFrom(
    records,
    ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'],
    { Island: ['Biscoe', 'Dream', 'Torgersen'], Sex: ['MALE', 'FEMALE'] },
  );
  const indices = Int32Array.from(records, (record) => classes.indexOf(String(record.Species)));
  return { matrix, labels: { classes, indices } };
}

/** Miles per gallon from the numeric columns and the model year (horsepower is missing for six cars). */
export function cars(): { matrix: FeatureMatrix; target: Float64Array } {
  const records = readVega('cars.json')
    .filter((record) => typeof record.Miles_per_Gallon === 'number')
    .map((record): JsonRecord => ({ ...record, Year: Number(String(record.Year).slice(0, 4)) }));
  const matrix = matrixFrom(records, ['Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration', 'Year'], { Origin: ['USA', 'Europe', 'Japan'] });
  return { matrix, target: Float64Array.from(records, (record) => Number(record.Miles_per_Gallon)) };
}

export interface SyntheticOptions {
  readonly rows: number;
  readonly cols?: number;
  readonly seed?: number;
  /** Fraction of cells set to NaN. */
  readonly missing?: number;
  /** Standard deviation of the noise added to the signal. */
  readonly noise?: number;
}

/** Uniform features in [0, 1); a signal that needs interactions and thresholds: sin(πx0x1), (x2-½)², x3, and x4 > ½. */
function synthetic(options: SyntheticOptions): { matrix: FeatureMatrix; signal: Float64Array } {
  const { rows, cols = 8, seed = 1, missing = 0, noise = 0 } = options;
  const random = new SeededRandom(seed);
  const values = new Float32Array(rows * cols);
  const signal = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) values[r * cols + c] = Math.fround(random.next());
    const x = (c: number): number => values[r * cols + c]!;
    const gaussian = Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
    signal[r] = Math.sin(Math.PI * x(0) * x(1)) + 4 * (x(2) - 0.5) ** 2 + x(3) + (x(4) > 0.5 ? 0.5 : -0.5) + noise * gaussian;
    for (let c = 0; c < cols; c++) if (random.next() < missing) values[r * cols + c] = NaN;
  }
  return { matrix: { rows, cols, values, columnNames: Array.from({ length: cols }, (_, c) => `x${c}`) }, signal };
}

/** Targets between about 10 and 50, so agreement to 1e-5 is a check on float32 arithmetic, not on small numbers. */
export function syntheticRegression(options: SyntheticOptions): { matrix: FeatureMatrix; target: Float64Array } {
  const { matrix, signal } = synthetic(options);
  return { matrix, target: signal.map((s) => 15 + 10 * s) };
}

/** `classes.length` classes from quantiles of the synthetic signal. */
export function syntheticClasses(options: SyntheticOptions, classes: string[]): { matrix: FeatureMatrix; labels: ClassLabels } {
  const { matrix, signal } = synthetic(options);
  const sorted = Float64Array.from(signal).sort();
  const cuts = classes.slice(1).map((_, i) => sorted[Math.floor(((i + 1) * sorted.length) / classes.length)]!);
  const indices = Int32Array.from(signal, (s) => cuts.filter((cut) => s >= cut).length);
  return { matrix, labels: { classes, indices } };
}

/** A seeded shuffle of 0..rows-1 cut at `fraction`. */
export function seededSplit(rows: number, fraction: number, seed: number): { train: number[]; holdout: number[] } {
  const random = new SeededRandom(seed);
  const order = Array.from({ length: rows }, (_, i) => i);
  for (let i = rows - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const cut = Math.round(rows * fraction);
  return { train: order.slice(0, cut), holdout: order.slice(cut) };
}

export function takeRows(matrix: FeatureMatrix, rows: number[]): FeatureMatrix {
  const values = new Float32Array(rows.length * matrix.cols);
  rows.forEach((row, i) => values.set(matrix.values.subarray(row * matrix.cols, (row + 1) * matrix.cols), i * matrix.cols));
  return { rows: rows.length, cols: matrix.cols, values, columnNames: matrix.columnNames };
}

export function takeLabels(labels: ClassLabels, rows: number[]): ClassLabels {
  return { classes: labels.classes, indices: Int32Array.from(rows, (row) => labels.indices[row]!) };
}

export function takeTarget(target: Float64Array, rows: number[]): Float64Array {
  return Float64Array.from(rows, (row) => target[row]!);
}
