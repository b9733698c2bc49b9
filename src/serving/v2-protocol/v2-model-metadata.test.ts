// The V2 model metadata document: inputs in V2 datatypes with -1 for the batch, outputs by role.
import { describe, expect, it } from 'vitest';
import { ModelInputSchema, ModelOutputSchema, TENSOR_TYPES, type Manifest, type ModelOutput } from '../../manifest/index.js';
import { v2Datatype, v2ModelMetadata } from './v2-model-metadata.js';
import { V2_DATATYPES, V2ModelMetadataSchema } from './v2-schemas.js';

const INPUTS = [
  ModelInputSchema.parse({ name: 'numeric', dtype: 'float32', features: ['age', 'income'] }),
  ModelInputSchema.parse({ name: 'categorical', dtype: 'string', features: ['plan'] }),
  ModelInputSchema.parse({ name: 'flags', dtype: 'bool', features: ['active'], rank: 1 }),
];

function manifestOf(...outputs: Partial<ModelOutput>[]): Pick<Manifest, 'inputs' | 'outputs'> {
  return { inputs: INPUTS, outputs: outputs.map((o) => ModelOutputSchema.parse(o)) };
}

describe('v2Datatype', () => {
  it.each([
    ['float32', 'FP32'],
    ['float64', 'FP64'],
    ['int64', 'INT64'],
    ['int32', 'INT32'],
    ['string', 'BYTES'],
    ['bool', 'BOOL'],
  ] as const)('maps %s to %s', (dtype, datatype) => {
    expect(v2Datatype(dtype)).toBe(datatype);
  });

  it('maps every manifest tensor type to a V2 datatype', () => {
    for (const dtype of TENSOR_TYPES) expect(V2_DATATYPES).toContain(v2Datatype(dtype));
  });
});

describe('v2ModelMetadata', () => {
  const classifier = manifestOf({ name: 'label', role: 'label' }, { name: 'probabilities', role: 'probabilities', classes: [0, 1] });

  it('names the model, its versions and the ONNX Runtime platform', () => {
    expect(v2ModelMetadata('churn', ['1', '3'], classifier)).toMatchObject({ name: 'churn', versions: ['1', '3'], platform: 'onnxruntime_onnx' });
  });

  it('describes each model input as [-1, k], or [-1] for a rank-1 input', () => {
    expect(v2ModelMetadata('churn', ['1'], classifier).inputs).toEqual([
      { name: 'numeric', datatype: 'FP32', shape: [-1, 2] },
      { name: 'categorical', datatype: 'BYTES', shape: [-1, 1] },
      { name: 'flags', datatype: 'BOOL', shape: [-1] },
    ]);
  });

  it('types a label INT64 when the classes are integers, taking them from the probabilities output', () => {
    expect(v2ModelMetadata('churn', ['1'], classifier).outputs).toEqual([
      { name: 'label', datatype: 'INT64', shape: [-1] },
      { name: 'probabilities', datatype: 'FP32', shape: [-1, 2] },
    ]);
  });

  it('types a label BYTES when its classes are text or unknown', () => {
    expect(v2ModelMetadata('m', ['1'], manifestOf({ name: 'label', role: 'label', classes: ['a', 'b'] })).outputs[0]!.datatype).toBe('BYTES');
    expect(v2ModelMetadata('m', ['1'], manifestOf({ name: 'label', role: 'label' })).outputs[0]!.datatype).toBe('BYTES');
  });

  it('describes probabilities without classes as [-1, -1], values and scores as FP32 [-1], anything else as FP64 [-1, -1]', () => {
    const manifest = manifestOf({ name: 'p', role: 'probabilities' }, { name: 'v', role: 'value' }, { name: 's', role: 'score' }, { name: 'r', role: 'ranking' }, { name: 'o', role: 'other' });
    expect(v2ModelMetadata('m', ['1'], manifest).outputs).toEqual([
      { name: 'p', datatype: 'FP32', shape: [-1, -1] },
      { name: 'v', datatype: 'FP32', shape: [-1] },
      { name: 's', datatype: 'FP32', shape: [-1] },
      { name: 'r', datatype: 'FP64', shape: [-1, -1] },
      { name: 'o', datatype: 'FP64', shape: [-1, -1] },
    ]);
  });

  it('gives outputs the widths the smoke run observed: [-1] for one value per row, [-1, k] for k', () => {
    const manifest = manifestOf({ name: 'v', role: 'value' }, { name: 's', role: 'score' }, { name: 'p', role: 'probabilities' }, { name: 'o', role: 'other' }, { name: 'r', role: 'ranking' });
    const widths = new Map([['v', 2], ['s', 1], ['p', 3], ['o', 1], ['r', 4]]);
    expect(v2ModelMetadata('m', ['1'], manifest, widths).outputs).toEqual([
      { name: 'v', datatype: 'FP32', shape: [-1, 2] },
      { name: 's', datatype: 'FP32', shape: [-1] },
      { name: 'p', datatype: 'FP32', shape: [-1, 3] },
      { name: 'o', datatype: 'FP64', shape: [-1] },
      { name: 'r', datatype: 'FP64', shape: [-1, 4] },
    ]);
  });

  it('matches the V2 model metadata schema', () => {
    const metadata = v2ModelMetadata('churn', ['1'], classifier);
    expect(V2ModelMetadataSchema.parse(metadata)).toEqual(metadata);
  });
});
