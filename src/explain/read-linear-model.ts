// Reads the weights of an ai.onnx.ml LinearRegressor or LinearClassifier: one coefficient row per target or class.
import { PitstopError } from '../errors/index.js';
import type { OnnxProto } from '../onnx/index.js';
import { findMlOperatorNode, type FindMlOperatorOptions } from './ml-operator-node.js';

export interface LinearModel {
  opType: 'LinearRegressor' | 'LinearClassifier';
  /** coefficients[t][i]: the weight of input column i in raw score t. */
  coefficients: number[][];
  intercepts: number[];
  /** Applied by the model after the raw scores; explanations are of the raw scores. */
  postTransform: string;
}

export function readLinearModel(model: Uint8Array | OnnxProto.IModelProto, options: FindMlOperatorOptions = {}): LinearModel {
  const { opType, attributes } = findMlOperatorNode(model, ['LinearRegressor', 'LinearClassifier'], options);
  const flat = attributes.required('coefficients', attributes.floats('coefficients'));
  const intercepts = attributes.floats('intercepts');
  const labels = attributes.ints('classlabels_ints').length || attributes.strings('classlabels_strings').length;
  // A binary classifier may store a single row (one intercept) for its two labels: one score column, explained as is.
  const rowCount = opType === 'LinearRegressor' ? attributes.int('targets', 1) : intercepts.length || labels || 1;
  if (rowCount < 1 || flat.length % rowCount !== 0) {
    throw new PitstopError('ONNX_INVALID', `The ${opType} has ${flat.length} coefficients, not a multiple of ${rowCount} rows.`);
  }
  const width = flat.length / rowCount;
  const coefficients = Array.from({ length: rowCount }, (_, row) => flat.slice(row * width, (row + 1) * width));
  return {
    opType: opType as LinearModel['opType'],
    coefficients,
    // The operator treats absent intercepts as zeros.
    intercepts: coefficients.map((_, row) => intercepts[row] ?? 0),
    postTransform: attributes.string('post_transform', 'NONE'),
  };
}
