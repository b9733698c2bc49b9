// A seeded random subset of rows for scatter plots, so a 1M-row evaluation still draws a readable, light chart.
import { SeededRandom } from './seeded-random.js';

/** At most `maxPoints` distinct row indices out of `rowsCount`, ascending; every row when there are few enough. */
export function scatterSample(rowsCount: number, maxPoints = 2000, seed = 1): Int32Array {
  const all = new Int32Array(rowsCount);
  for (let i = 0; i < rowsCount; i++) all[i] = i;
  if (rowsCount <= maxPoints) return all;
  // A partial Fisher–Yates shuffle: the first maxPoints slots end up a uniform sample without replacement.
  const random = new SeededRandom(seed);
  for (let i = 0; i < maxPoints; i++) {
    const j = i + random.nextInt(rowsCount - i);
    const swap = all[i]!;
    all[i] = all[j]!;
    all[j] = swap;
  }
  return all.slice(0, maxPoints).sort();
}
