import { describe, expect, it } from 'vitest';
import { categoricalDriftStatistics, categoryBuckets } from './categorical-drift-statistics.js';
import { addCategoricalValues, categoricalSketchOfProfile, newCategoricalSketch, type CategoricalSketch } from './categorical-sketch.js';
import { jensenShannonDistance } from './jensen-shannon-distance.js';
import { populationStabilityIndex } from './population-stability-index.js';
import { categoricalSample } from './test-fixtures/seeded-samples.js';

const colours = { kind: 'categorical', categories: ['red', 'green', 'blue'] } as const;

function sketchOf(counts: Record<string, number>, binning: { kind: 'categorical'; categories: readonly string[] } = colours): CategoricalSketch {
  return addCategoricalValues(newCategoricalSketch(binning), Object.entries(counts).flatMap(([name, n]) => new Array<string>(n).fill(name)));
}

describe('categoryBuckets', () => {
  it("lines the current counts up with the reference's categories, and gathers the rest in one last bucket", () => {
    const reference = sketchOf({ red: 5, green: 3 });
    const current = sketchOf({ green: 2, blue: 1, amber: 4, violet: 1 });
    expect(categoryBuckets(reference, current)).toEqual({ categories: ['red', 'green', 'blue'], reference: [5, 3, 0, 0], current: [0, 2, 1, 5] });
  });

  it("sets a profile's other count against every current value the profile does not list", () => {
    const reference = categoricalSketchOfProfile({ kind: 'categorical', count: 10, missing: 0, distinct: 3, frequencies: { S: 6, C: 3 }, otherCount: 1 });
    const current = addCategoricalValues(newCategoricalSketch({ kind: 'categorical', categories: ['S', 'C'] }), ['S', 'Q', 'Q', 'X']);
    expect(categoryBuckets(reference, current)).toMatchObject({ reference: [6, 3, 1], current: [1, 0, 3] });
  });
});

describe('categoricalDriftStatistics', () => {
  it("matches scipy's chi2_contingency(correction=False) and the primitives on the buckets", () => {
    // chi2_contingency([[30, 50, 20], [45, 35, 20]], correction=False) = (5.647058823529411, p 0.05939593960520477, dof 2)
    const stats = categoricalDriftStatistics(sketchOf({ red: 30, green: 50, blue: 20 }), sketchOf({ red: 45, green: 35, blue: 20 }));
    expect(stats.chiSquare).toBeCloseTo(5.647058823529411, 12);
    expect(stats.degreesOfFreedom).toBe(2);
    expect(stats.chiSquarePValue).toBeCloseTo(0.05939593960520477, 10);
    expect(stats.psi).toBeCloseTo(populationStabilityIndex([30, 50, 20, 0], [45, 35, 20, 0]), 15);
    expect(stats.jensenShannon).toBeCloseTo(jensenShannonDistance([30, 50, 20], [45, 35, 20]), 15);
    expect(stats.unseenShare).toBe(0);
  });

  it('measures a new category taking 20% of the values in every statistic', () => {
    const weights = { red: 50, green: 30, blue: 20 };
    const reference = sketchOf({}, colours);
    addCategoricalValues(reference, categoricalSample(100_000, 1, weights));
    const current = addCategoricalValues(newCategoricalSketch(colours), categoricalSample(100_000, 2, { ...weights, amber: 25 }));
    const stats = categoricalDriftStatistics(reference, current);
    expect(stats.unseenShare).toBeCloseTo(0.2, 2);
    // JS distance for p against 0.8p + 0.2 new: √((log2(1/0.9) + 0.8·log2(0.8/0.9) + 0.2·log2(2)) / 2) = 0.329
    expect(stats.jensenShannon).toBeCloseTo(0.329, 2);
    expect(stats.psi).toBeGreaterThan(0.25);
    expect(stats.chiSquarePValue).toBeLessThan(1e-100);
  });

  it('finds next to nothing between two samples of one distribution', () => {
    const weights = { red: 50, green: 30, blue: 20, amber: 1 };
    const reference = addCategoricalValues(newCategoricalSketch(colours), categoricalSample(100_000, 3, weights));
    const current = addCategoricalValues(newCategoricalSketch(colours), categoricalSample(100_000, 4, weights));
    const stats = categoricalDriftStatistics(reference, current);
    expect(stats.psi).toBeLessThan(0.001);
    expect(stats.jensenShannon).toBeLessThan(0.01);
    expect(stats.chiSquarePValue).toBeGreaterThan(0.01);
    expect(stats.unseenShare).toBe(0);
  });

  it('counts the current values of categories the reference lists with no values as unseen', () => {
    const stats = categoricalDriftStatistics(sketchOf({ red: 4 }), sketchOf({ red: 1, blue: 1, amber: 2 }));
    expect(stats.unseenShare).toBe(0.75);
  });

  it('reports the missing rates', () => {
    const reference = addCategoricalValues(newCategoricalSketch(colours), ['red', null, 'green', 'blue']);
    const current = addCategoricalValues(newCategoricalSketch(colours), ['red', null, null, undefined]);
    expect(categoricalDriftStatistics(reference, current).missingRate).toEqual({ reference: 0.25, current: 0.75 });
  });

  it('refuses a side without values', () => {
    expect(() => categoricalDriftStatistics(sketchOf({ red: 1 }), sketchOf({}))).toThrow(/values in both/);
  });
});
