import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { regressorSpecInput } from '../../test/fixtures/packages.js';
import { manifestJsonSchema, manifestSchemaFiles, manifestSpecJsonSchema, parseManifestSpec, type JsonSchema } from './index.js';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface ObjectSchema {
  properties: Record<string, JsonSchema & { items?: ObjectSchema; pattern?: string }>;
  required: string[];
  additionalProperties?: boolean;
}

describe('the committed manifest JSON Schemas', () => {
  it.each(Object.entries(manifestSchemaFiles()))('%s is what the zod schema generates', (relative, expected) => {
    let committed: string;
    try {
      committed = readFileSync(PROJECT_ROOT + relative, 'utf8');
    } catch {
      throw new Error(`${relative} is missing: run \`npm run schema:manifest\` and commit the result`);
    }
    if (committed !== expected) {
      throw new Error(`${relative} differs from src/manifest/manifest-schema.ts: run \`npm run schema:manifest\` and commit the result`);
    }
  });
});

describe('manifestJsonSchema', () => {
  const schema = manifestJsonSchema() as JsonSchema & ObjectSchema;

  it('is a draft 2020-12 schema with an $id and a title', () => {
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'https://pitstop.dev/schemas/manifest.schema.json',
      title: expect.any(String),
      type: 'object',
    });
    expect(Object.keys(schema).slice(0, 4)).toEqual(['$schema', '$id', 'title', 'description']);
  });

  it('requires what package build always writes, defaults included', () => {
    expect(schema.required).toEqual(expect.arrayContaining(['schemaVersion', 'onnx', 'maxBatchSize', 'modifications', 'smokeInput', 'files', 'runtime', 'lineage']));
    const feature = schema.properties.features!.items!;
    expect(feature.required).toEqual(expect.arrayContaining(['name', 'type', 'required', 'allowNaN']));
  });

  it('refuses unknown keys, as the parser does', () => {
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.features!.items!.additionalProperties).toBe(false);
  });

  it('pins schemaVersion to 1', () => {
    expect(schema.properties.schemaVersion).toMatchObject({ const: 1 });
  });
});

describe('manifestSpecJsonSchema', () => {
  const schema = manifestSpecJsonSchema() as JsonSchema & ObjectSchema;

  it('has its own $id', () => {
    expect(schema.$id).toBe('https://pitstop.dev/schemas/manifest-spec.schema.json');
  });

  it('lets an author leave out the fields that have defaults', () => {
    expect(schema.required).toEqual(['name', 'version', 'task', 'framework', 'features', 'inputs', 'outputs']);
    expect(schema.properties.features!.items!.required).toEqual(['name', 'type']);
    expect(schema.properties.features!.items!.properties.required).toMatchObject({ default: true });
  });

  it('holds none of the fields only package build fills in', () => {
    for (const field of ['schemaVersion', 'onnx', 'maxBatchSize', 'modifications', 'smokeInput', 'files']) expect(schema.properties).not.toHaveProperty(field);
  });
});

describe.each([
  ['manifestJsonSchema', manifestJsonSchema],
  ['manifestSpecJsonSchema', manifestSpecJsonSchema],
])('%s patterns', (_, schemaOf) => {
  const schema = schemaOf() as JsonSchema & ObjectSchema;

  it('accept every name the parser accepts: a regex flag cannot be carried into JSON Schema', () => {
    const namePattern = new RegExp(schema.properties.name!.pattern!, 'u');
    for (const name of ['house-prices', 'Iris-Classifier', 'SklearnLogitisticRegressionBinary.model', 'RF_iris.v2']) {
      expect(parseManifestSpec({ ...regressorSpecInput(), name }).name).toBe(name);
      expect(namePattern.test(name), name).toBe(true);
    }
    expect(namePattern.test('house prices')).toBe(false);
  });

  it('are all valid in the Unicode mode JSON Schema uses', () => {
    for (const pattern of patternsIn(schema)) expect(() => new RegExp(pattern, 'u'), pattern).not.toThrow();
  });
});

function patternsIn(value: unknown): string[] {
  if (value === null || typeof value !== 'object') return [];
  const own = typeof (value as { pattern?: unknown }).pattern === 'string' ? [(value as { pattern: string }).pattern] : [];
  return [...own, ...Object.values(value).flatMap(patternsIn)];
}
