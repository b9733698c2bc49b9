import { describe, expect, it } from 'vitest';
import { tableFromRecords } from '../../dataset/index.js';
import { transformTable, type FittedFeaturePipeline } from './index.js';

const spec = (features: FittedFeaturePipeline['features']): FittedFeaturePipeline => ({ format: 'pitstop.feature-pipeline', version: 1, features });

describe('transformTable', () => {
  it('lays out one row per record and one column per output, in feature order', () => {
    const pipeline = spec([
      { kind: 'numeric', name: 'x', type: 'number', impute: null, clip: null, log: false, scale: null },
      { kind: 'categorical', name: 'c', type: 'category', encode: 'onehot', impute: null, categories: ['a', 'b'] },
    ]);
    const matrix = transformTable(pipeline, tableFromRecords([{ x: 1.5, c: 'b' }, { x: 2, c: 'a' }]));
    expect(matrix).toMatchObject({ rows: 2, cols: 4, columnNames: ['x', 'c=a', 'c=b', 'c=__unknown__'] });
    expect(Array.from(matrix.values)).toEqual([1.5, 0, 1, 0, 2, 1, 0, 0]);
  });

  it('takes log1p of values clipped at 0, so a negative value counts as 0', () => {
    const pipeline = spec([{ kind: 'numeric', name: 'x', type: 'number', impute: null, clip: null, log: true, scale: null }]);
    const values = Array.from(transformTable(pipeline, tableFromRecords([{ x: -5 }, { x: 0 }, { x: Math.E - 1 }, { x: null }])).values);
    expect(values.slice(0, 3)).toEqual([0, 0, Math.fround(Math.log(Math.fround(Math.E)))]);
    expect(values[3]).toBeNaN();
  });

  it('imputes before clipping and scales last', () => {
    const pipeline = spec([{ kind: 'numeric', name: 'x', type: 'integer', impute: 50, clip: { min: 0, max: 10 }, log: false, scale: { offset: 5, scale: 0.5 } }]);
    expect(Array.from(transformTable(pipeline, tableFromRecords([{ x: null }, { x: -3 }, { x: 7 }])).values)).toEqual([2.5, -2.5, 1]);
  });

  it('codes unseen and missing categories -1 when ordinal, unless a missing one is imputed', () => {
    const ordinal = spec([{ kind: 'categorical', name: 'c', type: 'category', encode: 'ordinal', impute: null, categories: ['a', 'b'] }]);
    const records = [{ c: 'b' }, { c: 'z' }, { c: null }, { c: '' }];
    expect(Array.from(transformTable(ordinal, tableFromRecords(records)).values)).toEqual([1, -1, -1, -1]);
    const imputed = spec([{ kind: 'categorical', name: 'c', type: 'category', encode: 'ordinal', impute: 'a', categories: ['a', 'b'] }]);
    expect(Array.from(transformTable(imputed, tableFromRecords(records)).values)).toEqual([1, -1, 0, 0]);
  });

  it('compares a numeric category as its text', () => {
    const pipeline = spec([{ kind: 'categorical', name: 'pclass', type: 'category', encode: 'ordinal', impute: null, categories: ['1', '2', '3'] }]);
    expect(Array.from(transformTable(pipeline, tableFromRecords([{ pclass: 3 }, { pclass: 1 }])).values)).toEqual([2, 0]);
  });

  it('reads booleans as 1 and 0', () => {
    const pipeline = spec([{ kind: 'numeric', name: 'ok', type: 'boolean', impute: 0, clip: null, log: false, scale: null }]);
    expect(Array.from(transformTable(pipeline, tableFromRecords([{ ok: true }, { ok: false }, { ok: null }])).values)).toEqual([1, 0, 0]);
  });
});
