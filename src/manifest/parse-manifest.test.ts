import { beforeAll, describe, expect, it } from 'vitest';
import { PitstopError } from '../errors/index.js';
import { buildRegressorPackage, regressorSpecInput } from '../../test/fixtures/packages.js';
import { fieldPath, parseManifest, parseManifestSpec, type Manifest, type ManifestSpecInput } from './index.js';

/** The regressor's spec (features x1..x3 feeding "input") as plain JSON, for a test to break. */
function specJson(): Record<string, unknown> & ManifestSpecInput {
  return structuredClone(regressorSpecInput()) as Record<string, unknown> & ManifestSpecInput;
}

function refusal(parse: () => unknown): PitstopError {
  try {
    parse();
  } catch (error) {
    if (error instanceof PitstopError) return error;
    throw new Error(`expected a PitstopError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the manifest to be refused');
}

function specRefusal(mutate: (spec: Record<string, unknown> & ManifestSpecInput) => void): PitstopError {
  const spec = specJson();
  mutate(spec);
  return refusal(() => parseManifestSpec(spec, 'pitstop.yaml'));
}

describe('parseManifestSpec', () => {
  it('accepts the regressor spec', () => {
    const spec = parseManifestSpec(specJson());
    expect(spec.name).toBe('house-prices');
    expect(spec.inputs[0]).toEqual({ name: 'input', dtype: 'float32', features: ['x1', 'x2', 'x3'], rank: 2 });
  });

  describe('fills in the defaults an author may leave out', () => {
    it('features are required and refuse NaN unless they say otherwise', () => {
      const spec = parseManifestSpec({ ...specJson(), features: [{ name: 'x1', type: 'number' }, { name: 'x2', type: 'number', required: false, allowNaN: true }, { name: 'x3', type: 'number' }] });
      expect(spec.features.map((f) => [f.name, f.required, f.allowNaN])).toEqual([
        ['x1', true, false],
        ['x2', false, true],
        ['x3', true, false],
      ]);
    });

    it('inputs are [N, k] matrices (rank 2)', () => {
      expect(parseManifestSpec(specJson()).inputs[0]?.rank).toBe(2);
    });

    it('the runtime asks for onnxruntime >=1.16.0 and lineage is empty', () => {
      const spec = parseManifestSpec(specJson());
      expect(spec.runtime).toEqual({ onnxruntime: '>=1.16.0' });
      expect(spec.lineage).toEqual({});
    });

    it('keeps a runtime range the author chose', () => {
      expect(parseManifestSpec({ ...specJson(), runtime: { onnxruntime: '^1.20.0' } }).runtime).toEqual({ onnxruntime: '^1.20.0' });
    });
  });

  describe('refuses an invalid spec with MANIFEST_INVALID naming the field', () => {
    it.each<[string, string, (spec: Record<string, unknown> & ManifestSpecInput) => void, RegExp]>([
      ['a missing task', 'task', (s) => Reflect.deleteProperty(s, 'task'), /expected one of/i],
      ['a missing framework', 'framework', (s) => Reflect.deleteProperty(s, 'framework'), /expected object/i],
      ['a task outside the enum', 'task', (s) => (s.task = 'clustering' as never), /classification/],
      ['features[1].type outside the enum', 'features[1].type', (s) => (s.features[1]!.type = 'float' as never), /number/],
      ['an input dtype outside the enum', 'inputs[0].dtype', (s) => (s.inputs[0]!.dtype = 'double' as never), /float32/],
      ['an output role outside the enum', 'outputs[0].role', (s) => (s.outputs[0]!.role = 'prediction' as never), /value/],
      ['a model name with a space', 'name', (s) => (s.name = 'house prices'), /model name/],
      ['a feature name starting with a digit', 'features[0].name', (s) => (s.features[0]!.name = '1x'), /feature name/],
      ['no features at all', 'features', (s) => (s.features = []), /1/],
      ['an input that maps no features', 'inputs[0].features', (s) => (s.inputs[0]!.features = []), /1/],
      ['a rank other than 1 or 2', 'inputs[0].rank', (s) => (s.inputs[0]!.rank = 3 as never), /./],
      ['min above max', 'features[1].min', (s) => Object.assign(s.features[1]!, { min: 5, max: 1 }), /min must not exceed max/],
      ['categories on a number feature', 'features[2].categories', (s) => Object.assign(s.features[2]!, { categories: ['a', 'b'] }), /only category features have categories/],
      ['an empty category list', 'features[0].categories', (s) => Object.assign(s.features[0]!, { type: 'category', categories: [] }), /1/],
      ['a default that is an object', 'features[0].default', (s) => Object.assign(s.features[0]!, { default: { value: 1 } }), /./],
      ['a createdAt that is not an ISO time', 'lineage.createdAt', (s) => (s.lineage = { createdAt: 'yesterday' }), /datetime/i],
    ])('%s → %s', (_, field, mutate, message) => {
      const error = specRefusal(mutate);
      expect(error.code).toBe('MANIFEST_INVALID');
      expect(error.field).toBe(field);
      expect(error.message).toMatch(new RegExp(`^pitstop\\.yaml: ${field.replace(/[.[\]]/g, '\\$&')}: `));
      expect(error.message).toMatch(message);
    });

    it('lists every problem in errors and counts the others in the message', () => {
      const error = specRefusal((s) => {
        Reflect.deleteProperty(s, 'task');
        s.features[1]!.type = 'float' as never;
      });
      expect(error.errors.map((e) => e.field)).toEqual(['task', 'features[1].type']);
      expect(error.message).toMatch(/\(and 1 more\)$/);
    });
  });

  describe('is strict: an unknown key is refused, and the error names it', () => {
    it.each<[string, string, (spec: Record<string, unknown> & ManifestSpecInput) => void]>([
      ['at the top level', 'modelType', (s) => (s.modelType = 'linear')],
      ['in a feature', 'features[1].unit', (s) => Object.assign(s.features[1]!, { unit: 'cm' })],
      ['in an input', 'inputs[0].shape', (s) => Object.assign(s.inputs[0]!, { shape: [null, 3] })],
      ['in an output', 'outputs[0].dtype', (s) => Object.assign(s.outputs[0]!, { dtype: 'float32' })],
      ['in the framework', 'framework.flavour', (s) => (s.framework = { name: 'sklearn', flavour: 'x' } as never)],
    ])('%s → %s', (_, field, mutate) => {
      const error = specRefusal(mutate);
      expect(error.code).toBe('MANIFEST_INVALID');
      expect(error.field).toBe(field);
      expect(error.message).toMatch(/unrecognized key/i);
    });

    it('names each unknown key when there are several', () => {
      const error = specRefusal((s) => Object.assign(s, { colour: 'red', size: 3 }));
      expect(error.errors.map((e) => e.field)).toEqual(['colour', 'size']);
    });
  });

  describe('checks how features and inputs refer to each other', () => {
    it('refuses a feature declared twice, naming the second', () => {
      const error = specRefusal((s) => s.features.push({ name: 'x2', type: 'integer' }));
      expect(error).toMatchObject({ code: 'MANIFEST_INVALID', field: 'features[3].name', message: expect.stringMatching(/"x2" is declared twice/) });
    });

    it('refuses an input column naming an undeclared feature', () => {
      const error = specRefusal((s) => (s.inputs[0]!.features = ['x1', 'x4', 'x3']));
      expect(error).toMatchObject({ code: 'MANIFEST_INVALID', field: 'inputs[0].features[1]', message: expect.stringMatching(/"x4" is not a declared feature/) });
    });

    it('refuses a feature feeding two input columns', () => {
      const error = specRefusal((s) => (s.inputs[0]!.features = ['x1', 'x2', 'x3', 'x1']));
      expect(error).toMatchObject({ code: 'MANIFEST_INVALID', field: 'inputs[0].features[3]', message: expect.stringMatching(/"x1" feeds more than one input column/) });
    });

    it('refuses a feature that feeds no input', () => {
      const error = specRefusal((s) => (s.inputs[0]!.features = ['x1', 'x3']));
      expect(error).toMatchObject({ code: 'MANIFEST_INVALID', field: 'features[1]', message: expect.stringMatching(/"x2" feeds no model input/) });
    });

    it('refuses a rank-1 input with more than one feature', () => {
      const error = specRefusal((s) => (s.inputs[0]!.rank = 1));
      expect(error).toMatchObject({ code: 'MANIFEST_INVALID', field: 'inputs[0].rank' });
    });

    it('refuses two inputs with the same name, which would feed one ONNX input twice', () => {
      const error = specRefusal((s) => (s.inputs = [{ name: 'input', dtype: 'float32', features: ['x1', 'x2'] }, { name: 'input', dtype: 'float32', features: ['x3'] }]));
      expect(error).toMatchObject({ code: 'MANIFEST_INVALID', field: 'inputs[1].name', message: expect.stringMatching(/"input" is declared twice/) });
    });

    it('refuses two outputs with the same name', () => {
      const error = specRefusal((s) => s.outputs.push({ name: 'variable', role: 'score' }));
      expect(error).toMatchObject({ code: 'MANIFEST_INVALID', field: 'outputs[1].name', message: expect.stringMatching(/"variable" is declared twice/) });
    });
  });

  it('refuses a value that is not an object, naming the root', () => {
    const error = refusal(() => parseManifestSpec('name: x', 'pitstop.yaml'));
    expect(error).toMatchObject({ code: 'MANIFEST_INVALID', field: '', message: expect.stringMatching(/^pitstop\.yaml: \(root\): /) });
  });
});

describe('parseManifest', () => {
  let built: Manifest;
  beforeAll(async () => {
    built = (await buildRegressorPackage()).manifest;
  });
  const manifestJson = (): Record<string, unknown> => JSON.parse(JSON.stringify(built)) as Record<string, unknown>;

  it('accepts what buildPackage writes, unchanged', () => {
    expect(parseManifest(manifestJson())).toEqual(built);
  });

  it.each(['schemaVersion', 'onnx', 'maxBatchSize', 'modifications', 'smokeInput', 'files'])('refuses a manifest without %s, naming it', (field) => {
    const json = manifestJson();
    delete json[field];
    expect(refusal(() => parseManifest(json))).toMatchObject({ code: 'MANIFEST_INVALID', field, message: expect.stringMatching(new RegExp(`^manifest\\.json: ${field}: `)) });
  });

  it('refuses a schemaVersion it does not know', () => {
    expect(refusal(() => parseManifest({ ...manifestJson(), schemaVersion: 2 }))).toMatchObject({ code: 'MANIFEST_INVALID', field: 'schemaVersion' });
  });

  it('refuses a files list without model.onnx', () => {
    const json = manifestJson();
    json.files = { 'README.md': { sha256: 'a'.repeat(64), size: 1 } };
    expect(refusal(() => parseManifest(json))).toMatchObject({ code: 'MANIFEST_INVALID', field: 'files', message: expect.stringMatching(/files must include model\.onnx/) });
  });

  it('refuses a file digest that is not 64 lowercase hex characters, naming the file', () => {
    const json = manifestJson();
    json.files = { 'model.onnx': { sha256: 'ABC', size: 1 } };
    expect(refusal(() => parseManifest(json))).toMatchObject({ code: 'MANIFEST_INVALID', field: 'files.model.onnx.sha256' });
  });

  it('refuses an empty smokeInput', () => {
    expect(refusal(() => parseManifest({ ...manifestJson(), smokeInput: [] }))).toMatchObject({ code: 'MANIFEST_INVALID', field: 'smokeInput' });
  });

  it('applies the same feature/input cross-checks as the spec', () => {
    const json = manifestJson() as { inputs: { features: string[] }[] };
    json.inputs[0]!.features = ['x1', 'x2'];
    expect(refusal(() => parseManifest(json))).toMatchObject({ code: 'MANIFEST_INVALID', field: 'features[2]' });
  });
});

describe('fieldPath', () => {
  it('writes indexes in brackets and keys with dots', () => {
    expect(fieldPath(['features', 1, 'type'])).toBe('features[1].type');
    expect(fieldPath(['inputs', 0, 'features', 2])).toBe('inputs[0].features[2]');
    expect(fieldPath([])).toBe('');
  });
});
