import { describe, expect, it } from 'vitest';
import { categoricalFeatureProfile } from './categorical-feature-profile.js';
import { CategoricalFeatureProfileSchema } from './reference-profile-schema.js';

describe('categoricalFeatureProfile', () => {
  it('counts each value, its distinct values and its missing ones', () => {
    expect(categoricalFeatureProfile(['S', 'C', 'S', 'Q', 'S'], 2)).toEqual({
      kind: 'categorical',
      count: 5,
      missing: 2,
      distinct: 3,
      frequencies: { S: 3, C: 1, Q: 1 },
      otherCount: 0,
    });
  });

  it('keeps the 100 most frequent values, breaking ties by name, and sums the rest in otherCount', () => {
    // v000 occurs 150 times, v001 149 times, ..., v149 once.
    const values: string[] = [];
    for (let i = 0; i < 150; i += 1) for (let n = 0; n < 150 - i; n += 1) values.push(`v${String(i).padStart(3, '0')}`);
    const profile = categoricalFeatureProfile(values, 0);
    const kept = Object.keys(profile.frequencies);
    expect(kept).toHaveLength(100);
    expect(profile.frequencies.v000).toBe(150);
    expect(profile.frequencies.v099).toBe(51);
    expect(profile.frequencies.v100).toBeUndefined();
    expect(profile.otherCount).toBe((50 * 51) / 2);
    expect(profile.distinct).toBe(150);

    // a occurs twice; z000..z100 once each, so the names decide which 99 of them are kept.
    const tied = categoricalFeatureProfile([...Array.from({ length: 101 }, (_, i) => `z${String(i).padStart(3, '0')}`), 'a', 'a'], 0);
    expect(Object.keys(tied.frequencies)).toContain('a');
    expect(Object.keys(tied.frequencies)).toContain('z098');
    expect(Object.keys(tied.frequencies)).not.toContain('z099');
    expect(tied.otherCount).toBe(2);
    expect(CategoricalFeatureProfileSchema.safeParse(tied).success).toBe(true);
  });

  it('counts a value named __proto__ like any other', () => {
    const profile = categoricalFeatureProfile(['__proto__', '__proto__', 'x'], 0);
    expect(Object.hasOwn(profile.frequencies, '__proto__')).toBe(true);
    expect(profile.frequencies['__proto__']).toBe(2);
  });
});
