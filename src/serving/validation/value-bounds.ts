// The bounds a value keeps beyond what its feature declares: what the tensor it becomes can hold (a float32 input
// turns 1e39 into Infinity; a JSON integer past 2^53 is already another number), and text the log and both databases
// can store (PostgreSQL refuses U+0000 in text and JSON).
import { DEFAULT_TEXT_FEATURE_LENGTH, type Feature, type Manifest, type TensorType } from '../../manifest/index.js';

export const FLOAT32_MAX = 3.4028234663852886e38;
const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

/** The range a number must fall in to reach the model unchanged, and how a message names it. */
export interface NumberRepresentation {
  readonly min: number;
  readonly max: number;
  readonly name: string;
}

/** The tensor type each feature becomes, from the manifest's inputs: the narrower one if it feeds two. */
export function tensorTypesOf(manifest: { readonly inputs?: Manifest['inputs'] }): Map<string, TensorType> {
  const types = new Map<string, TensorType>();
  const narrowness: Partial<Record<TensorType, number>> = { float32: 2, int32: 2, float64: 1, int64: 1 };
  for (const input of manifest.inputs ?? []) {
    for (const feature of input.features) {
      const known = types.get(feature);
      if (!known || (narrowness[input.dtype] ?? 0) > (narrowness[known] ?? 0)) types.set(feature, input.dtype);
    }
  }
  return types;
}

/** The range of numbers a feature's values must keep; integers are always safe integers (exact in JSON and in JS). */
export function numberRepresentation(feature: Feature, tensorType: TensorType | undefined): NumberRepresentation {
  if (tensorType === 'int32') return { min: INT32_MIN, max: INT32_MAX, name: "int32's range" };
  if (feature.type === 'integer') return { min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, name: 'the range of exact integers (±(2^53 − 1))' };
  if (tensorType === 'float32') return { min: -FLOAT32_MAX, max: FLOAT32_MAX, name: "float32's range (±3.4028235e38)" };
  return { min: -Number.MAX_VALUE, max: Number.MAX_VALUE, name: 'the finite numbers' };
}

/** Longest text a string or category value may hold. */
export function maxTextLength(feature: Feature): number {
  return feature.maxLength ?? DEFAULT_TEXT_FEATURE_LENGTH;
}

/** Why a text value cannot be kept, or undefined when it can. */
export function textProblem(value: string, maxLength: number): string | undefined {
  if (value.length > maxLength) return `text holds at most ${maxLength} characters, got ${value.length}`;
  if (value.includes('\u0000')) return 'text must not contain the NUL character (U+0000)';
  return undefined;
}
