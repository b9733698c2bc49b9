// Seeded samples for the drift tests: the same numbers on every machine, so statistics can be pinned.

import { seededRandom as seededUniform } from '../../../dataset/index.js';

export { seededUniform };

/** n draws from N(mean, std²) by Box–Muller. */
export function normalSample(n: number, seed: number, mean = 0, std = 1): Float64Array {
  const uniform = seededUniform(seed);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    values[i] = mean + std * radius * Math.cos(angle);
    if (i + 1 < n) values[i + 1] = mean + std * radius * Math.sin(angle);
  }
  return values;
}

/** n draws of the given categories with the given weights (any scale). */
export function categoricalSample(n: number, seed: number, weights: Readonly<Record<string, number>>): string[] {
  const uniform = seededUniform(seed);
  const names = Object.keys(weights);
  const total = names.reduce((sum, name) => sum + weights[name]!, 0);
  const cumulative: number[] = [];
  let running = 0;
  for (const name of names) cumulative.push((running += weights[name]! / total));
  return Array.from({ length: n }, () => {
    const u = uniform();
    const index = cumulative.findIndex((c) => u < c);
    return names[index === -1 ? names.length - 1 : index]!;
  });
}
