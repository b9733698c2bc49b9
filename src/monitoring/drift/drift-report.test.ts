import { describe, expect, it } from 'vitest';
import { createCategoricalBinning } from './categorical-binning.js';
import { DEFAULT_THRESHOLDS, driftReport, predictionDrift, type DriftReport } from './drift-report.js';
import { addValues, binningOf, mergeSketches, newSketch, referenceSketches, type FeatureSketch } from './feature-sketch.js';
import { createNumericBinning } from './numeric-binning.js';
import { referenceProfileOf } from './test-fixtures/reference-table.js';
import { categoricalSample, normalSample } from './test-fixtures/seeded-samples.js';

const COLOURS = { red: 50, green: 30, blue: 15, amber: 5 };

/** Sketches of `columns` over the binnings of `reference` (reference sketches, a profile's or counted). */
function sketchLike(reference: Readonly<Record<string, FeatureSketch>>, columns: Readonly<Record<string, Float64Array | (string | null)[]>>): Record<string, FeatureSketch> {
  return Object.fromEntries(Object.entries(columns).map(([name, values]) => [name, addValues(newSketch(binningOf(reference[name]!)), values)]));
}

/** Reference sketches counted from raw values. */
function countedReference(columns: Readonly<Record<string, Float64Array | (string | null)[]>>): Record<string, FeatureSketch> {
  return Object.fromEntries(
    Object.entries(columns).map(([name, values]) => [
      name,
      values instanceof Float64Array ? addValues(newSketch(createNumericBinning(values)), values) : addValues(newSketch(createCategoricalBinning(values)), values),
    ]),
  );
}

function drifted(report: DriftReport): string[] {
  return report.features.filter((feature) => feature.drifted).map((feature) => feature.feature);
}

describe('driftReport on large windows: effect sizes, not p-values', () => {
  const reference = countedReference({ x: normalSample(100_000, 1, 20, 4), colour: categoricalSample(100_000, 2, COLOURS) });

  it('flags a mean shift of half a standard deviation on 100,000 rows, by normalised Wasserstein distance', () => {
    const report = driftReport(reference, sketchLike(reference, { x: normalSample(100_000, 3, 22, 4), colour: categoricalSample(100_000, 4, COLOURS) }));
    const [x, colour] = report.features;
    expect(x).toMatchObject({ feature: 'x', kind: 'numeric', method: 'wasserstein', threshold: 0.1, drifted: true, warning: true, rows: { reference: 100_000, current: 100_000 } });
    expect(x!.statistic).toBeCloseTo(0.5, 1);
    expect(x!.pValue).toBeUndefined();
    expect(colour).toMatchObject({ method: 'js', drifted: false, warning: false });
  });

  it('does not cry wolf: the same distributions on 1,000,000 rows are not flagged', () => {
    const report = driftReport(reference, sketchLike(reference, { x: normalSample(1_000_000, 5, 20, 4), colour: categoricalSample(1_000_000, 6, COLOURS) }));
    expect(drifted(report)).toEqual([]);
    for (const feature of report.features) expect(feature.statistic).toBeLessThan(0.02);
  });

  it('does not flag a shift of 0.02 standard deviations on 1,000,000 rows, which any test would call significant', () => {
    const report = driftReport(reference, sketchLike(reference, { x: normalSample(1_000_000, 7, 20.08, 4), colour: categoricalSample(1_000_000, 8, COLOURS) }));
    const x = report.features[0]!;
    if (x.kind !== 'numeric') throw new Error('x is numeric');
    expect(x.drifted).toBe(false);
    expect(x.stats!.wassersteinNormalised).toBeLessThan(0.05);
    expect(x.stats!.ksPValue).toBeLessThan(0.001);
  });

  it('flags a new category that takes 20% of the values, by Jensen–Shannon distance', () => {
    const report = driftReport(reference, sketchLike(reference, { x: normalSample(100_000, 9, 20, 4), colour: categoricalSample(100_000, 10, { ...COLOURS, violet: 25 }) }));
    const colour = report.features[1]!;
    expect(colour).toMatchObject({ feature: 'colour', kind: 'categorical', method: 'js', drifted: true, warning: true });
    expect(colour.statistic).toBeCloseTo(0.329, 2);
    expect(colour.kind === 'categorical' && colour.stats!.unseenShare).toBeCloseTo(0.2, 2);
    expect(colour.distribution).toMatchObject({ categories: ['red', 'green', 'violet', 'blue', 'amber'] });
  });
});

describe('driftReport over a stream of windows', () => {
  it("raises no drift in any of 30 windows of 5,000 rows from the reference's distribution, nor in their merged day", () => {
    const profile = referenceProfileOf({
      score: normalSample(100_000, 20, 0.3, 0.1),
      income: Float64Array.from(normalSample(100_000, 21, 10, 1), Math.exp),
      colour: categoricalSample(100_000, 22, COLOURS),
      plan: categoricalSample(100_000, 23, { free: 70, pro: 25, team: 5 }),
    });
    const reference = referenceSketches(profile);
    let day: Record<string, FeatureSketch> | null = null;
    for (let window = 0; window < 30; window++) {
      const seed = 1000 + 10 * window;
      const hour = sketchLike(reference, {
        score: normalSample(5000, seed, 0.3, 0.1),
        income: Float64Array.from(normalSample(5000, seed + 1, 10, 1), Math.exp),
        colour: categoricalSample(5000, seed + 2, COLOURS),
        plan: categoricalSample(5000, seed + 3, { free: 70, pro: 25, team: 5 }),
      });
      const report = driftReport(reference, hour);
      expect({ window, drifted: drifted(report) }).toEqual({ window, drifted: [] });
      expect(report.datasetDrifted).toBe(false);
      day = day === null ? hour : Object.fromEntries(Object.keys(hour).map((name) => [name, mergeSketches(day![name]!, hour[name]!)]));
    }
    const merged = driftReport(reference, day!);
    expect(merged.features.map((feature) => feature.rows.current)).toEqual([150_000, 150_000, 150_000, 150_000]);
    expect(drifted(merged)).toEqual([]);
  });
});

describe('driftReport on small windows: tests, Bonferroni-corrected', () => {
  const reference = countedReference({ a: normalSample(50_000, 30), b: normalSample(50_000, 31), colour: categoricalSample(50_000, 32, COLOURS) });

  it('judges features by KS and chi-square p-values under 1,000 current values, against alpha ÷ the number of features', () => {
    const report = driftReport(reference, sketchLike(reference, { a: normalSample(300, 33, 0.5), b: normalSample(300, 34), colour: categoricalSample(300, 35, COLOURS) }));
    const [a, b, colour] = report.features;
    expect(a).toMatchObject({ method: 'ks', threshold: 0.05 / 3, drifted: true });
    expect(a!.pValue).toBeLessThan(0.05 / 3);
    expect(b).toMatchObject({ method: 'ks', drifted: false });
    expect(colour).toMatchObject({ method: 'chi2', threshold: 0.05 / 3, drifted: false });
    expect(colour!.pValue).toBeGreaterThan(0.05 / 3);
    expect(report).toMatchObject({ measuredFeatures: 3, driftedFeatures: 1, datasetDrifted: false });
  });

  it('raises no PSI warning on a small window, where PSI is mostly noise, unless PSI is the method', () => {
    const current = sketchLike(reference, { a: normalSample(60, 39, 0.3), b: normalSample(60, 40), colour: categoricalSample(60, 41, COLOURS) });
    const a = driftReport(reference, current).features[0]!;
    expect(a.stats!.psi).toBeGreaterThan(0.1);
    expect(a.warning).toBe(false);
    expect(driftReport(reference, current, { methods: { a: { method: 'psi', threshold: 10 } } }).features[0]!.warning).toBe(true);
  });

  it('takes alpha and the small-sample limit from the options', () => {
    const current = sketchLike(reference, { a: normalSample(300, 36), b: normalSample(300, 37), colour: categoricalSample(300, 38, COLOURS) });
    expect(driftReport(reference, current, { alpha: 0.3 }).features[0]!.threshold).toBeCloseTo(0.1, 15);
    expect(driftReport(reference, current, { smallSampleRows: 100 }).features.map((feature) => feature.method)).toEqual(['wasserstein', 'wasserstein', 'js']);
  });
});

describe('driftReport options', () => {
  const reference = countedReference({ a: normalSample(20_000, 40), b: normalSample(20_000, 41), colour: categoricalSample(20_000, 42, COLOURS), shade: categoricalSample(20_000, 43, COLOURS) });
  const current = sketchLike(reference, { a: normalSample(20_000, 44, 0.3), b: normalSample(20_000, 45), colour: categoricalSample(20_000, 46, { red: 20, green: 30, blue: 15, amber: 35 }), shade: categoricalSample(20_000, 47, COLOURS) });

  it('uses the method and threshold configured per feature, or per kind', () => {
    const report = driftReport(reference, current, {
      methods: { a: { method: 'psi' }, colour: { method: 'chi2', threshold: 0.01 } },
      numericMethod: { method: 'js', threshold: 0.5 },
      categoricalMethod: { method: 'psi', threshold: 0.2 },
    });
    expect(report.features.map(({ feature, method, threshold }) => ({ feature, method, threshold }))).toEqual([
      { feature: 'a', method: 'psi', threshold: DEFAULT_THRESHOLDS.psi },
      { feature: 'b', method: 'js', threshold: 0.5 },
      { feature: 'colour', method: 'chi2', threshold: 0.01 },
      { feature: 'shade', method: 'psi', threshold: 0.2 },
    ]);
    expect(report.features[0]!.statistic).toBe(report.features[0]!.stats!.psi);
    expect(report.features[2]!.pValue).toBe(report.features[2]!.kind === 'categorical' ? report.features[2]!.stats!.chiSquarePValue : -1);
  });

  it('refuses a method that does not apply to the kind of feature, naming the ones that do', () => {
    expect(() => driftReport(reference, current, { methods: { colour: { method: 'ks' } } })).toThrow(/"ks" does not apply to categorical feature "colour" \(use js, psi, chi2\)/);
    expect(() => driftReport(reference, current, { numericMethod: { method: 'chi2' } })).toThrow(/does not apply to numeric/);
    expect(() => driftReport(reference, current, { methods: { a: { method: 'psi', threshold: -1 } } })).toThrow(/positive number/);
  });

  it('refuses an alpha, small-sample limit or dataset share out of range', () => {
    expect(() => driftReport(reference, current, { alpha: 0 })).toThrow(/alpha/);
    expect(() => driftReport(reference, current, { smallSampleRows: -1 })).toThrow(/smallSampleRows/);
    expect(() => driftReport(reference, current, { datasetDriftShare: 1.5 })).toThrow(/datasetDriftShare/);
  });

  it('calls the dataset drifted when at least half the features drifted, or the configured share', () => {
    const report = driftReport(reference, current);
    expect(drifted(report)).toEqual(['a', 'colour']);
    expect(report).toMatchObject({ measuredFeatures: 4, driftedFeatures: 2, driftedShare: 0.5, datasetDriftShare: 0.5, datasetDrifted: true });
    expect(driftReport(reference, current, { datasetDriftShare: 0.75 }).datasetDrifted).toBe(false);
  });

  it('warns at PSI 0.1 without calling drift', () => {
    const mild = sketchLike(reference, { a: normalSample(20_000, 48, 0.1), b: normalSample(20_000, 49), colour: categoricalSample(20_000, 50, COLOURS), shade: categoricalSample(20_000, 51, COLOURS) });
    const a = driftReport(reference, mild, { methods: { a: { method: 'psi' } } }).features[0]!;
    expect(a.stats!.psi).toBeGreaterThan(0.01);
    expect(a.warning).toBe(a.stats!.psi >= 0.1);
    expect(a.drifted).toBe(false);
  });

  it('skips a feature without current values and leaves it out of the dataset share', () => {
    const partial = { ...current };
    delete partial.b;
    partial.shade = addValues(newSketch(binningOf(reference.shade!)), [null, null]);
    const report = driftReport(reference, partial);
    expect(report.features[1]).toMatchObject({ feature: 'b', skipped: 'no current values', drifted: false, stats: null, distribution: null, rows: { current: 0 } });
    expect(report.features[3]).toMatchObject({ feature: 'shade', skipped: 'no current values', rows: { current: 2 } });
    expect(report).toMatchObject({ measuredFeatures: 2, driftedFeatures: 2, datasetDrifted: true });
  });

  it('refuses a feature that is numeric in the reference and categorical in the current window, or sketched over other edges', () => {
    expect(() => driftReport(reference, { ...current, a: current.colour! })).toThrow(/"a" is numeric in the reference but categorical/);
    const otherEdges = addValues(newSketch(createNumericBinning(normalSample(100, 52))), normalSample(100, 53));
    expect(() => driftReport(reference, { ...current, a: otherEdges })).toThrow(/"a" was sketched over other bin edges/);
  });

  it('gives the same report for the same sketches, and one that survives JSON', () => {
    const report = driftReport(reference, current);
    expect(driftReport(JSON.parse(JSON.stringify(reference)), JSON.parse(JSON.stringify(current)))).toEqual(report);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe('predictionDrift', () => {
  it("applies the same statistics to a model's numeric score, named prediction", () => {
    const scores = normalSample(50_000, 60, 0.4, 0.1);
    const reference = addValues(newSketch(createNumericBinning(scores)), scores);
    const shifted = addValues(newSketch(binningOf(reference)), normalSample(50_000, 61, 0.45, 0.1));
    expect(predictionDrift(reference, shifted)).toMatchObject({ feature: 'prediction', kind: 'numeric', method: 'wasserstein', drifted: true });
    const same = addValues(newSketch(binningOf(reference)), normalSample(50_000, 62, 0.4, 0.1));
    expect(predictionDrift(reference, same).drifted).toBe(false);
  });

  it('treats a predicted label as categorical, tested alone (no Bonferroni share) in a small window', () => {
    const labels = categoricalSample(10_000, 63, { yes: 30, no: 70 });
    const reference = addValues(newSketch(createCategoricalBinning(labels)), labels);
    const current = addValues(newSketch(binningOf(reference)), categoricalSample(500, 64, { yes: 45, no: 55 }));
    const drift = predictionDrift(reference, current, { name: 'approved' });
    expect(drift).toMatchObject({ feature: 'approved', kind: 'categorical', method: 'chi2', threshold: 0.05, drifted: true });
    expect(predictionDrift(reference, current, { method: { method: 'psi', threshold: 0.5 } })).toMatchObject({ method: 'psi', drifted: false });
  });
});
