// An output called probabilities must hold probabilities: a linear SVM's decision scores (negative, rows not summing
// to 1) served as probabilities would mislead every caller, every calibration chart and every threshold.
import { PitstopError } from '../errors/index.js';
import type { Manifest } from '../manifest/index.js';
import type { FeatureRecord, ModelSession } from '../runtime/index.js';

/** How far a probability may stray from [0, 1], and a row's sum from 1, in float32 arithmetic. */
const TOLERANCE = 1e-3;

/**
 * Runs `records` through the session and refuses, naming the output's role, any `probabilities` output whose values
 * fall outside [0, 1] or whose rows (of two or more classes) do not sum to 1.
 */
export async function checkProbabilityOutputs(session: ModelSession, manifest: Pick<Manifest, 'outputs'>, records: readonly FeatureRecord[]): Promise<void> {
  const declared = manifest.outputs.map((output, index) => ({ output, index })).filter(({ output }) => output.role === 'probabilities');
  if (declared.length === 0 || records.length === 0) return;
  const predictions = await session.predict(records);
  for (const { output, index } of declared) {
    for (let row = 0; row < predictions.length; row++) {
      const values = Object.values(predictions[row]!.probabilities ?? {});
      const outside = values.some((v) => !(v >= -TOLERANCE && v <= 1 + TOLERANCE));
      const sum = values.reduce((a, b) => a + b, 0);
      if (!outside && (values.length < 2 || Math.abs(sum - 1) <= TOLERANCE)) continue;
      const shown = values.slice(0, 6).map((v) => Number(v.toPrecision(4))).join(', ') + (values.length > 6 ? ', ...' : '');
      const why = outside ? 'values outside [0, 1]' : `a sum of ${Number(sum.toPrecision(4))}, not 1`;
      throw new PitstopError(
        'MANIFEST_MODEL_MISMATCH',
        `outputs[${index}].role: output "${output.name}" is declared as probabilities, but on row ${row + 1} the model gives [${shown}] (${why}): these look like scores; declare role: score`,
        { field: `outputs[${index}].role` },
      );
    }
  }
}
