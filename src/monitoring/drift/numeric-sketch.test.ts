import { describe, expect, it } from 'vitest';
import type { NumericFeatureProfile } from '../../profile/index.js';
import { createNumericBinning, numericBinning } from './numeric-binning.js';
import { addNumericValues, mergeNumericSketches, newNumericSketch, numericSketchOfProfile, sketchShift } from './numeric-sketch.js';
import { referenceProfileOf } from './test-fixtures/reference-table.js';
import { normalSample } from './test-fixtures/seeded-samples.js';

const binning = numericBinning([0, 1, 2, 3]);

function numericProfile(values: Float64Array): NumericFeatureProfile {
  return referenceProfileOf({ x: values }).features.x as NumericFeatureProfile;
}

function mean(sketch: { shiftedSum: number; count: number; edges: readonly number[] }): number {
  return sketchShift(sketch.edges) + sketch.shiftedSum / sketch.count;
}

describe('addNumericValues', () => {
  it('counts values into right-closed bins, with overflow bins below the min and above the max', () => {
    const sketch = addNumericValues(newNumericSketch(binning), [-1, 0, 0.5, 1, 2.5, 3, 4, 7]);
    expect(sketch.counts).toEqual([2, 2, 0, 2, 2]);
    // Where each in-range value sits in its bin: 0.5 and 1 in (0, 1], 2.5 and 3 in (2, 3].
    expect(sketch.binOffsets).toEqual([0, 1.5, 0, 1.5, 0]);
    expect(sketch).toMatchObject({ count: 8, missing: 0, min: -1, max: 7, below: 1, above: 2, belowDistance: 1, aboveDistance: 5 });
  });

  it('counts NaN and infinities as missing', () => {
    const sketch = addNumericValues(newNumericSketch(binning), [Number.NaN, Infinity, -Infinity, 1]);
    expect(sketch).toMatchObject({ count: 1, missing: 3, min: 1, max: 1 });
  });

  it('adds in place across calls, from plain arrays and Float64Arrays alike', () => {
    const sketch = newNumericSketch(binning);
    addNumericValues(sketch, [0.5, 1.5]);
    const same = addNumericValues(sketch, Float64Array.of(2.5, Number.NaN));
    expect(same).toBe(sketch);
    expect(sketch).toMatchObject({ counts: [0, 1, 1, 1, 0], count: 3, missing: 1 });
    expect(mean(sketch)).toBe(1.5);
  });

  it('keeps min and max null while it has no values, so that it stays valid JSON', () => {
    const sketch = addNumericValues(newNumericSketch(binning), [Number.NaN]);
    expect(sketch.min).toBeNull();
    expect(JSON.parse(JSON.stringify(sketch))).toEqual(sketch);
  });

  it('keeps the variance of epoch seconds accurate by summing about the reference median', () => {
    const seconds = Float64Array.from(normalSample(10_000, 1), (z) => 1.7e9 + 60 * z);
    const sketch = addNumericValues(newNumericSketch(createNumericBinning(seconds)), seconds);
    let sum = 0;
    for (const x of seconds) sum += x;
    let squares = 0;
    for (const x of seconds) squares += (x - sum / seconds.length) ** 2;
    const variance = sketch.shiftedSumOfSquares / sketch.count - (sketch.shiftedSum / sketch.count) ** 2;
    expect(Math.sqrt(variance) / Math.sqrt(squares / seconds.length)).toBeCloseTo(1, 10);
  });

  it('goes on counting after a JSON round trip, as a stored sketch must', () => {
    const values = normalSample(1000, 2);
    const whole = addNumericValues(newNumericSketch(createNumericBinning(values)), values);
    const stored = JSON.parse(JSON.stringify(addNumericValues(newNumericSketch(createNumericBinning(values)), values.subarray(0, 400))));
    addNumericValues(stored, values.subarray(400));
    expect(stored.counts).toEqual(whole.counts);
    expect(stored.count).toBe(whole.count);
  });
});

describe('mergeNumericSketches', () => {
  it('merges the sketches of two halves into exactly the sketch of the whole', () => {
    // Values and edges on a 1/64 grid keep every sum exact, so the comparison can be strict.
    const values = Float64Array.from(normalSample(10_000, 4), (z) => Math.round(z * 64) / 64);
    values[17] = Number.NaN;
    const reference = numericBinning(Array.from({ length: 49 }, (_, i) => -3 + i / 8));
    const whole = addNumericValues(newNumericSketch(reference), values);
    const first = addNumericValues(newNumericSketch(reference), values.subarray(0, 4000));
    const second = addNumericValues(newNumericSketch(reference), values.subarray(4000));
    expect(mergeNumericSketches(first, second)).toEqual(whole);
    expect(mergeNumericSketches(second, first)).toEqual(whole);
  });

  it('agrees with the whole up to rounding for any values, and changes neither input', () => {
    const values = normalSample(10_000, 5, 3, 2);
    const reference = createNumericBinning(values);
    const whole = addNumericValues(newNumericSketch(reference), values);
    const first = addNumericValues(newNumericSketch(reference), values.subarray(0, 5000));
    const second = addNumericValues(newNumericSketch(reference), values.subarray(5000));
    const before = JSON.stringify(first);
    const merged = mergeNumericSketches(first, second);
    expect(JSON.stringify(first)).toBe(before);
    expect(merged.counts).toEqual(whole.counts);
    expect(merged.shiftedSum).toBeCloseTo(whole.shiftedSum, 8);
    expect(merged.shiftedSumOfSquares).toBeCloseTo(whole.shiftedSumOfSquares, 8);
    expect([merged.min, merged.max]).toEqual([whole.min, whole.max]);
  });

  it('takes min and max from whichever side has values', () => {
    const empty = newNumericSketch(binning);
    const some = addNumericValues(newNumericSketch(binning), [1, 2]);
    expect(mergeNumericSketches(empty, some)).toMatchObject({ min: 1, max: 2 });
    expect(mergeNumericSketches(some, empty)).toMatchObject({ min: 1, max: 2 });
  });

  it('refuses sketches over different edges', () => {
    expect(() => mergeNumericSketches(newNumericSketch(binning), newNumericSketch(numericBinning([0, 1, 2])))).toThrow(/different bin edges/);
  });
});

describe('numericSketchOfProfile', () => {
  const values = normalSample(50_000, 6, 10, 2);
  const profile = numericProfile(values);
  const sketch = numericSketchOfProfile(profile);

  it("rebuilds the reference over the profile's own binning: half a percent of the values per bin", () => {
    expect(sketch.edges).toEqual(createNumericBinning(profile).edges);
    expect(sketch.counts.reduce((a, b) => a + b, 0)).toBeCloseTo(50_000, 6);
    expect(sketch.counts[0]).toBe(0);
    expect(sketch.counts[sketch.counts.length - 1]).toBeCloseTo(0, 9);
    for (const n of sketch.counts.slice(1, -1)) expect(Math.abs(n - 250)).toBeLessThan(1);
  });

  it('places each bin\'s values by the shape of the CDF within it, so offsets stay inside the bin', () => {
    sketch.binOffsets.forEach((offset, i) => {
      if (i === 0 || i === sketch.edges.length) return expect(offset).toBe(0);
      const width = sketch.edges[i]! - sketch.edges[i - 1]!;
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset).toBeLessThanOrEqual(sketch.counts[i]! * width * (1 + 1e-9));
    });
  });

  it("carries the profile's count, missing, range, mean and std", () => {
    expect(sketch).toMatchObject({ count: 50_000, missing: 0, min: profile.min, max: profile.max, below: 0, above: 0 });
    expect(mean(sketch)).toBeCloseTo(profile.mean!, 10);
    const std = Math.sqrt(sketch.shiftedSumOfSquares / sketch.count - (sketch.shiftedSum / sketch.count) ** 2);
    expect(std).toBeCloseTo(profile.std!, 10);
  });

  it('is close to counting the raw values into the same bins: cumulative shares within 0.1% inside the 1st–99th percentiles, 0.2% in the tails', () => {
    // The profile's CDF is linear between its knots (percentiles and histogram edges): exact enough where knots are
    // close together, less so in the tails, where a percentile spans a long stretch of thinning density.
    const counted = addNumericValues(newNumericSketch({ kind: 'numeric', edges: sketch.edges }), values);
    let rebuilt = 0;
    let raw = 0;
    const gaps = sketch.counts.map((n, i) => {
      rebuilt += n;
      raw += counted.counts[i]!;
      return Math.abs(rebuilt - raw) / 50_000;
    });
    expect(Math.max(...gaps)).toBeLessThan(0.002);
    expect(Math.max(...gaps.slice(2, 199))).toBeLessThan(0.001);
  });
});
