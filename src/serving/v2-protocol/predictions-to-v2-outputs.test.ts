// Predictions to V2 output tensors: one per manifest output (or per requested name), flat and row-major, typed by role.
import { describe, expect, it } from 'vitest';
import { PitstopError } from '../../errors/index.js';
import { ModelOutputSchema, type Manifest, type ModelOutput } from '../../manifest/index.js';
import type { Prediction } from '../../runtime/index.js';
import { checkRequestedV2Outputs, predictionsToV2Outputs } from './predictions-to-v2-outputs.js';
import { V2OutputSchema } from './v2-schemas.js';

function manifestOf(...outputs: Partial<ModelOutput>[]): Pick<Manifest, 'outputs'> {
  return { outputs: outputs.map((o) => ModelOutputSchema.parse(o)) };
}

const CLASSIFIER = manifestOf(
  { name: 'label', role: 'label' },
  { name: 'probabilities', role: 'probabilities', classes: ['no', 'yes', 'maybe'] },
);

const CLASSIFIED: Prediction[] = [
  // Key order differs from the manifest's class order on purpose.
  { label: 'yes', probabilities: { maybe: 0.1, yes: 0.7, no: 0.2 } },
  { label: 'no', probabilities: { no: 0.6, yes: 0.3, maybe: 0.1 } },
];

function failure(run: () => unknown): PitstopError {
  try {
    run();
  } catch (error) {
    if (error instanceof PitstopError) return error;
    throw error;
  }
  throw new Error('expected a PitstopError');
}

describe('predictionsToV2Outputs', () => {
  describe('labels', () => {
    it('are BYTES [N] when they are text', () => {
      expect(predictionsToV2Outputs(CLASSIFIER, CLASSIFIED)[0]).toEqual({ name: 'label', shape: [2], datatype: 'BYTES', data: ['yes', 'no'] });
    });

    it('are INT64 [N] when they are integers', () => {
      expect(predictionsToV2Outputs(CLASSIFIER, [{ label: 1 }, { label: 0 }], ['label'])).toEqual([{ name: 'label', shape: [2], datatype: 'INT64', data: [1, 0] }]);
    });

    it('are FP32 when numbers but not integers, BOOL when booleans, and BYTES (as text) when mixed', () => {
      expect(predictionsToV2Outputs(CLASSIFIER, [{ label: 0.5 }, { label: 1 }], ['label'])[0]).toMatchObject({ datatype: 'FP32', data: [0.5, 1] });
      expect(predictionsToV2Outputs(CLASSIFIER, [{ label: true }, { label: false }], ['label'])[0]).toMatchObject({ datatype: 'BOOL', data: [true, false] });
      expect(predictionsToV2Outputs(CLASSIFIER, [{ label: 1 }, { label: 'b' }], ['label'])[0]).toMatchObject({ datatype: 'BYTES', data: ['1', 'b'] });
    });
  });

  describe('probabilities', () => {
    it('are FP32 [N, C] in the manifest\'s class order', () => {
      expect(predictionsToV2Outputs(CLASSIFIER, CLASSIFIED)[1]).toEqual({ name: 'probabilities', shape: [2, 3], datatype: 'FP32', data: [0.2, 0.7, 0.1, 0.6, 0.3, 0.1] });
    });

    it('follow the predictions\' own order when the manifest lists no classes', () => {
      const manifest = manifestOf({ name: 'p', role: 'probabilities' });
      expect(predictionsToV2Outputs(manifest, [{ probabilities: { 0: 0.4, 1: 0.6 } }])).toEqual([{ name: 'p', shape: [1, 2], datatype: 'FP32', data: [0.4, 0.6] }]);
    });

    it('match classes declared as numbers with the prediction\'s text keys', () => {
      const manifest = manifestOf({ name: 'p', role: 'probabilities', classes: [1, 0] });
      expect(predictionsToV2Outputs(manifest, [{ probabilities: { 0: 0.4, 1: 0.6 } }])[0]!.data).toEqual([0.6, 0.4]);
    });
  });

  describe('values and scores', () => {
    const REGRESSOR = manifestOf({ name: 'variable', role: 'value' }, { name: 'risk', role: 'score' });

    it('are FP32 [N] for one number per prediction', () => {
      expect(predictionsToV2Outputs(REGRESSOR, [{ value: 1.5, score: 0.1 }, { value: -2, score: 0.9 }])).toEqual([
        { name: 'variable', shape: [2], datatype: 'FP32', data: [1.5, -2] },
        { name: 'risk', shape: [2], datatype: 'FP32', data: [0.1, 0.9] },
      ]);
    });

    it('are FP32 [N, k] for k numbers per prediction', () => {
      expect(predictionsToV2Outputs(REGRESSOR, [{ value: [1, 2, 3] }, { value: [4, 5, 6] }], ['variable'])).toEqual([{ name: 'variable', shape: [2, 3], datatype: 'FP32', data: [1, 2, 3, 4, 5, 6] }]);
    });
  });

  describe('ranking and other outputs', () => {
    const MIXED = manifestOf({ name: 'order', role: 'ranking' }, { name: 'embedding', role: 'other' }, { name: 'tag', role: 'other' }, { name: 'flag', role: 'other' });
    const predictions: Prediction[] = [
      { outputs: { order: [2, 0, 1], embedding: [0.5, 0.25], tag: 'a', flag: true } },
      { outputs: { order: [0, 1, 2], embedding: [1, 2], tag: 'b', flag: false } },
    ];

    it('come from the prediction\'s outputs by name, numbers as FP64, text as BYTES, booleans as BOOL', () => {
      expect(predictionsToV2Outputs(MIXED, predictions)).toEqual([
        { name: 'order', shape: [2, 3], datatype: 'FP64', data: [2, 0, 1, 0, 1, 2] },
        { name: 'embedding', shape: [2, 2], datatype: 'FP64', data: [0.5, 0.25, 1, 2] },
        { name: 'tag', shape: [2], datatype: 'BYTES', data: ['a', 'b'] },
        { name: 'flag', shape: [2], datatype: 'BOOL', data: [true, false] },
      ]);
    });
  });

  describe('requested outputs', () => {
    it('returns only the requested ones, in the requested order, each once', () => {
      expect(predictionsToV2Outputs(CLASSIFIER, CLASSIFIED, ['probabilities', 'label', 'probabilities']).map((o) => o.name)).toEqual(['probabilities', 'label']);
    });

    it('returns every manifest output when none is requested', () => {
      expect(predictionsToV2Outputs(CLASSIFIER, CLASSIFIED).map((o) => o.name)).toEqual(['label', 'probabilities']);
    });

    it('refuses an unknown name with VALIDATION_FAILED on outputs[i].name, listing the model\'s outputs', () => {
      const error = failure(() => predictionsToV2Outputs(CLASSIFIER, CLASSIFIED, ['label', 'proba']));
      expect({ code: error.code, status: error.status }).toEqual({ code: 'VALIDATION_FAILED', status: 400 });
      expect(error.errors).toEqual([{ field: 'outputs[1].name', message: 'unknown output "proba"; this model\'s outputs: label, probabilities' }]);
      expect(error.message).toBe('outputs[1].name: unknown output "proba"; this model\'s outputs: label, probabilities');
    });
  });

  describe('checkRequestedV2Outputs', () => {
    it('accepts no request and known names, and refuses every unknown one', () => {
      expect(() => checkRequestedV2Outputs(CLASSIFIER, undefined)).not.toThrow();
      expect(() => checkRequestedV2Outputs(CLASSIFIER, ['label'])).not.toThrow();
      expect(failure(() => checkRequestedV2Outputs(CLASSIFIER, ['x', 'label', 'y'])).errors.map((e) => e.field)).toEqual(['outputs[0].name', 'outputs[2].name']);
    });
  });

  describe('what the model did not produce', () => {
    it('leaves out an output that no prediction holds', () => {
      expect(predictionsToV2Outputs(CLASSIFIER, [{ label: 'no' }])).toEqual([{ name: 'label', shape: [1], datatype: 'BYTES', data: ['no'] }]);
    });

    it('is an INTERNAL error when only some predictions hold an output', () => {
      expect(failure(() => predictionsToV2Outputs(CLASSIFIER, [{ label: 'no' }, {}])).code).toBe('INTERNAL');
      expect(failure(() => predictionsToV2Outputs(CLASSIFIER, [CLASSIFIED[0]!, { label: 'no' }])).code).toBe('INTERNAL');
    });

    it('is an INTERNAL error when rows differ in width', () => {
      const manifest = manifestOf({ name: 'v', role: 'value' });
      expect(failure(() => predictionsToV2Outputs(manifest, [{ value: [1, 2] }, { value: [1] }])).code).toBe('INTERNAL');
      expect(failure(() => predictionsToV2Outputs(manifest, [{ value: 1 }, { value: [1] }])).code).toBe('INTERNAL');
      expect(failure(() => predictionsToV2Outputs(manifest, [{ value: [1] }, { value: 1 }])).code).toBe('INTERNAL');
    });
  });

  it('produces outputs that match the V2 output schema and whose data length is the product of the shape', () => {
    for (const output of predictionsToV2Outputs(CLASSIFIER, CLASSIFIED)) {
      expect(V2OutputSchema.parse(output)).toEqual(output);
      expect(output.data).toHaveLength(output.shape.reduce((a, b) => a * b, 1));
    }
  });
});
