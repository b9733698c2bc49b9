import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inferFeatures, readJsonTable, renameColumns, tableFromRecords } from '../../dataset/index.js';
import type { Feature } from '../../manifest/index.js';
import { FittedFeaturePipelineSchema, fitFeaturePipeline, parseFittedFeaturePipeline, type FeaturePipelineConfig } from './index.js';

const PENGUINS = path.resolve(import.meta.dirname, '../../../node_modules/vega-datasets/data/penguins.json');

const feature = (name: string, type: Feature['type']): Feature => ({ name, type, required: false, allowNaN: false });

const table = tableFromRecords([
  { size: 1, ok: true, color: 'red', when: '2020-01-01T00:00:00Z' },
  { size: 2, ok: false, color: 'blue', when: '2020-01-02T00:00:00Z' },
  { size: 6, ok: true, color: 'red', when: null },
  { size: null, ok: null, color: null, when: '2020-01-04T00:00:00Z' },
]);
const features = [feature('size', 'number'), feature('ok', 'boolean'), feature('color', 'category'), feature('when', 'datetime')];

describe('fitFeaturePipeline', () => {
  it('takes defaults by feature type and learns their constants', () => {
    expect(fitFeaturePipeline(table, features)).toEqual({
      format: 'pitstop.feature-pipeline',
      version: 1,
      features: [
        // Median 2; then mean 2.75 and population std 1.92… of [1, 2, 6, 2].
        { kind: 'numeric', name: 'size', type: 'number', impute: 2, clip: null, log: false, scale: { offset: 2.75, scale: Math.fround(1 / Math.sqrt(3.6875)) } },
        { kind: 'numeric', name: 'ok', type: 'boolean', impute: 1, clip: null, log: false, scale: null },
        { kind: 'categorical', name: 'color', type: 'category', encode: 'onehot', impute: null, categories: ['blue', 'red'] },
        { kind: 'datetime', name: 'when', type: 'datetime', impute: Date.UTC(2020, 0, 2) / 1000, parts: ['year', 'month', 'dayofweek', 'hour'], scale: null },
      ],
    });
  });

  it('learns each configured step from the output of the steps before it', () => {
    const config: FeaturePipelineConfig = {
      features: {
        size: { impute: { constant: 100 }, clip: { max: 10 }, scale: 'minmax' },
        color: { impute: 'most-frequent', encode: 'ordinal' },
        when: { impute: { constant: '2021-06-01' }, dateParts: ['day'] },
      },
    };
    const [size, , color, when] = fitFeaturePipeline(table, features, config).features;
    // The missing size becomes 100, then 10 after clipping: min 1, max 10.
    expect(size).toMatchObject({ impute: 100, clip: { min: null, max: 10 }, scale: { offset: 1, scale: Math.fround(1 / 9) } });
    expect(color).toMatchObject({ encode: 'ordinal', impute: 'red', categories: ['blue', 'red'] });
    expect(when).toMatchObject({ impute: Date.UTC(2021, 5, 1) / 1000, parts: ['day'] });
  });

  it('keeps the most frequent categories when told how many', () => {
    const colors = tableFromRecords(['a', 'b', 'b', 'c', 'c', 'c', 'd'].map((color) => ({ color })));
    expect(fitFeaturePipeline(colors, [feature('color', 'category')], { features: { color: { maxCategories: 2 } } }).features[0]).toMatchObject({ categories: ['b', 'c'] });
  });

  it('gives a spec that survives JSON and the schema, and the same spec for the same data', async () => {
    const penguins = renameColumns(await readJsonTable(PENGUINS), { 'Beak Length (mm)': 'beak', 'Beak Depth (mm)': 'depth', 'Flipper Length (mm)': 'flipper', 'Body Mass (g)': 'mass' });
    const penguinFeatures = inferFeatures(penguins, { target: 'Species' });
    const config: FeaturePipelineConfig = { features: { mass: { log: true }, Island: { encode: 'ordinal' } } };
    const pipeline = fitFeaturePipeline(penguins, penguinFeatures, config);
    const json = JSON.stringify(pipeline);
    expect(parseFittedFeaturePipeline(JSON.parse(json))).toEqual(pipeline);
    expect(FittedFeaturePipelineSchema.parse(JSON.parse(json))).toEqual(pipeline);
    expect(JSON.stringify(fitFeaturePipeline(penguins, penguinFeatures, config))).toBe(json);
  });

  it('refuses a step that does not suit its feature, naming the field', () => {
    const refuse = (config: FeaturePipelineConfig, field: string, message: RegExp) =>
      expect(() => fitFeaturePipeline(table, features, config)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', field, message: expect.stringMatching(message) }));
    refuse({ features: { color: { scale: 'standard' } } }, 'features.color.scale', /feature "color" is of type category, which takes impute, encode, maxCategories, not scale/);
    refuse({ features: { size: { encode: 'onehot' } } }, 'features.size.encode', /not encode/);
    refuse({ features: { when: { log: true } } }, 'features.when.log', /not log/);
    refuse({ features: { color: { impute: 'mean' } } }, 'features.color.impute', /imputed by most-frequent or a constant, not mean/);
    refuse({ features: { size: { impute: { constant: 'big' } } } }, 'features.size.impute.constant', /must be a number/);
    refuse({ features: { when: { impute: { constant: 'soon' } } } }, 'features.when.impute.constant', /is not an ISO-8601 date/);
  });

  it('refuses a config naming an unknown feature or breaking the schema, naming the field', () => {
    expect(() => fitFeaturePipeline(table, features, { features: { nope: { log: true } } })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'features.nope' }));
    const badScale = { features: { size: { scale: 'zscore' } } } as unknown as FeaturePipelineConfig;
    expect(() => fitFeaturePipeline(table, features, badScale)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'features.size.scale' }));
    const extra = { features: { size: { bucket: 3 } } } as unknown as FeaturePipelineConfig;
    expect(() => fitFeaturePipeline(table, features, extra)).toThrow(expect.objectContaining({ field: 'features.size' }));
    expect(() => fitFeaturePipeline(table, features, { features: { size: { clip: { min: 5, max: 1 } } } })).toThrow(expect.objectContaining({ field: 'features.size.clip.min' }));
  });

  it('refuses a feature with no column, or a column of the wrong kind', () => {
    expect(() => fitFeaturePipeline(table, [feature('age', 'number')])).toThrow(expect.objectContaining({ code: 'REFERENCE_DATA_INVALID', field: 'age' }));
    expect(() => fitFeaturePipeline(table, [feature('color', 'number')])).toThrow(expect.objectContaining({ code: 'REFERENCE_DATA_INVALID', field: 'color' }));
    expect(() => fitFeaturePipeline(table, [feature('size', 'datetime')])).toThrow(expect.objectContaining({ field: 'size' }));
  });
});

describe('parseFittedFeaturePipeline', () => {
  it('names the field of a spec that is not a fitted pipeline', () => {
    const pipeline = fitFeaturePipeline(table, features);
    const broken = JSON.parse(JSON.stringify(pipeline)) as { features: { categories?: string[] }[] };
    broken.features[2]!.categories = ['red', 'red'];
    expect(() => parseFittedFeaturePipeline(broken)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'features.2.categories' }));
    expect(() => parseFittedFeaturePipeline({ ...pipeline, version: 2 })).toThrow(expect.objectContaining({ field: 'version' }));
  });
});
