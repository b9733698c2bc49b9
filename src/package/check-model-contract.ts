// Checks that a manifest's inputs and outputs match what the ONNX graph really declares; errors name the manifest field.
import { PitstopError } from '../errors/index.js';
import type { ManifestSpec, TensorType } from '../manifest/index.js';
import type { OnnxModelDescription, OnnxValueInfo } from '../onnx/index.js';

/** Returns the largest batch the model accepts (a fixed first dimension), or null when the batch is free. */
export function checkModelContract(spec: ManifestSpec, model: OnnxModelDescription): number | null {
  const onnxInputs = new Map(model.inputs.map((i) => [i.name, i]));
  const declared = new Set(spec.inputs.map((i) => i.name));
  let maxBatch: number | null = null;

  spec.inputs.forEach((input, i) => {
    const field = `inputs[${i}]`;
    const onnx = onnxInputs.get(input.name);
    if (!onnx) mismatch(`${field}.name`, `the ONNX model has no input "${input.name}"; its inputs are ${list(model.inputs)}`);
    if (onnx.kind !== 'tensor') mismatch(`${field}.name`, `ONNX input "${input.name}" is a ${onnx.kind}, not a tensor`);
    if (onnx.elemType && onnx.elemType !== input.dtype) mismatch(`${field}.dtype`, `ONNX input "${input.name}" is ${onnx.elemType}, the manifest says ${input.dtype}`);
    input.features.forEach((name, j) => {
      const feature = spec.features.find((f) => f.name === name)!;
      if (!isCompatibleDtype(input.dtype, feature.type)) mismatch(`${field}.features[${j}]`, `${feature.type} feature "${name}" cannot feed ${input.dtype} input "${input.name}"`);
    });
    const shape = onnx.shape;
    if (shape) {
      if (shape.length !== input.rank) mismatch(`${field}.rank`, `ONNX input "${input.name}" has rank ${shape.length} (${formatShape(shape)}), the manifest says ${input.rank}`);
      const width = shape[1];
      if (input.rank === 2 && typeof width === 'number' && width !== input.features.length) {
        mismatch(`${field}.features`, `ONNX input "${input.name}" takes ${width} columns (${formatShape(shape)}), the manifest maps ${input.features.length} features onto it`);
      }
      const batch = shape[0];
      if (typeof batch === 'number') maxBatch = maxBatch === null ? batch : Math.min(maxBatch, batch);
    }
  });
  for (const onnx of model.inputs) {
    if (!declared.has(onnx.name)) mismatch('inputs', `ONNX input "${onnx.name}" (${onnx.elemType ?? onnx.kind}) is not mapped from any feature`);
  }

  const onnxOutputs = new Map(model.outputs.map((o) => [o.name, o]));
  spec.outputs.forEach((output, i) => {
    const onnx = onnxOutputs.get(output.name);
    if (!onnx) mismatch(`outputs[${i}].name`, `the ONNX model has no output "${output.name}"; its outputs are ${list(model.outputs)}`);
    if (onnx.kind !== 'tensor') mismatch(`outputs[${i}].name`, `ONNX output "${output.name}" is a ${onnx.kind}; onnxruntime-node can only return tensors`);
  });
  return maxBatch;
}

/** Whether a tensor of this type can carry a feature of the given kind. */
export function isCompatibleDtype(dtype: TensorType, featureType: string): boolean {
  if (dtype === 'string') return featureType === 'category' || featureType === 'string' || featureType === 'datetime';
  // Epoch seconds need 64 bits: float32 would round them to minutes.
  if (featureType === 'datetime') return dtype === 'int64' || dtype === 'float64';
  return featureType !== 'string';
}

function mismatch(field: string, message: string): never {
  throw new PitstopError('MANIFEST_MODEL_MISMATCH', `${field}: ${message}`, { field });
}

function list(values: readonly OnnxValueInfo[]): string {
  return values.map((v) => `"${v.name}"`).join(', ') || '(none)';
}

function formatShape(shape: readonly (number | string | null)[]): string {
  return `[${shape.map((d) => d ?? '?').join(', ')}]`;
}
