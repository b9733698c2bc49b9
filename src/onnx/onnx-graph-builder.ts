// Builds small ONNX models in code: test fixtures now, exported trainer graphs (LinearRegressor, TreeEnsemble) later.
// The same calls always produce the same bytes, so a built model's digest is stable.
import { PitstopError } from '../errors/index.js';
import type { OnnxOpset, OnnxShape } from './describe-onnx-model.js';
import { onnxDataType, type OnnxElemType } from './onnx-elem-type.js';
import { encodeOnnxModel } from './decode-onnx-model.js';
import { onnxProto, textToBytes, type OnnxProto } from './onnx-proto.js';

/**
 * A node attribute. Numbers are wrapped (`{ int: 1 }`, `{ floats: [0.5] }`) because a JS number cannot say whether the
 * operator expects INT or FLOAT, and onnxruntime rejects the wrong one.
 */
export type OnnxAttributeValue =
  | string
  | string[]
  | { int: number }
  | { float: number }
  | { ints: number[] }
  | { floats: number[] };

/** A value's type when it is not a plain tensor, e.g. ZipMap's `{ sequence: { map: { key: 'int64', value: ... } } }`. */
export type OnnxTypeSpec =
  | { tensor: OnnxElemType; shape?: OnnxShape }
  | { sequence: OnnxTypeSpec }
  | { map: { key: 'int64' | 'string'; value: OnnxTypeSpec } };

export type OnnxInitializerType = 'float32' | 'int64' | 'string';

export interface OnnxModelOptions {
  /** Every domain used by a node; '' and 'ai.onnx' both mean the default domain. */
  opsets: OnnxOpset[];
  producerName: string;
  producerVersion: string;
  /** Defaults to 8 (ONNX 1.10), which covers default-domain opsets up to 15 and ai.onnx.ml up to 2. */
  irVersion?: number;
  graphName?: string;
  metadata?: Record<string, string>;
}

export class OnnxGraphBuilder {
  private readonly inputs: OnnxProto.IValueInfoProto[] = [];
  private readonly outputs: OnnxProto.IValueInfoProto[] = [];
  private readonly initializers: OnnxProto.ITensorProto[] = [];
  private readonly nodes: OnnxProto.INodeProto[] = [];

  addInput(name: string, elemType: OnnxElemType, shape: OnnxShape): this {
    this.inputs.push({ name, type: typeProto({ tensor: elemType, shape }) });
    return this;
  }

  addOutput(name: string, elemType: OnnxElemType, shape: OnnxShape): this {
    return this.addOutputOfType(name, { tensor: elemType, shape });
  }

  addOutputOfType(name: string, type: OnnxTypeSpec): this {
    this.outputs.push({ name, type: typeProto(type) });
    return this;
  }

  addInitializer(name: string, elemType: OnnxInitializerType, dims: number[], values: number[] | string[]): this {
    const expected = dims.reduce((product, dim) => product * dim, 1);
    if (values.length !== expected) {
      throw invalid(`Initializer '${name}' has ${values.length} values but dims [${dims.join(', ')}] need ${expected}.`, name);
    }
    const tensor: OnnxProto.ITensorProto = { name, dims: [...dims], dataType: onnxDataType(elemType) };
    const numbers = values.filter((value): value is number => typeof value === 'number');
    const strings = values.filter((value): value is string => typeof value === 'string');
    if (elemType === 'string') {
      if (numbers.length > 0) throw invalid(`Initializer '${name}' of type string has numbers.`, name);
      tensor.stringData = strings.map(textToBytes);
    } else {
      if (strings.length > 0) throw invalid(`Initializer '${name}' of type ${elemType} has strings.`, name);
      if (elemType === 'int64') tensor.int64Data = numbers.map((value) => checkedInteger(name, value));
      else tensor.floatData = numbers;
    }
    this.initializers.push(tensor);
    return this;
  }

  addNode(
    opType: string,
    inputs: string[],
    outputs: string[],
    attributes: Record<string, OnnxAttributeValue> = {},
    domain = '',
  ): this {
    this.nodes.push({
      // Names from the position keep the bytes deterministic and make errors from onnxruntime point at a node.
      name: `${opType}_${this.nodes.length}`,
      opType,
      domain: domain === 'ai.onnx' ? '' : domain,
      input: [...inputs],
      output: [...outputs],
      attribute: Object.entries(attributes).map(([name, value]) => attributeProto(name, value)),
    });
    return this;
  }

  /** Checks the graph (every name defined once, before use) and encodes the model. */
  toBytes(options: OnnxModelOptions): Uint8Array {
    this.check(options);
    const model: OnnxProto.IModelProto = {
      irVersion: options.irVersion ?? 8,
      producerName: options.producerName,
      producerVersion: options.producerVersion,
      opsetImport: options.opsets.map((opset) => ({ domain: defaultDomainAsEmpty(opset.domain), version: opset.version })),
      metadataProps: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
      graph: {
        name: options.graphName ?? 'pitstop',
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      },
    };
    return encodeOnnxModel(model);
  }

  private check(options: OnnxModelOptions): void {
    const defined = new Set<string>();
    const define = (name: string, what: string): void => {
      if (!name) throw invalid(`A ${what} has an empty name.`);
      if (defined.has(name)) throw invalid(`The name '${name}' is defined twice (again as a ${what}).`, name);
      defined.add(name);
    };
    for (const input of this.inputs) define(input.name ?? '', 'graph input');
    for (const initializer of this.initializers) define(initializer.name ?? '', 'initializer');
    const domains = new Set(options.opsets.map((opset) => defaultDomainAsEmpty(opset.domain)));
    for (const node of this.nodes) {
      if (!domains.has(node.domain ?? '')) {
        throw invalid(`Node '${node.name}' uses domain '${node.domain || 'ai.onnx'}', which no opset imports.`, node.name ?? '');
      }
      // '' is how ONNX skips an optional input.
      const missing = (node.input ?? []).find((input) => input !== '' && !defined.has(input));
      if (missing !== undefined) throw invalid(`Node '${node.name}' reads '${missing}' before anything defines it.`, missing);
      for (const output of node.output ?? []) define(output, `output of node '${node.name}'`);
    }
    const outputNames = new Set<string>();
    for (const output of this.outputs) {
      const name = output.name ?? '';
      if (!defined.has(name)) throw invalid(`Graph output '${name}' is not produced by any node.`, name);
      if (outputNames.has(name)) throw invalid(`Graph output '${name}' is declared twice.`, name);
      outputNames.add(name);
    }
  }
}

function typeProto(type: OnnxTypeSpec): OnnxProto.ITypeProto {
  if ('tensor' in type) {
    const tensorType: OnnxProto.TypeProto.ITensor = { elemType: onnxDataType(type.tensor) };
    if (type.shape) tensorType.shape = { dim: type.shape.map(dimensionProto) };
    return { tensorType };
  }
  if ('sequence' in type) return { sequenceType: { elemType: typeProto(type.sequence) } };
  return { mapType: { keyType: onnxDataType(type.map.key), valueType: typeProto(type.map.value) } };
}

function dimensionProto(dim: number | string | null): OnnxProto.TensorShapeProto.IDimension {
  if (typeof dim === 'number') return { dimValue: dim };
  return dim === null ? {} : { dimParam: dim };
}

function attributeProto(name: string, value: OnnxAttributeValue): OnnxProto.IAttributeProto {
  const { AttributeType } = onnxProto().AttributeProto;
  if (typeof value === 'string') return { name, type: AttributeType.STRING, s: textToBytes(value) };
  if (Array.isArray(value)) return { name, type: AttributeType.STRINGS, strings: value.map(textToBytes) };
  if ('int' in value) return { name, type: AttributeType.INT, i: checkedInteger(name, value.int) };
  if ('float' in value) return { name, type: AttributeType.FLOAT, f: value.float };
  if ('ints' in value) return { name, type: AttributeType.INTS, ints: value.ints.map((int) => checkedInteger(name, int)) };
  return { name, type: AttributeType.FLOATS, floats: [...value.floats] };
}

function checkedInteger(attribute: string, value: number): number {
  if (!Number.isSafeInteger(value)) throw invalid(`Attribute '${attribute}' expects integers, got ${value}.`, attribute);
  return value;
}

function defaultDomainAsEmpty(domain: string): string {
  return domain === 'ai.onnx' ? '' : domain;
}

function invalid(message: string, field?: string): PitstopError {
  return new PitstopError('ONNX_INVALID', message, field === undefined ? {} : { field });
}
