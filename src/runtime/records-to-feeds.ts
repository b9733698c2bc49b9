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
  const features = new Map(manifest.features.map((f) => [f.name, f]));
  const feeds: Record<string, ort.Tensor> = {};
  for (const input of manifest.inputs) feeds[input.name] = inputTensor(input, input.features.map((name) => features.get(name)!), records);
  return feeds;
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
      for (let r = 0; r < n; r++) for (let c = 0; c < k; c++) data[r * k + c] = numbers(r, c);
      return new Tensor('float64', data, dims);
    }
    case 'float32': {
      const data = new Float32Array(n * k);
      for (let r = 0; r < n; r++) for (let c = 0; c < k; c++) data[r * k + c] = numbers(r, c);
      return new Tensor('float32', data, dims);
    }
  }
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
