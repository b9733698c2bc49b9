// What a model declares about itself: producer, opsets, metadata, its inputs and outputs, and the operators it uses.
import { decodeOnnxModel } from './decode-onnx-model.js';
import { elemTypeOfDataType, type OnnxElemType } from './onnx-elem-type.js';
import { int64ToNumber, type OnnxProto } from './onnx-proto.js';

/** One entry per dimension: a fixed size, a symbolic name (`'N'`), or null when the model leaves it unknown. */
export type OnnxShape = (number | string | null)[];

export interface OnnxValueInfo {
  name: string;
  kind: 'tensor' | 'sequence' | 'map' | 'other';
  /** Set for tensors of a type Pitstop handles; undefined for other element types (uint64, bfloat16, ...). */
  elemType?: OnnxElemType;
  /** Set for tensors whose rank the model declares. */
  shape?: OnnxShape;
}

export interface OnnxOpset {
  /** 'ai.onnx' for the default domain, which the file stores as ''. */
  domain: string;
  version: number;
}

export interface OnnxModelDescription {
  irVersion: number;
  producer: { name: string; version: string };
  opsets: OnnxOpset[];
  graphName: string;
  metadata: Record<string, string>;
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  /** Distinct `domain:OpType`, sorted, including those inside subgraphs and local functions. */
  operators: string[];
}

export const DEFAULT_DOMAIN_NAME = 'ai.onnx';

/** Describes an ONNX model; throws PitstopError('ONNX_INVALID') when the bytes are not one. */
export function describeOnnxModel(bytes: Uint8Array): OnnxModelDescription {
  return describeOnnxModelProto(decodeOnnxModel(bytes));
}

export function describeOnnxModelProto(model: OnnxProto.IModelProto): OnnxModelDescription {
  const graph = model.graph ?? {};
  // Before IR version 4 every initializer also had to be listed in graph.input; they are weights, not inputs.
  const initializerNames = new Set((graph.initializer ?? []).map((tensor) => tensor.name ?? ''));
  const metadata: Record<string, string> = {};
  for (const entry of model.metadataProps ?? []) metadata[entry.key ?? ''] = entry.value ?? '';
  return {
    irVersion: int64ToNumber(model.irVersion),
    producer: { name: model.producerName ?? '', version: model.producerVersion ?? '' },
    opsets: (model.opsetImport ?? []).map((opset) => ({
      domain: displayDomain(opset.domain),
      version: int64ToNumber(opset.version),
    })),
    graphName: graph.name ?? '',
    metadata,
    inputs: (graph.input ?? []).filter((input) => !initializerNames.has(input.name ?? '')).map(describeValueInfo),
    outputs: (graph.output ?? []).map(describeValueInfo),
    operators: operatorsOf(model),
  };
}

export function describeValueInfo(valueInfo: OnnxProto.IValueInfoProto): OnnxValueInfo {
  const name = valueInfo.name ?? '';
  const type = valueInfo.type;
  if (type?.tensorType) {
    const described: OnnxValueInfo = { name, kind: 'tensor' };
    const elemType = elemTypeOfDataType(type.tensorType.elemType);
    if (elemType) described.elemType = elemType;
    if (type.tensorType.shape) described.shape = (type.tensorType.shape.dim ?? []).map(describeDimension);
    return described;
  }
  if (type?.sequenceType) return { name, kind: 'sequence' };
  if (type?.mapType) return { name, kind: 'map' };
  return { name, kind: 'other' };
}

function describeDimension(dim: OnnxProto.TensorShapeProto.IDimension): number | string | null {
  if (dim.dimValue !== null && dim.dimValue !== undefined) return int64ToNumber(dim.dimValue);
  return dim.dimParam ? dim.dimParam : null;
}

export function displayDomain(domain: string | null | undefined): string {
  return domain ? domain : DEFAULT_DOMAIN_NAME;
}

function operatorsOf(model: OnnxProto.IModelProto): string[] {
  const operators = new Set<string>();
  const visitNodes = (nodes: OnnxProto.INodeProto[] | null | undefined): void => {
    for (const node of nodes ?? []) {
      operators.add(`${displayDomain(node.domain)}:${node.opType ?? ''}`);
      // If, Loop and Scan carry their bodies as graph attributes; their operators must be available too.
      for (const attribute of node.attribute ?? []) {
        if (attribute.g) visitNodes(attribute.g.node);
        for (const graph of attribute.graphs ?? []) visitNodes(graph.node);
      }
    }
  };
  visitNodes(model.graph?.node);
  for (const fn of model.functions ?? []) visitNodes(fn.node);
  return [...operators].sort();
}
