// Writes a starter manifest from an ONNX file's own inputs and outputs, for the author to edit (names, ranges, categories).
import { PitstopError } from '../errors/index.js';
import type { FeatureType, ManifestSpecInput, TensorType } from '../manifest/index.js';
import { describeOnnxModel, type OnnxValueInfo } from '../onnx/index.js';

const TENSOR_TYPES: readonly string[] = ['float32', 'float64', 'int64', 'int32', 'string', 'bool'];

export function initManifest(modelBytes: Uint8Array, name: string, version = '1'): ManifestSpecInput {
  const model = describeOnnxModel(modelBytes);
  const features: ManifestSpecInput['features'] = [];
  const inputs = model.inputs.map((input) => {
    const dtype = tensorTypeOf(input);
    const shape = input.shape ?? [null, 1];
    const width = shape.length === 2 && typeof shape[1] === 'number' ? shape[1] : 1;
    // One feature per column of a [N, k] input; an [N, 1] or [N] input is one feature named after the input.
    const names = width === 1 ? [input.name] : Array.from({ length: width }, (_, i) => `${input.name}_${i}`);
    for (const featureName of names) features.push({ name: sanitize(featureName), type: featureTypeOf(dtype), required: true });
    return { name: input.name, dtype, features: names.map(sanitize), rank: shape.length === 1 ? (1 as const) : (2 as const) };
  });
  const outputs = model.outputs.map((output) => ({ name: output.name, role: roleOf(output) }));
  const classifier = outputs.some((o) => o.role === 'label');
  return {
    name,
    version,
    description: starterDescription(name),
    task: classifier ? 'classification' : 'regression',
    framework: { name: model.producer.name || 'unknown', ...(model.producer.version ? { version: model.producer.version } : {}) },
    features,
    inputs,
    outputs,
    lineage: {},
    runtime: { onnxruntime: '>=1.16.0' },
  };
}

/** The description `initManifest` writes: instructions to the author, not a description of the model. */
function starterDescription(name: string): string {
  return `${STARTER_DESCRIPTION_START} ${name}, written by pitstop package init from the ONNX model; rename the features and add ranges and categories.`;
}

const STARTER_DESCRIPTION_START = 'Starter manifest for';

/** Whether a manifest's description is still the one `initManifest` wrote (whatever the model's name). */
export function isStarterDescription(description: string | undefined): boolean {
  return description !== undefined && description.startsWith(STARTER_DESCRIPTION_START) && description.includes('written by pitstop package init');
}

function tensorTypeOf(input: OnnxValueInfo): TensorType {
  if (input.kind !== 'tensor' || !input.elemType || !TENSOR_TYPES.includes(input.elemType)) {
    throw new PitstopError('ONNX_UNSUPPORTED', `input "${input.name}" is a ${input.elemType ?? input.kind}; Pitstop maps features onto float, int, bool and string tensors`);
  }
  return input.elemType as TensorType;
}

function featureTypeOf(dtype: TensorType): FeatureType {
  if (dtype === 'string') return 'category';
  if (dtype === 'int64' || dtype === 'int32') return 'integer';
  if (dtype === 'bool') return 'boolean';
  return 'number';
}

function roleOf(output: OnnxValueInfo): 'label' | 'probabilities' | 'value' {
  if (/label/i.test(output.name)) return 'label';
  if (output.kind === 'sequence' || /prob/i.test(output.name)) return 'probabilities';
  return 'value';
}

function sanitize(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_.-]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `f_${cleaned}`;
}
