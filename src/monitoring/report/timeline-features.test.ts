import { describe, expect, it } from 'vitest';
import { addValues, createCategoricalBinning, createNumericBinning, driftReport, newSketch } from '../drift/index.js';
import { categoricalSample, normalSample } from '../drift/test-fixtures/seeded-samples.js';
import { featuresByConcern, featureVerdict } from './feature-verdict.js';
import { timelineFeatures } from './timeline-features.js';

describe('timelineFeatures', () => {
  const referenceX = normalSample(5000, 1, 0, 1);
  const referenceColour = categoricalSample(5000, 2, { red: 1, blue: 1 });
  const reference = { x: addValues(newSketch(createNumericBinning(referenceX)), referenceX), colour: addValues(newSketch(createCategoricalBinning(referenceColour)), referenceColour), empty: addValues(newSketch(createNumericBinning(referenceX)), referenceX) };

  it('keeps what a chart needs of each measured feature, the p-value of a test included, and leaves skipped ones out', () => {
    const current = {
      x: addValues(newSketch({ kind: 'numeric', edges: reference.x.edges }), normalSample(300, 3, 0.5, 1)),
      colour: addValues(newSketch({ kind: 'categorical', categories: reference.colour.categories }), categoricalSample(300, 4, { red: 1, blue: 1 })),
    };
    const report = driftReport(reference, current);
    const features = timelineFeatures(report);
    expect(Object.keys(features)).toEqual(['x', 'colour']);
    expect(features['x']).toEqual({ statistic: report.features[0]!.statistic, threshold: 0.025, drifted: true, method: 'ks', pValue: report.features[0]!.pValue });
    expect(features['colour']).toMatchObject({ method: 'chi2', pValue: report.features[1]!.pValue });
    expect(report.features[2]).toMatchObject({ feature: 'empty', skipped: 'no current values' });
    expect(JSON.parse(JSON.stringify(features))).toEqual(features);
  });
});

describe('featureVerdict and featuresByConcern', () => {
  it('call a feature drifted, warning, ok or skipped, and list them in that order, stable within each', () => {
    const features = [
      { feature: 'a', drifted: false, warning: false },
      { feature: 'b', drifted: false, warning: false, skipped: 'no current values' as const },
      { feature: 'c', drifted: true, warning: true },
      { feature: 'd', drifted: false, warning: true },
      { feature: 'e', drifted: true, warning: false },
    ];
    expect(features.map(featureVerdict)).toEqual(['ok', 'skipped', 'drifted', 'warning', 'drifted']);
    expect(featuresByConcern(features).map((f) => f.feature)).toEqual(['c', 'e', 'd', 'a', 'b']);
  });
});
