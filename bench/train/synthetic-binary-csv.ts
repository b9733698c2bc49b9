// The end-to-end training benchmark's data: a seeded binary classification CSV. The label is a Bernoulli draw from a
// logistic of Friedman #1-style signal (a sine interaction, a square, two linear terms) over five of the columns;
// the other columns are noise. Half the columns are uniform on [0, 1), half Gaussian, 1% of one signal column missing.
import fs from 'node:fs';

export function writeSyntheticBinaryCsv(file: string, rows: number, cols: number, seed: number): void {
  const random = generator(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const out = fs.openSync(file, 'w');
  const header = [...Array.from({ length: cols }, (_, f) => `x${f}`), 'label'].join(',');
  let chunk = `${header}\n`;
  const x = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    for (let f = 0; f < cols; f++) x[f] = f % 2 === 0 ? random() : gaussian();
    const logit = 2 * Math.sin(Math.PI * x[0]! * x[2]!) + 4 * (x[4]! - 0.5) ** 2 + 1.5 * x[1]! - 1.2 * x[3]! + 0.8 * x[5]! * x[7]! - 1;
    const label = random() < 1 / (1 + Math.exp(-3 * logit)) ? 1 : 0;
    const cells = Array.from(x, (v, f) => (f === 3 && random() < 0.01 ? '' : v.toFixed(6)));
    chunk += `${cells.join(',')},${label}\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(out, chunk);
      chunk = '';
    }
  }
  fs.writeSync(out, chunk);
  fs.closeSync(out);
}

/** A seeded linear congruential generator: the same file on every run and machine. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
