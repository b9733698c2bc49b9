import { describe, expect, it } from 'vitest';
import type { CategoricalFeatureProfile } from '../../profile/index.js';
import { createCategoricalBinning, MAX_CATEGORIES } from './categorical-binning.js';

describe('createCategoricalBinning', () => {
  it('ranks raw values by count, then by name, and skips missing ones', () => {
    expect(createCategoricalBinning(['b', 'a', null, 'c', 'b', undefined, 'a', 'b']).categories).toEqual(['b', 'a', 'c']);
  });

  it('keeps the MAX_CATEGORIES most frequent of a free-text field', () => {
    const values = Array.from({ length: 3000 }, (_, i) => (i < 1000 ? 'common' : `rare${i}`));
    const { categories } = createCategoricalBinning(values);
    expect(categories).toHaveLength(MAX_CATEGORIES);
    expect(categories[0]).toBe('common');
  });

  it("takes a profile's listed categories", () => {
    const profile: CategoricalFeatureProfile = { kind: 'categorical', count: 10, missing: 0, distinct: 3, frequencies: { S: 6, C: 3 }, otherCount: 1 };
    expect(createCategoricalBinning(profile).categories).toEqual(['S', 'C']);
  });

  it('counts a value named "__proto__" like any other', () => {
    expect(createCategoricalBinning(['__proto__', '__proto__', 'x']).categories).toEqual(['__proto__', 'x']);
  });
});
