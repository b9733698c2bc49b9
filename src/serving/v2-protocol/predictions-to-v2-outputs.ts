// Turns predictions back into V2 output tensors, one per manifest output (or per requested name), flat and row-major.
import { PitstopError } from '../../errors/index.js';
import type { Manifest, ModelOutput } from '../../manifest/index.js';
import type { Prediction, Scalar } from '../../runtime/index.js';
import { listForMessage, quote } from '../validation/index.js';
import type { V2Datatype, V2Output } from './v2-schemas.js';

const MAX_LISTED_OUTPUTS = 20;

type Cell = Scalar | readonly Scalar[] | undefined;

/** The V2 outputs for predictions; `requested` (the request's `outputs[].name`) picks and orders them. */
export function predictionsToV2Outputs(manifest: Pick<Manifest, 'outputs'>, predictions: readonly Prediction[], requested?: readonly string[]): V2Output[] {
  const outputs = selectedOutputs(manifest, requested);
  const tensors: V2Output[] = [];
  for (const output of outputs) {
    const tensor = outputTensor(output, predictions);
    if (tensor) tensors.push(tensor);
  }
  return tensors;
}

/**
 * Refuses requested output names the model does not have (VALIDATION_FAILED on `outputs[i].name`).
 * A route may call it before predicting, so a bad request is not run and logged first.
 */
export function checkRequestedV2Outputs(manifest: Pick<Manifest, 'outputs'>, requested: readonly string[] | undefined): void {
  if (!requested) return;
  const known = new Set(manifest.outputs.map((o) => o.name));
  const unknown = requested.map((name, i) => ({ name, i })).filter(({ name }) => !known.has(name));
  if (unknown.length === 0) return;
  const knownList = listForMessage([...known], MAX_LISTED_OUTPUTS);
  const errors = unknown.map(({ name, i }) => ({ field: `outputs[${i}].name`, message: `unknown output ${quote(name)}; this model's outputs: ${knownList}` }));
  const first = errors[0]!;
  throw new PitstopError('VALIDATION_FAILED', `${first.field}: ${first.message}`, { field: first.field, errors });
}

function selectedOutputs(manifest: Pick<Manifest, 'outputs'>, requested: readonly string[] | undefined): ModelOutput[] {
  if (!requested) return [...manifest.outputs];
  checkRequestedV2Outputs(manifest, requested);
  const byName = new Map(manifest.outputs.map((o) => [o.name, o]));
  return [...new Set(requested)].map((name) => byName.get(name)!);
}

function outputTensor(output: ModelOutput, predictions: readonly Prediction[]): V2Output | undefined {
  switch (output.role) {
    case 'label':
      return tensor(output, predictions.map((p) => p.label), labelDatatype);
    case 'probabilities':
      return probabilitiesTensor(output, predictions);
    case 'value':
      return tensor(output, predictions.map((p) => p.value), () => 'FP32');
    case 'score':
      return tensor(output, predictions.map((p) => p.score), () => 'FP32');
    default:
      return tensor(output, predictions.map((p) => p.outputs?.[output.name]), otherDatatype);
  }
}

/** [N, C] in the manifest's class order (or the order the predictions hold when the manifest lists no classes). */
function probabilitiesTensor(output: ModelOutput, predictions: readonly Prediction[]): V2Output | undefined {
  const first = predictions.find((p) => p.probabilities)?.probabilities;
  if (!first) return undefined;
  const classes = output.classes?.map(String) ?? Object.keys(first);
  const data: number[] = [];
  predictions.forEach((p, i) => {
    if (!p.probabilities) throw incomplete(output, i);
    for (const c of classes) data.push(p.probabilities[c] ?? Number.NaN);
  });
  return { name: output.name, shape: [predictions.length, classes.length], datatype: 'FP32', data };
}

/** [N] when every prediction holds one value, [N, k] when each holds k; skipped when none holds any. */
function tensor(output: ModelOutput, cells: readonly Cell[], datatypeOf: (values: readonly Scalar[]) => V2Datatype): V2Output | undefined {
  if (cells.every((cell) => cell === undefined)) return undefined;
  const first = cells.find((cell) => cell !== undefined);
  const width = Array.isArray(first) ? first.length : null;
  const values: Scalar[] = [];
  cells.forEach((cell, i) => {
    if (cell === undefined) throw incomplete(output, i);
    if (width === null ? Array.isArray(cell) : !Array.isArray(cell) || cell.length !== width) {
      throw new PitstopError('INTERNAL', `output "${output.name}" has rows of different widths (prediction ${i})`);
    }
    if (Array.isArray(cell)) values.push(...(cell as readonly Scalar[]));
    else values.push(cell as Scalar);
  });
  const datatype = datatypeOf(values);
  const shape = width === null ? [cells.length] : [cells.length, width];
  return { name: output.name, shape, datatype, data: datatype === 'BYTES' ? values.map(String) : values };
}

function incomplete(output: ModelOutput, index: number): PitstopError {
  return new PitstopError('INTERNAL', `prediction ${index} has no ${output.role} for output "${output.name}" while others do`);
}

/** Class labels: INT64 when they are integers, BOOL when booleans, else text. */
function labelDatatype(values: readonly Scalar[]): V2Datatype {
  if (values.every((v) => typeof v === 'number' && Number.isInteger(v))) return 'INT64';
  if (values.every((v) => typeof v === 'number')) return 'FP32';
  if (values.every((v) => typeof v === 'boolean')) return 'BOOL';
  return 'BYTES';
}

/** `ranking` and `other` outputs: the manifest gives no tensor type, so numbers travel as FP64 to lose nothing. */
function otherDatatype(values: readonly Scalar[]): V2Datatype {
  if (values.every((v) => typeof v === 'number')) return 'FP64';
  if (values.every((v) => typeof v === 'boolean')) return 'BOOL';
  return 'BYTES';
}
