// Which number of a prediction an explanation is about (a regression value, or the probability of the predicted class),
// read from the manifest's output roles and named in words.
import { PitstopError } from '../errors/index.js';
import type { Manifest } from '../manifest/index.js';
import type { Prediction } from '../runtime/index.js';

export type ExplainedTarget =
  | {
      readonly kind: 'value';
      /** What the number is called in sentences: "predicted value of mpg". */
      readonly name: string;
      read(prediction: Prediction): number;
    }
  | {
      readonly kind: 'class';
      /** Class labels in the model's probability column order. */
      readonly classes: readonly string[];
      /** The class predicted for the explained record. */
      readonly index: number;
      read(prediction: Prediction): number;
    };

/**
 * Classifiers (a probabilities output) are explained through the predicted class; regressors through their value (or,
 * failing that, a one-number score). Throws ONNX_UNSUPPORTED when no output is a single number to explain.
 */
export function explainedTarget(manifest: Manifest, prediction: Prediction): ExplainedTarget {
  const roles = new Map(manifest.outputs.map((output) => [output.role, output]));
  const probabilities = roles.get('probabilities');
  if (probabilities && prediction.probabilities && (manifest.task === 'classification' || !roles.has('value'))) {
    const classes = (probabilities.classes ?? Object.keys(prediction.probabilities)).map(String);
    const index = predictedClass(classes, prediction);
    return { kind: 'class', classes, index, read: (p) => p.probabilities?.[classes[index]!] ?? Number.NaN };
  }
  for (const role of ['value', 'score'] as const) {
    const output = roles.get(role);
    if (!output) continue;
    const value = prediction[role];
    if (Array.isArray(value)) {
      throw new PitstopError('ONNX_UNSUPPORTED', `${manifest.name}'s output '${output.name}' holds ${value.length} numbers per record; an explanation is about one number.`, { field: 'outputs' });
    }
    const of = role === 'value' ? `predicted value of ${targetName(manifest, output.name)}` : `score '${output.name}'`;
    return { kind: 'value', name: of, read: (p) => (typeof p[role] === 'number' ? (p[role] as number) : Number.NaN) };
  }
  const found = manifest.outputs.map((output) => `${output.name} (${output.role})`).join(', ');
  throw new PitstopError(
    'ONNX_UNSUPPORTED',
    `${manifest.name} has nothing to explain: explanations need a value, a score or class probabilities among its outputs, and it has ${found}.`,
    { field: 'outputs' },
  );
}

/** The label the model gave, else the most probable class. */
function predictedClass(classes: readonly string[], prediction: Prediction): number {
  const byLabel = prediction.label === undefined ? -1 : classes.indexOf(String(prediction.label));
  if (byLabel >= 0) return byLabel;
  let best = 0;
  classes.forEach((name, index) => {
    if ((prediction.probabilities?.[name] ?? -Infinity) > (prediction.probabilities?.[classes[best]!] ?? -Infinity)) best = index;
  });
  return best;
}

/** Trained packages record their target column; other packages are named after the output. */
function targetName(manifest: Manifest, output: string): string {
  const target = manifest.lineage.parameters?.['target'];
  return typeof target === 'string' && target.length > 0 ? target : output;
}
