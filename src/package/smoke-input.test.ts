import { describe, expect, it } from 'vitest';
import { parseManifestSpec, type Feature } from '../manifest/index.js';
import { regressorSpecInput } from '../../test/fixtures/packages.js';
import { smokeInputFrom, syntheticRecord } from './smoke-input.js';

/** Features parsed through the schema, so defaults (required, allowNaN) are as a real manifest has them. */
function features(...declared: Record<string, unknown>[]): Feature[] {
  const names = declared.map((f) => String(f.name));
  return parseManifestSpec({ ...regressorSpecInput(), features: declared, inputs: [{ name: 'input', dtype: 'float32', features: names }] }).features;
}

describe('smokeInputFrom', () => {
  const xy = features({ name: 'x', type: 'number' }, { name: 'y', type: 'number', required: false });

  it('takes the first three rows that have every required feature, keeping only the features', () => {
    const rows = [
      { x: null, y: 1, label: 'a' },
      { x: 1, y: 2, label: 'b' },
      { x: Number.NaN, y: 3, label: 'c' },
      { x: 4, y: null, label: 'd' },
      { x: 5, y: 6, label: 'e' },
      { x: 7, y: 8, label: 'f' },
    ];
    expect(smokeInputFrom(xy, rows)).toEqual([{ x: 1, y: 2 }, { x: 4 }, { x: 5, y: 6 }]);
  });

  it('takes as many rows as asked', () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ x: i, y: i }));
    expect(smokeInputFrom(xy, rows, 7)).toHaveLength(7);
  });

  it('writes the values of category and string features as text, as their string tensors need', () => {
    const mixed = features({ name: 'pclass', type: 'category' }, { name: 'note', type: 'string' }, { name: 'n', type: 'integer' });
    expect(smokeInputFrom(mixed, [{ pclass: 1, note: true, n: 3 }])).toEqual([{ pclass: '1', note: 'true', n: 3 }]);
  });

  it('falls back to one synthetic record when no row has every required feature', () => {
    expect(smokeInputFrom(xy, [{ x: null, y: 1 }])).toEqual([syntheticRecord(xy)]);
    expect(smokeInputFrom(xy, [])).toEqual([{ x: 0.5, y: 0.5 }]);
  });
});

describe('syntheticRecord', () => {
  it('takes the middle of a declared range, and of [0, 1] without one', () => {
    const record = syntheticRecord(features(
      { name: 'free', type: 'number' },
      { name: 'ranged', type: 'number', min: 10, max: 20 },
      { name: 'atLeast', type: 'number', min: 10 },
      { name: 'atMost', type: 'number', max: -4 },
    ));
    expect(record).toEqual({ free: 0.5, ranged: 15, atLeast: 10, atMost: -4 });
  });

  it('rounds integers, and stays inside their range', () => {
    expect(syntheticRecord(features({ name: 'n', type: 'integer', min: 1, max: 4 }))).toEqual({ n: 3 });
  });

  it('uses false for booleans, the first category, and an empty string', () => {
    const record = syntheticRecord(features(
      { name: 'flag', type: 'boolean' },
      { name: 'colour', type: 'category', categories: ['red', 'green'] },
      { name: 'anyColour', type: 'category' },
      { name: 'note', type: 'string' },
    ));
    expect(record).toEqual({ flag: false, colour: 'red', anyColour: 'unknown', note: '' });
  });
});
