// One entry point for both kinds of sketch: create, fill, merge, and rebuild a reference from a stored profile.
import { PitstopError } from '../../errors/index.js';
import type { FeatureProfile, ReferenceProfile } from '../../profile/index.js';
import type { CategoricalBinning } from './categorical-binning.js';
import { addCategoricalValues, categoricalSketchOfProfile, mergeCategoricalSketches, newCategoricalSketch, type CategoricalSketch } from './categorical-sketch.js';
import type { NumericBinning } from './numeric-binning.js';
import { addNumericValues, mergeNumericSketches, newNumericSketch, numericSketchOfProfile, type NumericSketch } from './numeric-sketch.js';

export type FeatureBinning = NumericBinning | CategoricalBinning;
export type FeatureSketch = NumericSketch | CategoricalSketch;

/** An empty sketch over `binning`. */
export function newSketch(binning: NumericBinning): NumericSketch;
export function newSketch(binning: CategoricalBinning): CategoricalSketch;
export function newSketch(binning: FeatureBinning): FeatureSketch;
export function newSketch(binning: FeatureBinning): FeatureSketch {
  return binning.kind === 'numeric' ? newNumericSketch(binning) : newCategoricalSketch(binning);
}

/** The binning a sketch was built over, to start the next window's sketch from a stored one. */
export function binningOf(sketch: FeatureSketch): FeatureBinning {
  return sketch.kind === 'numeric' ? { kind: 'numeric', edges: sketch.edges } : { kind: 'categorical', categories: sketch.categories.slice(0, sketch.pinned) };
}

/** Adds values to the sketch in place and returns it. Numeric: NaN (or ±Infinity) is missing; categorical: null or undefined. */
export function addValues(sketch: NumericSketch, values: ArrayLike<number>): NumericSketch;
export function addValues(sketch: CategoricalSketch, values: readonly (string | null | undefined)[]): CategoricalSketch;
export function addValues(sketch: FeatureSketch, values: ArrayLike<number> | readonly (string | null | undefined)[]): FeatureSketch;
export function addValues(sketch: FeatureSketch, values: ArrayLike<number> | readonly (string | null | undefined)[]): FeatureSketch {
  return sketch.kind === 'numeric' ? addNumericValues(sketch, values as ArrayLike<number>) : addCategoricalValues(sketch, values as readonly (string | null | undefined)[]);
}

/** The sketch of two windows together (neither input changes): associative and commutative up to category order. */
export function mergeSketches(a: NumericSketch, b: NumericSketch): NumericSketch;
export function mergeSketches(a: CategoricalSketch, b: CategoricalSketch): CategoricalSketch;
export function mergeSketches(a: FeatureSketch, b: FeatureSketch): FeatureSketch;
export function mergeSketches(a: FeatureSketch, b: FeatureSketch): FeatureSketch {
  if (a.kind === 'numeric' && b.kind === 'numeric') return mergeNumericSketches(a, b);
  if (a.kind === 'categorical' && b.kind === 'categorical') return mergeCategoricalSketches(a, b);
  throw new PitstopError('VALIDATION_FAILED', `cannot merge a ${a.kind} sketch with a ${b.kind} one`);
}

/** The reference as a sketch, rebuilt from one feature's stored profile over the binning that profile implies. */
export function sketchOfProfile(profile: FeatureProfile): FeatureSketch {
  return profile.kind === 'numeric' ? numericSketchOfProfile(profile) : categoricalSketchOfProfile(profile);
}

/** Every feature of a model package's reference profile as a reference sketch. */
export function referenceSketches(profile: ReferenceProfile): Record<string, FeatureSketch> {
  return Object.fromEntries(Object.entries(profile.features).map(([name, feature]) => [name, sketchOfProfile(feature)]));
}
