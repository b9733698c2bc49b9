// The training benchmark's data: Friedman #1 (a sine interaction, a square, two linear terms) over the first five of
// `cols` uniform features, the rest noise, plus Gaussian noise, and 2% missing values in one of the signal columns.
import type { FeatureMatrix } from '../../src/training/feature-matrix.js';

export function syntheticRegression(rows: number, cols: number, seed: number): { matrix: FeatureMatrix; target: Float64Array } {
  const random = generator(seed);
  const values = new Float32Array(rows * cols);
  const target = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    for (let f = 0; f < cols; f++) values[r * cols + f] = random();
    const x = (f: number) => values[r * cols + f]!;
    const gaussian = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    target[r] = 10 * Math.sin(Math.PI * x(0) * x(1)) + 20 * (x(2) - 0.5) ** 2 + 10 * x(3) + 5 * x(4) + gaussian;
    if (random() < 0.02) values[r * cols + 3] = NaN;
  }
  const columnNames = Array.from({ length: cols }, (_, f) => `x${f}`);
  return { matrix: { rows, cols, values, columnNames }, target };
}

/** A seeded linear congruential generator: the same data on every run and machine. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
