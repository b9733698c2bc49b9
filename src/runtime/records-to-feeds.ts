// Turns records (feature name → value) into the ONNX input tensors a manifest's input mapping describes.
import type ort from 'onnxruntime-node';
import { datetimeEpochSeconds, type Feature, type Manifest, type ModelInput } from '../manifest/index.js';
import { onnxRuntime } from './onnx-runtime.js';

/** Long before any real date (a JS Date's range ends at -8.64e12 s). */
export const MISSING_DATETIME_SECONDS = Number.MIN_SAFE_INTEGER;

export type FeatureValue = number | string | boolean | null | undefined;
export type FeatureRecord = Readonly<Record<string, FeatureValue>>;

/** Builds one tensor per ONNX input for records[start, end). Records must already be validated against the features. */
export function recordsToFeeds(manifest: Pick<Manifest, 'features' | 'inputs'>, records: readonly FeatureRecord[]): Record<string, ort.Tensor> {
  const inputFeatures = featuresOfInputs(manifest);
  const feeds: Record<string, ort.Tensor> = {};
  manifest.inputs.forEach((input, i) => (feeds[input.name] = inputTensor(input, inputFeatures[i]!, records)));
  return feeds;
}

const inputFeaturesCache = new WeakMap<readonly ModelInput[], readonly (readonly Feature[])[]>();

/** Each input's features, in its column order; worked out once per manifest rather than per batch. */
function featuresOfInputs(manifest: Pick<Manifest, 'features' | 'inputs'>): readonly (readonly Feature[])[] {
  let cached = inputFeaturesCache.get(manifest.inputs);
  if (!cached) {
    const features = new Map(manifest.features.map((f) => [f.name, f]));
    cached = manifest.inputs.map((input) => input.features.map((name) => features.get(name)!));
    inputFeaturesCache.set(manifest.inputs, cached);
  }
  return cached;
}

function inputTensor(input: ModelInput, features: readonly Feature[], records: readonly FeatureRecord[]): ort.Tensor {
  const { Tensor } = onnxRuntime();
  const n = records.length;
  const k = features.length;
  const dims = input.rank === 1 ? [n] : [n, k];
  const values = (row: number, col: number) => valueOf(features[col]!, records[row]!);
  const numbers = (row: number, col: number) => numberOf(features[col]!, values(row, col));
  switch (input.dtype) {
    case 'string': {
      const data: string[] = new Array(n * k);
      for (let r = 0; r < n; r++) for (let c = 0; c < k; c++) data[r * k + c] = toText(values(r, c));
      return new Tensor('string', data, dims);
    }
    case 'int64': {
      const data = new BigInt64Array(n * k);
      for (let r = 0; r < n; r++) for (let c = 0; c < k; c++) data[r * k + c] = toBigInt(numbers(r, c));
      return new Tensor('int64', data, dims);
    }
    case 'int32': {
      const data = new Int32Array(n * k);
      for (let r = 0; r < n; r++) for (let c = 0; c < k; c++) data[r * k + c] = Math.trunc(numbers(r, c));
      return new Tensor('int32', data, dims);
    }
    case 'bool': {
      const data = new Uint8Array(n * k);
      for (let r = 0; r < n; r++) for (let c = 0; c < k; c++) data[r * k + c] = values(r, c) ? 1 : 0;
      return new Tensor('bool', data, dims);
    }
    case 'float64': {
      const data = new Float64Array(n * k);
      numericEncoder(input, features)(records, data);
      return new Tensor('float64', data, dims);
    }
    case 'float32': {
      const data = new Float32Array(n * k);
      numericEncoder(input, features)(records, data);
      return new Tensor('float32', data, dims);
    }
  }
}

type NumericEncoder = (records: readonly FeatureRecord[], data: Float32Array | Float64Array) => void;

const encoders = new WeakMap<ModelInput, NumericEncoder>();

/**
 * Fills a float tensor row by row with generated code (constant property names keep V8's reads monomorphic): a plain
 * number goes straight in, anything else (missing, a default, a boolean, a datetime) through numberOf as before.
 */
function numericEncoder(input: ModelInput, features: readonly Feature[]): NumericEncoder {
  let encoder = encoders.get(input);
  if (encoder) return encoder;
  const k = features.length;
  const lines = features.map((feature, c) => {
    const read = `v = record[${JSON.stringify(feature.name)}];`;
    if (feature.type === 'datetime') return `${read} data[o + ${c}] = general(${c}, record);`;
    return `${read} data[o + ${c}] = typeof v === 'number' ? v : general(${c}, record);`;
  });
  const source = [
    'return function encode(records, data) {',
    'let v, o = 0;',
    'for (let r = 0; r < records.length; r++, o += ' + k + ') {',
    'const record = records[r];',
    ...lines,
    '}',
    '};',
  ].join('\n');
  const general = (c: number, record: FeatureRecord) => numberOf(features[c]!, valueOf(features[c]!, record));
  encoder = new Function('general', source)(general) as NumericEncoder;
  encoders.set(input, encoder);
  return encoder;
}

/** The value the model sees: the record's, else the feature's default, else "missing" (NaN / empty string). */
function valueOf(feature: Feature, record: FeatureRecord): FeatureValue {
  const value = record[feature.name];
  return value === undefined || value === null ? (feature.default ?? null) : value;
}

/**
 * A datetime is epoch seconds in a numeric tensor (its text in a string one). Integer tensors have no NaN, so a missing
 * datetime is MISSING_DATETIME_SECONDS, which exported feature pipelines read as missing.
 */
function numberOf(feature: Feature, value: FeatureValue): number {
  if (feature.type === 'datetime') return value === null || value === undefined ? MISSING_DATETIME_SECONDS : (datetimeEpochSeconds(value) ?? MISSING_DATETIME_SECONDS);
  return toNumber(value);
}

/** Integer tensors have no NaN; the package contract keeps missing values away from them, and 0 is a last resort, not a crash. */
function toBigInt(value: number): bigint {
  return Number.isFinite(value) ? BigInt(Math.trunc(value)) : 0n;
}

function toNumber(value: FeatureValue): number {
  if (value === null || value === undefined || value === '') return Number.NaN;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return typeof value === 'number' ? value : Number(value);
}

function toText(value: FeatureValue): string {
  return value === null || value === undefined ? '' : String(value);
}
