// Finds the one ai.onnx.ml operator an explainer understands in a model, and reads its attributes as plain JS values.
import { PitstopError } from '../errors/index.js';
import { decodeOnnxModel, type OnnxProto } from '../onnx/index.js';

type Int64 = number | { toNumber(): number } | null | undefined;

const utf8 = new TextDecoder('utf-8');

export interface MlOperatorNode {
  opType: string;
  /** The graph input the operator reads; explanations are about this tensor's columns. */
  input: string;
  attributes: MlOperatorAttributes;
}

export interface FindMlOperatorOptions {
  /**
   * Accept an operator whose input is computed inside the graph (e.g. by a feature pipeline). Only for callers that
   * compute that tensor themselves and map its columns back to features; default false.
   */
  allowComputedInput?: boolean;
}

/**
 * Returns the single node of one of `opTypes` (domain ai.onnx.ml). Contributions are only meaningful for the
 * columns the operator sees, so by default the node must read a graph input directly (no Scaler or Concat in front of it).
 */
export function findMlOperatorNode(
  model: Uint8Array | OnnxProto.IModelProto,
  opTypes: readonly string[],
  options: FindMlOperatorOptions = {},
): MlOperatorNode {
  const proto = model instanceof Uint8Array ? decodeOnnxModel(model) : model;
  const graph = proto.graph ?? {};
  const matches = (graph.node ?? []).filter((node) => node.domain === 'ai.onnx.ml' && opTypes.includes(node.opType ?? ''));
  const wanted = opTypes.join(' or ');
  if (matches.length !== 1) {
    const found = matches.length === 0 ? 'none' : `${matches.length}`;
    throw new PitstopError('ONNX_UNSUPPORTED', `Explaining needs exactly one ai.onnx.ml ${wanted} node; the model has ${found}.`);
  }
  const node = matches[0] as OnnxProto.INodeProto;
  const input = node.input?.[0] ?? '';
  const initializers = new Set((graph.initializer ?? []).map((tensor) => tensor.name ?? ''));
  const graphInputs = (graph.input ?? []).map((valueInfo) => valueInfo.name ?? '').filter((name) => !initializers.has(name));
  if (!options.allowComputedInput && !graphInputs.includes(input)) {
    throw new PitstopError(
      'ONNX_UNSUPPORTED',
      `The ${node.opType} node reads '${input}', which is computed inside the model; only a graph input's columns can be explained.`,
    );
  }
  return { opType: node.opType ?? '', input, attributes: new MlOperatorAttributes(node) };
}

/** Typed access to a node's attributes, with the defaults the ONNX operator schema gives. */
export class MlOperatorAttributes {
  private readonly byName: Map<string, OnnxProto.IAttributeProto>;

  constructor(private readonly node: OnnxProto.INodeProto) {
    this.byName = new Map((node.attribute ?? []).map((attribute) => [attribute.name ?? '', attribute]));
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  floats(name: string): number[] {
    return [...(this.byName.get(name)?.floats ?? [])];
  }

  ints(name: string): number[] {
    return (this.byName.get(name)?.ints ?? []).map((value) => int64ToNumber(value as Int64));
  }

  strings(name: string): string[] {
    return (this.byName.get(name)?.strings ?? []).map((bytes) => utf8.decode(bytes));
  }

  int(name: string, fallback: number): number {
    const attribute = this.byName.get(name);
    return attribute ? int64ToNumber(attribute.i as Int64) : fallback;
  }

  string(name: string, fallback: string): string {
    const bytes = this.byName.get(name)?.s;
    return bytes && bytes.length > 0 ? utf8.decode(bytes) : fallback;
  }

  /** Throws ONNX_INVALID naming the node and attribute; for attributes the operator cannot run without. */
  required<T>(name: string, values: T[]): T[] {
    if (values.length === 0) {
      throw new PitstopError('ONNX_INVALID', `The ${this.node.opType} node '${this.node.name}' has no '${name}' attribute.`);
    }
    return values;
  }
}

function int64ToNumber(value: Int64): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : value.toNumber();
}
