// The benchmark's data: seeded rows of 20 numeric and 5 categorical features, some of which drift in the current data.
import { seededRandom as seededUniform } from '../../src/dataset/index.js';

export const NUMERIC_FEATURES = 20;
export const CATEGORICAL_FEATURES = 5;

/** Which features the current data moves, and how; the rest keep the reference's distribution. */
export const DRIFTS: Readonly<Record<string, string>> = {
  num0: 'mean +0.5 std',
  num1: 'std ×1.5',
  num2: 'log-normal, median ×1.3',
  num3: '5% of values above the reference max',
  cat0: 'a new category takes 20%',
  cat1: 'the two most frequent categories swap',
};


function standardNormal(uniform: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

/** Feature i's values: a mix of shapes (normal, log-normal, uniform, exponential, integer counts), 1% missing. */
function numericColumn(feature: number, rows: number, seed: number, drifted: boolean): Float64Array {
  const uniform = seededUniform(seed * 7919 + feature);
  const normal = standardNormal(uniform);
  const values = new Float64Array(rows);
  const shape = feature % 5;
  for (let i = 0; i < rows; i++) {
    let x: number;
    if (feature === 0) x = 10 + 2 * (normal() + (drifted ? 0.5 : 0));
    else if (feature === 1) x = 100 + 15 * normal() * (drifted ? 1.5 : 1);
    else if (feature === 2) x = Math.exp(normal() * 0.5) * (drifted ? 1.3 : 1);
    else if (feature === 3) x = drifted && uniform() < 0.05 ? 20 + uniform() * 5 : uniform() * 10;
    else if (shape === 0) x = feature + normal();
    else if (shape === 1) x = Math.exp(normal());
    else if (shape === 2) x = uniform() * feature;
    else if (shape === 3) x = -Math.log(1 - uniform()) * 3;
    else x = Math.floor(-Math.log(1 - uniform()) * 4);
    values[i] = uniform() < 0.01 ? Number.NaN : x;
  }
  return values;
}

const CATEGORY_COUNTS = [3, 10, 50, 200, 5];
// One string object per category, as a decoded batch of records would mostly share them.
const NAMES = CATEGORY_COUNTS.map((n, feature) => Array.from({ length: n }, (_, c) => `cat${feature}_value${c}`));

function categoricalColumn(feature: number, rows: number, seed: number, drifted: boolean): (string | null)[] {
  const uniform = seededUniform(seed * 104729 + feature);
  const names = NAMES[feature]!;
  const values = new Array<string | null>(rows);
  for (let i = 0; i < rows; i++) {
    // Zipf-like: category c with weight ∝ 1/(c+1), drawn by inverting a geometric-ish rank.
    let c = Math.min(names.length - 1, Math.floor(names.length ** uniform()) - 1);
    if (drifted && feature === 1 && c < 2) c = 1 - c;
    if (drifted && feature === 0 && uniform() < 0.2) values[i] = 'cat0_new';
    else values[i] = uniform() < 0.005 ? null : names[c]!;
  }
  return values;
}

export interface Batch {
  readonly numeric: Float64Array[];
  readonly categorical: (string | null)[][];
}

/** `rows` rows of every feature; `drifted` applies DRIFTS. Different seeds give independent batches. */
export function syntheticBatch(rows: number, seed: number, drifted: boolean): Batch {
  return {
    numeric: Array.from({ length: NUMERIC_FEATURES }, (_, f) => numericColumn(f, rows, seed, drifted)),
    categorical: Array.from({ length: CATEGORICAL_FEATURES }, (_, f) => categoricalColumn(f, rows, seed, drifted)),
  };
}
