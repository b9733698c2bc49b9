// Adds a fitted feature pipeline to an ONNX graph being built: one input per raw feature, one float32 matrix out,
// equal to transformTable's to float32 rounding. Uses only operators of EXPORT_OPSETS (default 15, ai.onnx.ml 2).
import type { OnnxGraphBuilder } from '../../onnx/index.js';
import { emitCategoricalOnnx } from './emit-categorical-onnx.js';
import { emitDatetimeOnnx } from './emit-datetime-onnx.js';
import { emitNumericOnnx } from './emit-numeric-onnx.js';
import { pipelineColumnNames, type FittedFeaturePipeline } from './fitted-feature-pipeline.js';
import { PipelineGraphScope } from './pipeline-graph-scope.js';
import { pipelineInputs, type PipelineInput } from './pipeline-inputs.js';

export interface EmittedFeaturePipeline {
  /** The float32 [N, width] tensor to feed the model op. */
  readonly output: string;
  /** The manifest's input declarations: one [N, 1] tensor per feature, named after it (see pipelineInputs). */
  readonly inputs: PipelineInput[];
  readonly width: number;
  readonly columnNames: string[];
}

export interface EmitFeaturePipelineOptions {
  /** The name of the output tensor; `pipeline:features` by default. */
  readonly output?: string;
}

/** Declares the graph inputs and adds the nodes; the caller adds the model op (or a graph output) on `output`. */
export function emitFeaturePipelineOnnx(builder: OnnxGraphBuilder, pipeline: FittedFeaturePipeline, options: EmitFeaturePipelineOptions = {}): EmittedFeaturePipeline {
  const inputs = pipelineInputs(pipeline);
  for (const input of inputs) builder.addInput(input.name, input.dtype, ['N', 1]);
  const scope = new PipelineGraphScope(builder);
  const blocks = pipeline.features.map((step) => {
    if (step.kind === 'numeric') return emitNumericOnnx(scope, step);
    if (step.kind === 'categorical') return emitCategoricalOnnx(scope, step);
    return emitDatetimeOnnx(scope, step);
  });
  const output = options.output ?? 'pipeline:features';
  if (blocks.length === 1) builder.addNode('Identity', blocks, [output]);
  else builder.addNode('Concat', blocks, [output], { axis: { int: 1 } });
  const columnNames = pipelineColumnNames(pipeline);
  return { output, inputs, width: columnNames.length, columnNames };
}
