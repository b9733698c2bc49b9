// Rewrites classifiers that end in ZipMap (a sequence of maps, which onnxruntime-node cannot return) so the same output
// name carries the probability tensor [N, C] instead. Only the changed protobuf fields are re-encoded; the rest of the
// file is copied byte for byte, so fields newer than onnx-proto's schema survive.
import { PitstopError } from '../errors/index.js';
import { decodeOnnxModel } from './decode-onnx-model.js';
import { inferBatchDimension } from './infer-batch-dimension.js';
import { onnxDataType } from './onnx-elem-type.js';
import { bytesToText, int64ToNumber, onnxProto, type OnnxProto } from './onnx-proto.js';
import { concatBytes, lengthDelimitedField, readProtobufFields } from './read-protobuf-fields.js';

export interface ZipMapRemoval {
  /** The graph output that was a sequence of maps and is now a float tensor [N, C]. */
  output: string;
  /** The tensor that fed the ZipMap and now feeds the output through an Identity node. */
  sourceTensor: string;
  /** Column c of the output holds the probability of classLabels[c]. */
  classLabels: (string | number)[];
}

interface PlannedRemoval extends ZipMapRemoval {
  nodeIndex: number;
  identity: OnnxProto.INodeProto;
  outputInfo: OnnxProto.IValueInfoProto;
}

// Field numbers from onnx.proto.
const MODEL_GRAPH = 7;
const MODEL_OPSET_IMPORT = 8;
const GRAPH_NODE = 1;
const GRAPH_OUTPUT = 12;
const GRAPH_VALUE_INFO = 13;

// Identity is the same in every opset. 7 rather than 1: it is what ONNX 1.2 shipped with IR version 3 (the version of
// those old files), and onnxruntime warns about opsets below 7 and skips its transpose optimizer for them.
const ADDED_DEFAULT_OPSET = 7;

/**
 * Replaces each ZipMap that produces a graph output by an Identity from the ZipMap's input, and retypes that output as
 * float32 [N, C]. Adds a default-domain opset if the model has none. A model without such a ZipMap is returned as is
 * (the same Uint8Array). Throws ONNX_INVALID for bytes that are not a model. A caller that has decoded the bytes
 * already passes the model along: decoding a large tree ensemble costs tens of milliseconds.
 */
export function removeZipMap(bytes: Uint8Array, model: OnnxProto.ModelProto = decodeOnnxModel(bytes)): { bytes: Uint8Array; changes: ZipMapRemoval[] } {
  const graph = model.graph ?? {};
  const removals = planRemovals(graph);
  if (removals.length === 0) return { bytes, changes: [] };

  const modelFields = readProtobufFields(bytes);
  if (modelFields.filter((field) => field.fieldNumber === MODEL_GRAPH).length !== 1) {
    throw new PitstopError('ONNX_UNSUPPORTED', 'The ONNX model stores its graph in several pieces; it cannot be rewritten.');
  }
  const parts = modelFields.map((field) =>
    field.fieldNumber === MODEL_GRAPH ? lengthDelimitedField(MODEL_GRAPH, rewriteGraph(field.payload, removals)) : field.raw,
  );
  // Identity lives in the default domain; the oldest onnxmltools files import only ai.onnx.ml.
  if (!model.opsetImport.some((opset) => !opset.domain || opset.domain === 'ai.onnx')) {
    const opset = onnxProto().OperatorSetIdProto.encode({ domain: '', version: ADDED_DEFAULT_OPSET }).finish();
    parts.push(lengthDelimitedField(MODEL_OPSET_IMPORT, opset));
  }
  const changes = removals.map(({ output, sourceTensor, classLabels }) => ({ output, sourceTensor, classLabels }));
  return { bytes: concatBytes(parts), changes };
}

function planRemovals(graph: OnnxProto.IGraphProto): PlannedRemoval[] {
  const nodes = graph.node ?? [];
  const outputs = new Map((graph.output ?? []).map((valueInfo) => [valueInfo.name ?? '', valueInfo]));
  const nodeNames = new Set(nodes.map((node) => node.name ?? ''));
  const removals: PlannedRemoval[] = [];
  nodes.forEach((node, nodeIndex) => {
    const output = node.output?.[0];
    const sourceTensor = node.input?.[0];
    if (node.opType !== 'ZipMap' || node.domain !== 'ai.onnx.ml' || !output || !outputs.has(output)) return;
    if (!sourceTensor) throw new PitstopError('ONNX_INVALID', `ZipMap node '${node.name}' has no input.`);
    const consumer = nodes.find((other) => other.input?.includes(output));
    if (consumer) {
      // The output would change type under the consumer's feet.
      const reader = consumer.name || consumer.opType;
      const message = `The ZipMap output '${output}' is also read by node '${reader}'; it cannot be replaced by a tensor.`;
      throw new PitstopError('ONNX_UNSUPPORTED', message);
    }
    const classLabels = zipMapClassLabels(node);
    const batch = inferBatchDimension(graph, sourceTensor) ?? 'N';
    const identityName = uniqueName(`${output}_Identity`, nodeNames);
    nodeNames.add(identityName);
    removals.push({
      output,
      sourceTensor,
      classLabels,
      nodeIndex,
      identity: {
        name: identityName,
        opType: 'Identity',
        domain: '',
        input: [sourceTensor],
        output: [output],
        docString: `Replaces ZipMap '${node.name}' so the output is a tensor onnxruntime can return.`,
      },
      outputInfo: probabilityTensorInfo(output, outputs.get(output)?.docString ?? '', batch, classLabels.length),
    });
  });
  return removals;
}

function rewriteGraph(graphBytes: Uint8Array, removals: readonly PlannedRemoval[]): Uint8Array {
  const byNodeIndex = new Map(removals.map((removal) => [removal.nodeIndex, removal]));
  const byOutput = new Map(removals.map((removal) => [removal.output, removal]));
  let nodeIndex = 0;
  const parts: Uint8Array[] = [];
  for (const field of readProtobufFields(graphBytes)) {
    if (field.fieldNumber === GRAPH_NODE) {
      // The Identity takes the ZipMap's place in the node list, which keeps the list topologically sorted.
      const removal = byNodeIndex.get(nodeIndex);
      nodeIndex += 1;
      parts.push(removal ? lengthDelimitedField(field.fieldNumber, onnxProto().NodeProto.encode(removal.identity).finish()) : field.raw);
    } else if (field.fieldNumber === GRAPH_OUTPUT) {
      const removal = byOutput.get(onnxProto().ValueInfoProto.decode(field.payload).name);
      const replacement = removal && onnxProto().ValueInfoProto.encode(removal.outputInfo).finish();
      parts.push(replacement ? lengthDelimitedField(field.fieldNumber, replacement) : field.raw);
    } else if (field.fieldNumber === GRAPH_VALUE_INFO) {
      // A value_info entry still typing the output as a sequence of maps would contradict the new output type.
      if (!byOutput.has(onnxProto().ValueInfoProto.decode(field.payload).name)) parts.push(field.raw);
    } else {
      parts.push(field.raw);
    }
  }
  return concatBytes(parts);
}

function zipMapClassLabels(node: OnnxProto.INodeProto): (string | number)[] {
  const attribute = (name: string) => node.attribute?.find((candidate) => candidate.name === name);
  const strings = attribute('classlabels_strings')?.strings ?? [];
  if (strings.length > 0) return strings.map((label) => bytesToText(label));
  const ints = attribute('classlabels_int64s')?.ints ?? [];
  if (ints.length > 0) return ints.map((label) => int64ToNumber(label));
  throw new PitstopError('ONNX_INVALID', `ZipMap node '${node.name}' has neither classlabels_strings nor classlabels_int64s.`);
}

function probabilityTensorInfo(
  name: string,
  docString: string,
  batch: number | string,
  classes: number,
): OnnxProto.IValueInfoProto {
  const shape = { dim: [dimension(batch), dimension(classes)] };
  return { name, docString, type: { tensorType: { elemType: onnxDataType('float32'), shape } } };
}

function dimension(value: number | string): OnnxProto.TensorShapeProto.IDimension {
  return typeof value === 'number' ? { dimValue: value } : { dimParam: value };
}

function uniqueName(base: string, taken: ReadonlySet<string>): string {
  let name = base;
  for (let suffix = 2; taken.has(name); suffix += 1) name = `${base}_${suffix}`;
  return name;
}
