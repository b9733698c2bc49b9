// Model-agnostic explanations of a whole package (pipeline, head and all) by sampling Shapley values over its features,
// run through onnxruntime. explainBySampling works on numeric rows, so each cell holds an index, not a value:
// 0 means "the explained record's value of this feature", b + 1 means "background record b's".
import { explainBySampling, type Explanation } from '../explain/index.js';
import type { Feature } from '../manifest/index.js';
import type { FeatureRecord, FeatureValue, ModelSession, Prediction } from '../runtime/index.js';

export interface ExplainWholeModelOptions {
  readonly pairs?: number;
  readonly seed?: number;
}

/** `read` picks the explained number out of a prediction (a value, or one class's probability). */
export async function explainWholeModel(
  session: ModelSession,
  features: readonly Feature[],
  input: FeatureRecord,
  background: readonly FeatureRecord[],
  read: (prediction: Prediction) => number,
  options: ExplainWholeModelOptions = {},
): Promise<Explanation> {
  const k = features.length;
  const names = features.map((feature) => feature.name);
  const backgroundCodes = new Float32Array(background.length * k);
  background.forEach((_, b) => backgroundCodes.fill(b + 1, b * k, (b + 1) * k));
  const sources = [input, ...background];
  const predict = async (rows: Float32Array, n: number): Promise<Float64Array> => {
    const records = Array.from({ length: n }, (_, r) => {
      const record: Record<string, FeatureValue> = {};
      names.forEach((name, j) => (record[name] = sources[rows[r * k + j] as number]![name] ?? null));
      return record;
    });
    const predictions = await session.predict(records);
    return Float64Array.from(predictions, read);
  };
  return explainBySampling(predict, new Float32Array(k), {
    background: backgroundCodes,
    featureNames: names,
    ...(options.pairs !== undefined ? { pairs: options.pairs } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
}
