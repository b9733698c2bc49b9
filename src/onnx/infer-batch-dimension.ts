// Finds the batch (first) dimension of an intermediate tensor by walking back through operators that keep rows as rows,
// so a rewritten output can say [1, C] for a model with a fixed batch of one instead of a vaguer ['N', C].
import { describeValueInfo, type OnnxShape } from './describe-onnx-model.js';
import { int64ToNumber, type OnnxProto } from './onnx-proto.js';

// Default-domain operators whose output has the same first dimension as their first input. Binary elementwise ops are
// left out because broadcasting can take the first dimension from the other operand.
const ROW_PRESERVING_OPERATORS = new Set([
  'Abs', 'Cast', 'Clip', 'Exp', 'Identity', 'LeakyRelu', 'Log', 'LogSoftmax', 'Neg', 'Relu', 'Sigmoid', 'Softmax',
  'Sqrt', 'Tanh',
]);

/** The first dimension of `tensorName` (a size or a symbolic name), or undefined when the model does not say. */
export function inferBatchDimension(graph: OnnxProto.IGraphProto, tensorName: string): number | string | undefined {
  const shapes = declaredShapes(graph);
  const producers = new Map<string, OnnxProto.INodeProto>();
  for (const node of graph.node ?? []) for (const output of node.output ?? []) producers.set(output, node);

  const visited = new Set<string>();
  const walk = (name: string): number | string | undefined => {
    if (visited.has(name)) return undefined;
    visited.add(name);
    const shape = shapes.get(name);
    // A declared first dimension, even an unknown one, ends the search: the model has said what it knows.
    if (shape && shape.length > 0) return shape[0] ?? undefined;
    const producer = producers.get(name);
    if (!producer || !preservesRows(producer)) return undefined;
    for (const sibling of producer.output ?? []) {
      const siblingFirst = shapes.get(sibling)?.[0];
      if (sibling !== name && siblingFirst !== null && siblingFirst !== undefined) return siblingFirst;
    }
    const firstInput = producer.input?.[0];
    return firstInput ? walk(firstInput) : undefined;
  };
  return walk(tensorName);
}

function declaredShapes(graph: OnnxProto.IGraphProto): Map<string, OnnxShape> {
  const shapes = new Map<string, OnnxShape>();
  for (const valueInfo of [...(graph.input ?? []), ...(graph.output ?? []), ...(graph.valueInfo ?? [])]) {
    const described = describeValueInfo(valueInfo);
    if (described.shape) shapes.set(described.name, described.shape);
  }
  return shapes;
}

function preservesRows(node: OnnxProto.INodeProto): boolean {
  // Every ai.onnx.ml operator (classifiers, Scaler, Normalizer, Imputer, OneHotEncoder, ...) works row by row.
  if (node.domain === 'ai.onnx.ml') return true;
  if (node.domain) return false;
  if (node.opType === 'Concat') {
    const axis = node.attribute?.find((attribute) => attribute.name === 'axis');
    return int64ToNumber(axis?.i) > 0;
  }
  return ROW_PRESERVING_OPERATORS.has(node.opType ?? '');
}
