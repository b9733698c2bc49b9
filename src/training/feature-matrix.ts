// The numeric matrix every trainer learns from: what the feature pipeline produces and what the ONNX graph feeds the model op.
// Float32 because that is what onnxruntime sees, so in-memory predictions and the exported model's can agree to 1e-5.

export interface FeatureMatrix {
  readonly rows: number;
  readonly cols: number;
  /** Row-major, rows × cols; NaN marks a missing value. */
  readonly values: Float32Array;
  /** One name per column, e.g. `bill_length_mm` or `island=Dream`. */
  readonly columnNames: readonly string[];
}

/** Targets for a classification trainer: a class index per row into `classes`. */
export interface ClassLabels {
  readonly classes: readonly string[];
  readonly indices: Int32Array;
}

/** What a model head emitter declares about the graph outputs it added (the manifest's `outputs`). */
export interface EmittedOutput {
  readonly name: string;
  readonly role: 'label' | 'probabilities' | 'value' | 'score' | 'ranking';
  readonly classes?: readonly string[];
}

/** Opsets every exported Pitstop graph imports; emitters use only operators available in these. */
export const EXPORT_OPSETS = [
  { domain: '', version: 15 },
  { domain: 'ai.onnx.ml', version: 2 },
] as const;
