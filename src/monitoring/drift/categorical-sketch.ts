// A mergeable summary of one categorical feature's values in a time window: a count per category, as plain JSON.
import { PitstopError } from '../../errors/index.js';
import type { CategoricalFeatureProfile } from '../../profile/index.js';
import { createCategoricalBinning, MAX_CATEGORIES, type CategoricalBinning } from './categorical-binning.js';

export interface CategoricalSketch {
  readonly kind: 'categorical';
  /** The binning's categories first (`pinned` of them, always kept), then new ones in order of first sight. */
  readonly categories: string[];
  readonly pinned: number;
  /** counts[i] is the count of categories[i]. Parallel arrays rather than an object, so any string (even "__proto__") is a safe name. */
  readonly counts: number[];
  /** Values of new categories that found the sketch full (MAX_CATEGORIES names); in a profile's sketch, its otherCount. */
  other: number;
  /** Non-missing values; null and undefined are missing. */
  count: number;
  missing: number;
}

export function newCategoricalSketch(binning: CategoricalBinning): CategoricalSketch {
  return { kind: 'categorical', categories: [...binning.categories], pinned: binning.categories.length, counts: new Array<number>(binning.categories.length).fill(0), other: 0, count: 0, missing: 0 };
}

// Category → position, built once per sketch object rather than once per call; rebuilt if the sketch grew elsewhere.
const positions = new WeakMap<CategoricalSketch, Map<string, number>>();

function positionsOf(sketch: CategoricalSketch): Map<string, number> {
  let map = positions.get(sketch);
  if (map === undefined || map.size !== sketch.categories.length) {
    map = new Map(sketch.categories.map((category, i) => [category, i]));
    positions.set(sketch, map);
  }
  return map;
}

/** Adds `values` to `sketch` in place and returns it: one Map lookup a value. */
export function addCategoricalValues(sketch: CategoricalSketch, values: readonly (string | null | undefined)[]): CategoricalSketch {
  const { categories, counts } = sketch;
  const map = positionsOf(sketch);
  let { count, missing, other } = sketch;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) {
      missing++;
      continue;
    }
    count++;
    let position = map.get(value);
    if (position === undefined) {
      if (categories.length >= MAX_CATEGORIES) {
        other++;
        continue;
      }
      position = categories.length;
      categories.push(value);
      counts.push(0);
      map.set(value, position);
    }
    counts[position]!++;
  }
  Object.assign(sketch, { count, missing, other });
  return sketch;
}

/**
 * The sketch of both windows together; neither input changes. Categories keep a's order, then b's new ones, which is
 * the order one sketch of all the values would have. Past MAX_CATEGORIES names, the most frequent new categories
 * (ties by name) keep theirs and the rest move to `other`, so merges stay exact below the cap and bounded above it.
 */
export function mergeCategoricalSketches(a: CategoricalSketch, b: CategoricalSketch): CategoricalSketch {
  assertSamePinned(a, b);
  const categories = [...a.categories];
  const counts = [...a.counts];
  const map = new Map(categories.map((category, i) => [category, i]));
  b.categories.forEach((category, i) => {
    const position = map.get(category);
    if (position !== undefined) counts[position]! += b.counts[i]!;
    else {
      map.set(category, categories.length);
      categories.push(category);
      counts.push(b.counts[i]!);
    }
  });
  const merged: CategoricalSketch = { kind: 'categorical', categories, pinned: a.pinned, counts, other: a.other + b.other, count: a.count + b.count, missing: a.missing + b.missing };
  return categories.length > MAX_CATEGORIES ? capped(merged) : merged;
}

function capped(sketch: CategoricalSketch): CategoricalSketch {
  const { categories, counts, pinned } = sketch;
  const newcomers = categories.map((_, i) => i).slice(pinned);
  newcomers.sort((i, j) => counts[j]! - counts[i]! || (categories[i]! < categories[j]! ? -1 : categories[i]! > categories[j]! ? 1 : 0));
  const kept = new Set(newcomers.slice(0, MAX_CATEGORIES - pinned));
  let other = sketch.other;
  const keep = categories.map((_, i) => i).filter((i) => {
    if (i < pinned || kept.has(i)) return true;
    other += counts[i]!;
    return false;
  });
  return { ...sketch, categories: keep.map((i) => categories[i]!), counts: keep.map((i) => counts[i]!), other };
}

/** The reference as a sketch, rebuilt from a stored profile: its listed frequencies, and its otherCount as `other`. */
export function categoricalSketchOfProfile(profile: CategoricalFeatureProfile): CategoricalSketch {
  const sketch = newCategoricalSketch(createCategoricalBinning(profile));
  const frequencies = new Map(Object.entries(profile.frequencies));
  let listed = 0;
  sketch.categories.forEach((category, i) => {
    const n = frequencies.get(category) ?? 0;
    sketch.counts[i] = n;
    listed += n;
  });
  sketch.other = profile.count - listed;
  sketch.count = profile.count;
  sketch.missing = profile.missing;
  return sketch;
}

function assertSamePinned(a: CategoricalSketch, b: CategoricalSketch): void {
  const same = a.pinned === b.pinned && a.categories.slice(0, a.pinned).every((category, i) => category === b.categories[i]);
  if (!same) throw new PitstopError('VALIDATION_FAILED', 'cannot merge categorical sketches of different reference categories (they were built from different references)');
}
