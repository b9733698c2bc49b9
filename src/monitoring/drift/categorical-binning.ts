// The reference's categories, in a fixed order: every sketch of the feature counts these first, by position.
import type { CategoricalFeatureProfile } from '../../profile/index.js';

export interface CategoricalBinning {
  readonly kind: 'categorical';
  /** The reference's categories, most frequent first; at most MAX_CATEGORIES. */
  readonly categories: readonly string[];
}

/**
 * A sketch keeps at most this many categories by name (the reference's first); further new values are only counted,
 * as "other". Enough for real categorical features, and a bound on memory when a free-text field is fed in by mistake.
 */
export const MAX_CATEGORIES = 1000;

/**
 * From a stored profile, its listed (top 100) categories; from raw values (null and undefined are missing), every
 * distinct value, or the MAX_CATEGORIES most frequent (by count, then name in code-unit order, as profiles rank them).
 */
export function createCategoricalBinning(reference: CategoricalFeatureProfile | readonly (string | null | undefined)[]): CategoricalBinning {
  if (!Array.isArray(reference)) return { kind: 'categorical', categories: Object.keys((reference as CategoricalFeatureProfile).frequencies) };
  const counts = new Map<string, number>();
  for (const value of reference as readonly (string | null | undefined)[]) {
    if (value !== null && value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const ranked = [...counts].sort(([nameA, a], [nameB, b]) => b - a || (nameA < nameB ? -1 : nameA > nameB ? 1 : 0));
  return { kind: 'categorical', categories: ranked.slice(0, MAX_CATEGORIES).map(([name]) => name) };
}
