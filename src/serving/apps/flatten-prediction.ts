// A prediction as rules see it: outputs of role ranking or other lifted to the top, so a rule writes `output.items`
// rather than `output.outputs.items`; the standard fields (label, probabilities, value, score) win a name clash.
import type { Prediction } from '../../runtime/index.js';

export function flattenPrediction(prediction: Prediction | undefined): unknown {
  if (!prediction) return null;
  const { outputs, ...rest } = prediction;
  return { ...(outputs ?? {}), ...rest };
}
