import { describe, expect, it } from 'vitest';
import { numericFeatureProfile } from './numeric-feature-profile.js';
import { ReferenceProfileSchema } from './reference-profile-schema.js';

const numeric = numericFeatureProfile([1, 2, 3, 4], 1);
const valid = {
  schemaVersion: 1,
  rowCount: 5,
  features: {
    x: numeric,
    c: { kind: 'categorical', count: 4, missing: 1, distinct: 3, frequencies: { a: 2, b: 1 }, otherCount: 1 },
  },
};

describe('ReferenceProfileSchema', () => {
  it('accepts a consistent profile', () => {
    expect(ReferenceProfileSchema.safeParse(valid).success).toBe(true);
  });

  it.each([
    ['another schema version', { ...valid, schemaVersion: 2 }],
    ['count + missing that is not rowCount', { ...valid, rowCount: 6 }],
    ['100 quantiles instead of 101', { ...valid, features: { ...valid.features, x: { ...numeric, quantiles: numeric.quantiles!.slice(1) } } }],
    ['a histogram that does not hold count values', { ...valid, features: { ...valid.features, x: { ...numeric, histogram: { ...numeric.histogram!, counts: numeric.histogram!.counts.map(() => 0) } } } }],
    ['a null mean beside a non-zero count', { ...valid, features: { ...valid.features, x: { ...numeric, mean: null } } }],
    ['frequencies that do not add up', { ...valid, features: { ...valid.features, c: { ...valid.features.c, otherCount: 0 } } }],
    ['an unknown kind', { ...valid, features: { x: { ...numeric, kind: 'text' } } }],
  ])('refuses %s', (_, profile) => {
    expect(ReferenceProfileSchema.safeParse(profile).success).toBe(false);
  });
});
