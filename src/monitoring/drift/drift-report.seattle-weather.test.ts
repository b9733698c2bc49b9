import { describe, expect, it } from 'vitest';
import { createCategoricalBinning } from './categorical-binning.js';
import type { CategoricalDriftStatistics } from './categorical-drift-statistics.js';
import { driftReport, type DriftOptions, type DriftReport } from './drift-report.js';
import { addValues, binningOf, newSketch, referenceSketches, type FeatureSketch } from './feature-sketch.js';
import { createNumericBinning } from './numeric-binning.js';
import type { NumericDriftStatistics } from './numeric-drift-statistics.js';
import { referenceProfileOf } from './test-fixtures/reference-table.js';
import { seattleWeather, WEATHER_NUMERIC, type WeatherDay } from './test-fixtures/seattle-weather.js';

const days = seattleWeather();
const inMonths = (...months: number[]) => days.filter((day) => months.includes(day.month));

function columns(rows: readonly WeatherDay[]): Record<string, Float64Array | string[]> {
  return {
    ...Object.fromEntries(WEATHER_NUMERIC.map((feature) => [feature, Float64Array.from(rows, (day) => day[feature])])),
    weather: rows.map((day) => day.weather),
  };
}

/** Reference sketches counted from the reference rows' values. */
function countedReference(rows: readonly WeatherDay[]): Record<string, FeatureSketch> {
  return Object.fromEntries(
    Object.entries(columns(rows)).map(([name, values]) => [
      name,
      values instanceof Float64Array ? addValues(newSketch(createNumericBinning(values)), values) : addValues(newSketch(createCategoricalBinning(values)), values),
    ]),
  );
}

function compare(reference: Record<string, FeatureSketch>, rows: readonly WeatherDay[], options?: DriftOptions): DriftReport {
  const current = Object.fromEntries(Object.entries(columns(rows)).map(([name, values]) => [name, addValues(newSketch(binningOf(reference[name]!)), values)]));
  return driftReport(reference, current, options);
}

const drifted = (report: DriftReport) => report.features.filter((feature) => feature.drifted).map((feature) => feature.feature);

function numericStats(report: DriftReport, name: string): NumericDriftStatistics {
  const feature = report.features.find((f) => f.feature === name);
  if (feature?.kind !== 'numeric' || feature.stats === null) throw new Error(`${name} has no numeric statistics`);
  return feature.stats;
}

function categoricalStats(report: DriftReport, name: string): CategoricalDriftStatistics {
  const feature = report.features.find((f) => f.feature === name);
  if (feature?.kind !== 'categorical' || feature.stats === null) throw new Error(`${name} has no categorical statistics`);
  return feature.stats;
}

describe('driftReport on the Seattle weather (vega-datasets, 2012–2015)', () => {
  const winter = inMonths(12, 1, 2);
  const summer = inMonths(6, 7, 8);

  it('has the rows the tests rely on', () => {
    expect(days).toHaveLength(1461);
    expect([winter.length, summer.length]).toEqual([361, 368]);
  });

  it('flags temp_max, temp_min and weather with winter as the reference and summer as the current window', () => {
    const report = compare(countedReference(winter), summer);
    expect(drifted(report)).toEqual(expect.arrayContaining(['temp_max', 'temp_min', 'weather']));
    // 368 summer days: below 1,000 values, so KS and chi-square p-values against 0.05 / 5 features.
    expect(report.features.map((feature) => [feature.feature, feature.method, feature.threshold])).toEqual([
      ['precipitation', 'ks', 0.01],
      ['temp_max', 'ks', 0.01],
      ['temp_min', 'ks', 0.01],
      ['wind', 'ks', 0.01],
      ['weather', 'chi2', 0.01],
    ]);
    // Precipitation and wind drift too: summer here is drier and calmer.
    expect(report).toMatchObject({ driftedFeatures: 5, datasetDrifted: true });
  });

  it("gives scipy's statistics for winter against summer, binned as they are", () => {
    // scipy 1.17: ks_2samp(...).statistic, wasserstein_distance(...) / reference.std(), and for weather
    // chi2_contingency([[16, 28, 212, 18, 87], [18, 17, 82, 0, 251]], correction=False), jensenshannon(base=2).
    const report = compare(countedReference(winter), summer);
    const scipy: [string, number, number][] = [
      ['precipitation', 0.4192008912441286, 0.4724732999490531],
      ['temp_max', 0.9672859207515356, 4.748544467094434],
      ['temp_min', 0.9586595206551849, 3.0864783887772993],
      ['wind', 0.27075304106949294, 0.46917803622151133],
    ];
    for (const [feature, ks, wasserstein] of scipy) {
      expect(numericStats(report, feature).ks).toBeCloseTo(ks, 12);
      expect(numericStats(report, feature).wassersteinNormalised).toBeCloseTo(wasserstein, 3);
    }
    // ks_2samp(method='exact') gives p = 2.84e-12 for wind; the asymptotic p-value is within 10%.
    expect(numericStats(report, 'wind').ksPValue / 2.8416065157278103e-12).toBeCloseTo(1, 0);
    const weather = categoricalStats(report, 'weather');
    expect(weather).toMatchObject({ degreesOfFreedom: 4, unseenShare: 0 });
    expect(weather.chiSquare).toBeCloseTo(157.81082877539654, 9);
    expect(weather.chiSquarePValue / 4.3091354663158804e-33).toBeCloseTo(1, 6);
    expect(weather.jensenShannon).toBeCloseTo(0.41039877119387835, 12);
  });

  it('flags them by effect size too, were the windows large', () => {
    const report = compare(countedReference(winter), summer, { smallSampleRows: 0 });
    expect(report.features.map((feature) => [feature.feature, feature.method, feature.drifted])).toEqual([
      ['precipitation', 'wasserstein', true],
      ['temp_max', 'wasserstein', true],
      ['temp_min', 'wasserstein', true],
      ['wind', 'wasserstein', true],
      ['weather', 'js', true],
    ]);
  });

  it('flags nothing between the first and second halves of the same months (July; June to August; every month)', () => {
    for (const months of [[7], [6, 7, 8], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]]) {
      const rows = inMonths(...months);
      const report = compare(countedReference(rows.filter((day) => day.day <= 15)), rows.filter((day) => day.day > 15));
      expect({ months, drifted: drifted(report) }).toEqual({ months, drifted: [] });
      expect(report.datasetDrifted).toBe(false);
    }
  });

  it('reaches the same verdicts with the reference rebuilt from a packaged profile', () => {
    const seasons = compare(referenceSketches(referenceProfileOf(columns(winter))), summer);
    expect(drifted(seasons)).toEqual(expect.arrayContaining(['temp_max', 'temp_min', 'weather']));
    const temperature = seasons.features.find((feature) => feature.feature === 'temp_max')!;
    expect(Math.abs(temperature.statistic - 0.9672859207515356)).toBeLessThan(0.01);
    const july = inMonths(7);
    const halves = compare(referenceSketches(referenceProfileOf(columns(july.filter((day) => day.day <= 15)))), july.filter((day) => day.day > 15));
    expect(drifted(halves)).toEqual([]);
  });
});
