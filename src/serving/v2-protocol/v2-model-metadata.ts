// The V2 model metadata document (GET /v2/models/{name}): the model's tensors in V2 datatypes, -1 for the batch dimension.
import type { Manifest, ModelOutput, TensorType } from '../../manifest/index.js';
import type { V2Datatype, V2ModelMetadata, V2TensorMetadata } from './v2-schemas.js';

export const V2_PLATFORM = 'onnxruntime_onnx';

const DATATYPES: Record<TensorType, V2Datatype> = {
  float32: 'FP32',
  float64: 'FP64',
  int64: 'INT64',
  int32: 'INT32',
  string: 'BYTES',
  bool: 'BOOL',
};

/** The V2 datatype of a manifest tensor type. */
export function v2Datatype(dtype: TensorType): V2Datatype {
  return DATATYPES[dtype];
}

/** `widths` (values per row each output returned on the smoke run) makes the output shapes what the model really returns. */
export function v2ModelMetadata(name: string, versions: readonly string[], manifest: Pick<Manifest, 'inputs' | 'outputs'>, widths: ReadonlyMap<string, number> = new Map()): V2ModelMetadata {
  return {
    name,
    versions: [...versions],
    platform: V2_PLATFORM,
    inputs: manifest.inputs.map((input) => ({ name: input.name, datatype: v2Datatype(input.dtype), shape: input.rank === 1 ? [-1] : [-1, input.features.length] })),
    outputs: manifest.outputs.map((output) => outputMetadata(output, manifest.outputs, widths.get(output.name))),
  };
}

/**
 * The manifest records each output's role, not its tensor type, so this states what the V2 response carries for the
 * role: labels by their classes, probabilities [N, C] FP32, values and scores FP32, anything else FP64. An output
 * holding one value per row travels as [N], one holding k as [N, k]; `width` is k as observed, unknown without it.
 */
function outputMetadata(output: ModelOutput, outputs: readonly ModelOutput[], width: number | undefined): V2TensorMetadata {
  switch (output.role) {
    case 'label': {
      const classes = output.classes ?? outputs.find((o) => o.role === 'probabilities' && o.classes)?.classes;
      const numeric = classes !== undefined && classes.every((c) => typeof c === 'number' && Number.isInteger(c));
      return { name: output.name, datatype: numeric ? 'INT64' : 'BYTES', shape: [-1] };
    }
    case 'probabilities':
      return { name: output.name, datatype: 'FP32', shape: [-1, output.classes?.length ?? width ?? -1] };
    case 'value':
    case 'score':
      return { name: output.name, datatype: 'FP32', shape: rowShape(width ?? 1) };
    default:
      return { name: output.name, datatype: 'FP64', shape: width === undefined ? [-1, -1] : rowShape(width) };
  }
}

function rowShape(width: number): number[] {
  return width === 1 ? [-1] : [-1, width];
}
