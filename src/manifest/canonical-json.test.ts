import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRegressorPackage } from '../../test/fixtures/packages.js';
import { canonicalJson, manifestDigest, type Manifest } from './index.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth, inside arrays too, and writes no whitespace', () => {
    const value = { b: 1, a: { d: [{ z: true, y: null }], c: 'x' } };
    expect(canonicalJson(value)).toBe('{"a":{"c":"x","d":[{"y":null,"z":true}]},"b":1}');
  });

  it('gives the same text whatever order the keys were inserted in', () => {
    const one = { name: 'm', features: [{ type: 'number', name: 'x' }], version: '1' };
    const other = { version: '1', features: [{ name: 'x', type: 'number' }], name: 'm' };
    expect(canonicalJson(one)).toBe(canonicalJson(other));
  });

  it('orders keys by UTF-16 code units, not by locale', () => {
    expect(canonicalJson({ b: 1, B: 2, é: 3, a: 4, _: 5, '10': 6, '9': 7 })).toBe('{"10":6,"9":7,"B":2,"_":5,"a":4,"b":1,"é":3}');
  });

  it('is valid JSON that parses back to the same value', () => {
    const value = { text: 'line\nbreak "quoted" \u2028', numbers: [0, -1.5, 1e21, 5e-324], nested: { empty: {}, list: [] } };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });

  it('leaves out undefined properties and writes undefined array items as null, as JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe(JSON.stringify({ a: undefined, b: [undefined, 1] }));
  });

  it('writes the holes of a sparse array as null, so its output is still JSON', () => {
    // eslint-disable-next-line no-sparse-arrays
    const sparse = [1, , 3];
    expect(canonicalJson(sparse)).toBe('[1,null,3]');
  });

  it('writes -0 as 0', () => {
    expect(canonicalJson({ zero: -0 })).toBe('{"zero":0}');
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('refuses %s anywhere in the value', (bad) => {
    expect(() => canonicalJson(bad)).toThrow(TypeError);
    expect(() => canonicalJson({ metrics: { auc: bad } })).toThrow(/canonical JSON cannot hold/);
    expect(() => canonicalJson([1, [bad]])).toThrow(TypeError);
  });

  it('is stable: the same value gives the same text every time', () => {
    const value = { z: [3, 2, 1], a: { y: 'x' } };
    expect(new Set(Array.from({ length: 5 }, () => canonicalJson(structuredClone(value)))).size).toBe(1);
  });
});

describe('manifestDigest', () => {
  let manifest: Manifest;
  beforeAll(async () => {
    manifest = (await buildRegressorPackage()).manifest;
  });

  it('is the SHA-256 (hex) of the canonical JSON', () => {
    expect(manifestDigest(manifest)).toBe(createHash('sha256').update(canonicalJson(manifest)).digest('hex'));
    expect(manifestDigest(manifest)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on key order or formatting', () => {
    const reordered = withKeysReversed(manifest);
    expect(JSON.stringify(reordered, null, 4)).not.toBe(JSON.stringify(manifest));
    expect(manifestDigest(reordered)).toBe(manifestDigest(manifest));
  });

  it.each<[string, (m: Manifest) => void]>([
    ['the version', (m) => (m.version = '1.0.1')],
    ['the description', (m) => (m.description = 'changed')],
    ['a feature type', (m) => (m.features[0]!.type = 'integer')],
    ['a feature range', (m) => (m.features[1]!.max = 101)],
    ['whether a feature is required', (m) => (m.features[2]!.required = false)],
    ['the order of the input columns', (m) => m.inputs[0]!.features.reverse()],
    ['an output role', (m) => (m.outputs[0]!.role = 'score')],
    ['the batch limit', (m) => (m.maxBatchSize = 1)],
    ['the smoke input', (m) => (m.smokeInput[0]!.x1 = 42)],
    ['a file digest', (m) => (m.files['model.onnx']!.sha256 = '0'.repeat(64))],
    ['a file size', (m) => (m.files['model.onnx']!.size += 1)],
    ['the creation time', (m) => (m.lineage.createdAt = '2030-01-01T00:00:00.000Z')],
    ['the runtime range', (m) => (m.runtime.onnxruntime = '>=1.20.0')],
    ['an added lineage metric', (m) => (m.lineage.metrics = { rmse: 0.1 })],
  ])('changes when %s changes', (_, mutate) => {
    const changed = structuredClone(manifest);
    mutate(changed);
    expect(manifestDigest(changed)).not.toBe(manifestDigest(manifest));
  });
});

/** The same value with every object's keys in reverse order. */
function withKeysReversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withKeysReversed);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([key, item]) => [key, withKeysReversed(item)]));
}
