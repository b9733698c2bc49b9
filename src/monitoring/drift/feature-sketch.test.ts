import { describe, expect, it } from 'vitest';
import { createCategoricalBinning } from './categorical-binning.js';
import { addValues, binningOf, mergeSketches, newSketch, referenceSketches, sketchOfProfile } from './feature-sketch.js';
import { createNumericBinning } from './numeric-binning.js';
import { referenceProfileOf } from './test-fixtures/reference-table.js';
import { normalSample } from './test-fixtures/seeded-samples.js';

describe('feature sketches', () => {
  it('create, fill and merge either kind through one entry point', () => {
    const numeric = newSketch(createNumericBinning([1, 2, 3]));
    addValues(numeric, [1, 2]);
    expect(mergeSketches(numeric, addValues(newSketch(binningOf(numeric)), [3]))).toMatchObject({ kind: 'numeric', count: 3, min: 1, max: 3 });
    const categorical = addValues(newSketch(createCategoricalBinning(['x'])), ['x', 'y']);
    expect(mergeSketches(categorical, categorical)).toMatchObject({ kind: 'categorical', categories: ['x', 'y'], counts: [2, 2], count: 4 });
  });

  it("start the next window's sketch from a stored one's binning: its reference categories, not its new ones", () => {
    const stored = JSON.parse(JSON.stringify(addValues(newSketch(createCategoricalBinning(['x'])), ['y'])));
    expect(binningOf(stored)).toEqual({ kind: 'categorical', categories: ['x'] });
  });

  it('refuse to merge a numeric sketch with a categorical one', () => {
    expect(() => mergeSketches(newSketch(createNumericBinning([1])), newSketch(createCategoricalBinning(['x'])))).toThrow(/cannot merge a numeric sketch with a categorical/);
  });

  it("rebuild every feature of a package's reference profile as a reference sketch", () => {
    const profile = referenceProfileOf({ x: normalSample(1000, 1), c: Array.from({ length: 1000 }, (_, i) => (i % 3 === 0 ? 'a' : 'b')) });
    const sketches = referenceSketches(profile);
    expect(Object.keys(sketches)).toEqual(['x', 'c']);
    expect(sketches.x).toMatchObject({ kind: 'numeric', count: 1000 });
    expect(sketches.c).toEqual(sketchOfProfile(profile.features.c!));
    expect(sketches.c).toMatchObject({ categories: ['b', 'a'], counts: [666, 334], other: 0 });
  });
});
