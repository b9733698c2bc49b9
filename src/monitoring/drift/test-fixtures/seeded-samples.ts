// Seeded samples for the drift tests: the same numbers on every machine, so statistics can be pinned.

/** mulberry32: uniform numbers in [0, 1) from a 32-bit seed. */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
