// Turns ONNX output tensors into one prediction per record, using the roles the manifest gives the outputs.
import type { Manifest, ModelOutput } from '../manifest/index.js';
import type { OutputTensor } from './worker-session.js';

export type Scalar = number | string | boolean;

export interface Prediction {
  label?: Scalar;
  /** Class → probability, in the manifest's class order. */
  probabilities?: Record<string, number>;
  value?: number | number[];
  score?: number | number[];
  /** Outputs with role `ranking` or `other`, by output name. */
  outputs?: Record<string, Scalar | Scalar[]>;
}

export function decodeOutputs(manifest: Pick<Manifest, 'outputs'>, results: Readonly<Record<string, OutputTensor>>, count: number): Prediction[] {
  const predictions: Prediction[] = Array.from({ length: count }, () => ({}));
  for (const output of manifest.outputs) {
    const tensor = results[output.name];
    if (!tensor) continue;
    const rows = splitRows(tensor, count);
    rows.forEach((row, i) => assign(predictions[i]!, output, row));
  }
  return predictions;
}

function assign(prediction: Prediction, output: ModelOutput, row: Scalar[]): void {
  switch (output.role) {
    case 'label':
      prediction.label = row[0];
      return;
    case 'probabilities': {
      const classes = output.classes ?? row.map((_, i) => i);
      prediction.probabilities = Object.fromEntries(classes.map((c, i) => [String(c), Number(row[i])]));
      return;
    }
    case 'value':
      prediction.value = row.length === 1 ? Number(row[0]) : row.map(Number);
      return;
    case 'score':
      prediction.score = row.length === 1 ? Number(row[0]) : row.map(Number);
      return;
    default:
      prediction.outputs = { ...prediction.outputs, [output.name]: row.length === 1 ? row[0]! : row };
  }
}

/** Splits a tensor whose first dimension is the batch into per-record arrays of plain JS values. */
function splitRows(tensor: OutputTensor, count: number): Scalar[][] {
  const data = tensor.data;
  const width = count === 0 ? 0 : data.length / count;
  const rows: Scalar[][] = [];
  for (let r = 0; r < count; r++) {
    const row: Scalar[] = [];
    for (let c = 0; c < width; c++) row.push(toScalar(data[r * width + c], tensor.type));
    rows.push(row);
  }
  return rows;
}

function toScalar(value: unknown, type: string): Scalar {
  if (typeof value === 'bigint') return Number(value);
  if (type === 'bool') return Boolean(value);
  return value as Scalar;
}
