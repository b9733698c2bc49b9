import { describe, expect, it } from 'vitest';
import { readCsvTable, tableFromRecords } from '../dataset/index.js';
import { computeReferenceProfile } from './compute-reference-profile.js';
import { ReferenceProfileSchema } from './reference-profile-schema.js';
import { TITANIC_CSV } from '../../test/fixtures/third-party-data.js';

const TITANIC = TITANIC_CSV;
const TITANIC_FEATURES = [
  { name: 'pclass', type: 'category' },
  { name: 'sex', type: 'string' },
  { name: 'age', type: 'number' },
  { name: 'fare', type: 'number' },
  { name: 'embarked', type: 'category' },
] as const;

describe('computeReferenceProfile', () => {
  it('profiles a datetime feature over epoch seconds and refuses text that is not a date', () => {
    const table = tableFromRecords([{ at: '1970-01-01T00:00:10Z' }, { at: null }, { at: '1970-01-01T00:00:30Z' }]);
    expect(computeReferenceProfile(table, [{ name: 'at', type: 'datetime' }]).features.at).toMatchObject({ kind: 'numeric', count: 2, missing: 1, min: 10, max: 30 });
    const bad = tableFromRecords([{ at: 'soon' }]);
    expect(() => computeReferenceProfile(bad, [{ name: 'at', type: 'datetime' }])).toThrow(/declared datetime, but row 1/);
  });

  it('profiles the titanic sample as numpy does', async () => {
    // Expected values from numpy 2.4: np.mean, np.std (ddof=0), np.quantile(x, np.arange(101) / 100), np.histogram(x, bins=20).
    const profile = computeReferenceProfile(await readCsvTable(TITANIC), [...TITANIC_FEATURES]);
    expect(profile.rowCount).toBe(38);
    expect(profile.features.pclass).toEqual({ kind: 'categorical', count: 38, missing: 0, distinct: 1, frequencies: { '1': 38 }, otherCount: 0 });
    expect(profile.features.sex).toMatchObject({ count: 38, frequencies: { female: 19, male: 19 } });
    expect(profile.features.embarked).toMatchObject({ count: 38, distinct: 2, frequencies: { S: 23, C: 15 }, otherCount: 0 });

    const age = profile.features.age;
    if (age?.kind !== 'numeric') throw new Error('age should be numeric');
    expect(age).toMatchObject({ count: 36, missing: 2, min: 0.9167, max: 80 });
    expect(age.mean).toBeCloseTo(35.91435277777778, 12);
    expect(age.std).toBeCloseTo(16.50132474716443, 12);
    const q = age.quantiles!;
    expect([q[0], q[25], q[50], q[75], q[100]]).toEqual([0.9167, 25, 33.5, 45.5, 80]);
    expect(q[1]).toBeCloseTo(1.295855, 12);
    expect(q[37]).toBeCloseTo(28.95, 12);
    expect(q[99]).toBeCloseTo(76.85, 12);
    expect(age.histogram!.counts).toEqual([2, 0, 0, 0, 2, 3, 6, 5, 2, 3, 2, 5, 1, 1, 1, 1, 0, 1, 0, 1]);
    expect(age.histogram!.edges[1]).toBeCloseTo(4.870865, 12);
    expect(age.histogram!.edges[10]).toBeCloseTo(40.45835, 12);

    const fare = profile.features.fare;
    if (fare?.kind !== 'numeric') throw new Error('fare should be numeric');
    expect(fare).toMatchObject({ count: 38, missing: 0, min: 0, max: 262.375 });
    expect(fare.mean).toBeCloseTo(102.94408421052634, 12);
    expect(fare.std).toBeCloseTo(79.96416973847043, 12);
    expect(fare.quantiles![50]).toBeCloseTo(75.7667, 12);
    expect(fare.quantiles![99]).toBeCloseTo(256.878946, 9);
    expect(fare.histogram!.counts).toEqual([1, 2, 9, 2, 3, 4, 3, 0, 0, 0, 1, 4, 1, 0, 0, 0, 2, 3, 2, 1]);
  });

  it('gives the same profile, in the same JSON, each time, and one the schema accepts', async () => {
    const table = await readCsvTable(TITANIC);
    const first = computeReferenceProfile(table, [...TITANIC_FEATURES]);
    const again = computeReferenceProfile(table, [...TITANIC_FEATURES]);
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    expect(ReferenceProfileSchema.parse(JSON.parse(JSON.stringify(first)))).toEqual(first);
    expect(Object.keys(first.features)).toEqual(TITANIC_FEATURES.map((f) => f.name));
  });

  it('counts booleans as "true" and "false", and numbers declared as categories by their text', () => {
    const table = tableFromRecords([{ ok: true, grade: 1 }, { ok: false, grade: 2.5 }, { ok: true, grade: null }]);
    const profile = computeReferenceProfile(table, [
      { name: 'ok', type: 'boolean' },
      { name: 'grade', type: 'category' },
    ]);
    expect(profile.features.ok).toMatchObject({ kind: 'categorical', frequencies: { true: 2, false: 1 } });
    expect(profile.features.grade).toMatchObject({ kind: 'categorical', count: 2, missing: 1, frequencies: { '1': 1, '2.5': 1 } });
  });

  it('gives count 0 and null statistics for a feature whose values are all missing', () => {
    const table = tableFromRecords([{ x: null, y: 1 }, { x: null, y: 2 }]);
    const profile = computeReferenceProfile(table, [
      { name: 'x', type: 'number' },
      { name: 'y', type: 'integer' },
    ]);
    expect(profile.features.x).toMatchObject({ count: 0, missing: 2, mean: null, quantiles: null, histogram: null });
    expect(ReferenceProfileSchema.safeParse(profile).success).toBe(true);
  });

  it('names a feature the table lacks', () => {
    const table = tableFromRecords([{ age: 3 }]);
    expect(() => computeReferenceProfile(table, [{ name: 'fare', type: 'number' }])).toThrow(
      expect.objectContaining({ code: 'REFERENCE_DATA_INVALID', field: 'fare', message: 'reference data has no column for feature "fare" (its columns: age)' }),
    );
  });

  it('names the feature and row when a column holds another kind of value', () => {
    const table = tableFromRecords([{ age: 3, sex: 'male', n: 1.5 }, { age: 4, sex: 'female', n: 2 }]);
    expect(() => computeReferenceProfile(table, [{ name: 'sex', type: 'number' }])).toThrow(expect.objectContaining({ code: 'REFERENCE_DATA_INVALID', message: 'feature "sex" is declared number, but row 1 of its column holds "male"' }));
    expect(() => computeReferenceProfile(table, [{ name: 'age', type: 'boolean' }])).toThrow(expect.objectContaining({ code: 'REFERENCE_DATA_INVALID', field: 'age' }));
    expect(() => computeReferenceProfile(table, [{ name: 'n', type: 'integer' }])).toThrow(expect.objectContaining({ message: 'feature "n" is declared integer, but row 1 of its column holds 1.5' }));
  });

  it('refuses a feature listed twice', () => {
    const table = tableFromRecords([{ a: 1 }]);
    expect(() => computeReferenceProfile(table, [{ name: 'a', type: 'number' }, { name: 'a', type: 'category' }])).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
