import { describe, expect, it } from 'vitest';
import { addCategoricalValues, newCategoricalSketch } from './categorical-sketch.js';
import { CHART_BINS, categoricalDistribution, distributionSummary, numericDistribution, sketchCdf } from './distribution-summary.js';
import { createNumericBinning, numericBinning } from './numeric-binning.js';
import { addNumericValues, newNumericSketch } from './numeric-sketch.js';
import { normalSample } from './test-fixtures/seeded-samples.js';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('sketchCdf', () => {
  const binning = numericBinning([0, 1, 2]);
  const sketch = addNumericValues(newNumericSketch(binning), [-2, 0, 0.5, 1, 1.5, 2, 6]);

  it('is exact at the edges, linear within bins, and right-continuous', () => {
    expect(sketchCdf(sketch, 0)).toBeCloseTo(2 / 7, 15);
    expect(sketchCdf(sketch, 1)).toBeCloseTo(4 / 7, 15);
    expect(sketchCdf(sketch, 1.5)).toBeCloseTo(5 / 7, 15);
    expect(sketchCdf(sketch, 2)).toBeCloseTo(6 / 7, 15);
  });

  it("spreads out-of-range values evenly out to the window's min and max", () => {
    expect(sketchCdf(sketch, -3)).toBe(0);
    expect(sketchCdf(sketch, -1)).toBeCloseTo(0.5 / 7, 15);
    expect(sketchCdf(sketch, 4)).toBeCloseTo(6.5 / 7, 15);
    expect(sketchCdf(sketch, 6)).toBe(1);
  });
});

describe('numericDistribution', () => {
  it("draws both samples as shares over CHART_BINS equal-width bins spanning both samples' range", () => {
    const reference = normalSample(20_000, 1);
    const binning = createNumericBinning(reference);
    const a = addNumericValues(newNumericSketch(binning), reference);
    const b = addNumericValues(newNumericSketch(binning), normalSample(20_000, 2, 3));
    const chart = numericDistribution(a, b);
    expect(chart.edges).toHaveLength(CHART_BINS + 1);
    expect(chart.edges[0]).toBe(a.min);
    expect(chart.edges[CHART_BINS]).toBe(b.max);
    expect(sum(chart.reference)).toBeCloseTo(1, 12);
    expect(sum(chart.current)).toBeCloseTo(1, 12);
    // The current sample's mode sits three standard deviations to the right of the reference's.
    const mode = (shares: number[]) => shares.indexOf(Math.max(...shares));
    const width = chart.edges[1]! - chart.edges[0]!;
    expect((mode(chart.current) - mode(chart.reference)) * width).toBeCloseTo(3, 0);
  });

  it("gives a single value numpy's range of value ± 0.5", () => {
    const binning = numericBinning([5]);
    const a = addNumericValues(newNumericSketch(binning), [5, 5]);
    const chart = numericDistribution(a, a, 2);
    expect(chart.edges).toEqual([4.5, 5, 5.5]);
    expect(chart.reference).toEqual([1, 0]);
  });
});

describe('categoricalDistribution', () => {
  it('shows the most prominent categories of either sample by name, new ones included, and sums the rest', () => {
    const binning = { kind: 'categorical', categories: ['a', 'b', 'c'] } as const;
    const reference = addCategoricalValues(newCategoricalSketch(binning), ['a', 'a', 'b', 'c']);
    const current = addCategoricalValues(newCategoricalSketch(binning), ['a', 'new', 'new', 'c']);
    const chart = categoricalDistribution(reference, current, 2);
    expect(chart).toEqual({ kind: 'categorical', categories: ['a', 'new'], reference: [0.5, 0], current: [0.25, 0.5], other: { reference: 0.5, current: 0.25 } });
  });
});

describe('distributionSummary', () => {
  it('refuses to chart a numeric sketch against a categorical one', () => {
    expect(() => distributionSummary(newNumericSketch(numericBinning([1])), newCategoricalSketch({ kind: 'categorical', categories: [] }))).toThrow(/cannot chart/);
  });
});
