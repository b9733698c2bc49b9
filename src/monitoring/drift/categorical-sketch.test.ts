import { describe, expect, it } from 'vitest';
import type { CategoricalFeatureProfile } from '../../profile/index.js';
import { createCategoricalBinning, MAX_CATEGORIES } from './categorical-binning.js';
import { addCategoricalValues, categoricalSketchOfProfile, mergeCategoricalSketches, newCategoricalSketch } from './categorical-sketch.js';
import { categoricalSample } from './test-fixtures/seeded-samples.js';

const binning = { kind: 'categorical', categories: ['red', 'green'] } as const;

describe('addCategoricalValues', () => {
  it("counts the reference's categories in place, appends new ones in order of first sight, and counts null as missing", () => {
    const sketch = addCategoricalValues(newCategoricalSketch(binning), ['green', 'blue', null, 'red', 'green', undefined, 'amber', 'blue']);
    expect(sketch).toEqual({ kind: 'categorical', categories: ['red', 'green', 'blue', 'amber'], pinned: 2, counts: [1, 2, 2, 1], other: 0, count: 6, missing: 2 });
  });

  it('counts values past MAX_CATEGORIES names as other, yet still counts known names', () => {
    const values = Array.from({ length: MAX_CATEGORIES + 50 }, (_, i) => `v${i}`);
    const sketch = addCategoricalValues(newCategoricalSketch(binning), [...values, 'red', 'v5']);
    expect(sketch.categories).toHaveLength(MAX_CATEGORIES);
    expect(sketch.other).toBe(52);
    expect(sketch.counts[0]).toBe(1);
    expect(sketch.count).toBe(MAX_CATEGORIES + 52);
  });

  it('counts "__proto__" and the empty string as categories', () => {
    const sketch = addCategoricalValues(newCategoricalSketch(binning), ['__proto__', '', '__proto__']);
    expect(sketch.categories).toEqual(['red', 'green', '__proto__', '']);
    expect(sketch.counts).toEqual([0, 0, 2, 1]);
  });

  it('goes on counting after a JSON round trip', () => {
    const stored = JSON.parse(JSON.stringify(addCategoricalValues(newCategoricalSketch(binning), ['red', 'blue'])));
    addCategoricalValues(stored, ['blue', 'green']);
    expect(stored).toMatchObject({ categories: ['red', 'green', 'blue'], counts: [1, 1, 2], count: 4 });
  });
});

describe('mergeCategoricalSketches', () => {
  it('merges the sketches of two halves into exactly the sketch of the whole', () => {
    const values: (string | null)[] = categoricalSample(10_000, 1, { red: 5, green: 3, blue: 1, amber: 0.5, violet: 0.1 });
    values[3] = null;
    const whole = addCategoricalValues(newCategoricalSketch(binning), values);
    const first = addCategoricalValues(newCategoricalSketch(binning), values.slice(0, 3500));
    const second = addCategoricalValues(newCategoricalSketch(binning), values.slice(3500));
    expect(mergeCategoricalSketches(first, second)).toEqual(whole);
  });

  it('changes neither input', () => {
    const a = addCategoricalValues(newCategoricalSketch(binning), ['red', 'blue']);
    const b = addCategoricalValues(newCategoricalSketch(binning), ['amber']);
    const before = JSON.stringify([a, b]);
    mergeCategoricalSketches(a, b);
    expect(JSON.stringify([a, b])).toBe(before);
  });

  it('past MAX_CATEGORIES names keeps the reference categories and the most frequent new ones, the rest as other', () => {
    const a = addCategoricalValues(newCategoricalSketch(binning), Array.from({ length: 998 }, (_, i) => `a${i}`));
    const b = addCategoricalValues(newCategoricalSketch(binning), [...Array.from({ length: 10 }, (_, i) => `b${i}`), 'b3', 'b7']);
    const merged = mergeCategoricalSketches(a, b);
    expect(merged.categories).toHaveLength(MAX_CATEGORIES);
    expect(merged.categories.slice(0, 2)).toEqual(['red', 'green']);
    expect(merged.categories).toContain('b3');
    expect(merged.categories).toContain('b7');
    // 1008 new names for 998 places: b3 and b7 (seen twice) stay, and the 10 values of the names dropped become other.
    expect(merged.other).toBe(10);
    expect(merged.counts.reduce((x, y) => x + y, 0) + merged.other).toBe(merged.count);
  });

  it('refuses sketches of different reference categories', () => {
    expect(() => mergeCategoricalSketches(newCategoricalSketch(binning), newCategoricalSketch({ kind: 'categorical', categories: ['red'] }))).toThrow(/different reference categories/);
  });
});

describe('categoricalSketchOfProfile', () => {
  it("rebuilds the reference from a profile's frequencies, its otherCount as other", () => {
    const profile: CategoricalFeatureProfile = { kind: 'categorical', count: 10, missing: 2, distinct: 3, frequencies: { S: 6, C: 3 }, otherCount: 1 };
    expect(categoricalSketchOfProfile(profile)).toEqual({ kind: 'categorical', categories: ['S', 'C'], pinned: 2, counts: [6, 3], other: 1, count: 10, missing: 2 });
  });

  it('builds current sketches that count the same categories first', () => {
    const values = ['x', 'y', 'y', 'z'];
    const reference = addCategoricalValues(newCategoricalSketch(createCategoricalBinning(values)), values);
    expect(reference).toMatchObject({ categories: ['y', 'x', 'z'], counts: [2, 1, 1], pinned: 3 });
  });
});
