// Runs a fitted feature pipeline over a Table in JS: the training-time twin of the ONNX graph, to float32 rounding.
import type { Table } from '../../dataset/index.js';
import type { FeatureMatrix } from '../feature-matrix.js';
import { transformCategoricalStep } from './categorical-step.js';
import { transformDatetimeStep } from './datetime-step.js';
import { pipelineColumnNames, type FittedFeaturePipeline, type FittedFeatureStep } from './fitted-feature-pipeline.js';
import { transformNumericStep } from './numeric-step.js';
import { categoryInput, datetimeInput, featureColumn, numericInput } from './pipeline-inputs.js';

/** The matrix the graph's pipeline output holds for the same rows, columns named by pipelineColumnNames. */
export function transformTable(pipeline: FittedFeaturePipeline, table: Table): FeatureMatrix {
  const columns = pipeline.features.flatMap((step) => transformStep(step, table));
  const rows = table.rowCount;
  const cols = columns.length;
  const values = new Float32Array(rows * cols);
  columns.forEach((column, col) => interleave(column, values, col, cols));
  return { rows, cols, values, columnNames: pipelineColumnNames(pipeline) };
}

function transformStep(step: FittedFeatureStep, table: Table): Float32Array[] {
  const column = featureColumn(table, step.name);
  if (step.kind === 'numeric') return [transformNumericStep(step, numericInput(column))];
  if (step.kind === 'categorical') return transformCategoricalStep(step, categoryInput(column));
  return transformDatetimeStep(step, datetimeInput(column));
}

/** Writes `column` into column `col` of the row-major matrix `values`. */
function interleave(column: Float32Array, values: Float32Array, col: number, cols: number): void {
  for (let row = 0; row < column.length; row += 1) values[row * cols + col] = column[row]!;
}
