// The categorical profile of one feature: how often each value occurs, the TOP_CATEGORIES most frequent by name.
import { TOP_CATEGORIES, type CategoricalFeatureProfile } from './reference-profile-schema.js';

/** Profiles `present` (the feature's non-missing values as text); `missing` counts the rest. */
export function categoricalFeatureProfile(present: readonly string[], missing: number): CategoricalFeatureProfile {
  const counts = new Map<string, number>();
  for (const value of present) counts.set(value, (counts.get(value) ?? 0) + 1);
  // By count, then by code unit order of the name (not locale order), so every machine ranks ties the same way.
  const ranked = [...counts].sort(([nameA, a], [nameB, b]) => b - a || (nameA < nameB ? -1 : nameA > nameB ? 1 : 0));
  const top = ranked.slice(0, TOP_CATEGORIES);
  const otherCount = ranked.slice(TOP_CATEGORIES).reduce((sum, [, n]) => sum + n, 0);
  // fromEntries defines own properties, so a value named "__proto__" is counted like any other.
  return { kind: 'categorical', count: present.length, missing, distinct: counts.size, frequencies: Object.fromEntries(top), otherCount };
}
