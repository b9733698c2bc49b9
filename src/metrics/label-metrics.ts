// Accuracy, precision, recall and F1 of argmax predictions, from confusion counts.
// Binary: for the positive class (classes[1]). Multiclass: the macro average over the classes that occur
// (as true or predicted), which is sklearn's default; a 0/0 precision or recall counts as 0, as sklearn's zero_division does.

export interface ClassScores {
  readonly class: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Rows whose true class this is. */
  readonly support: number;
}

export interface LabelMetrics {
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Correct predictions (the confusion matrix's diagonal), for a Wilson interval on accuracy. */
  readonly correct: number;
  readonly averaging: 'binary' | 'macro';
  readonly perClass: readonly ClassScores[];
}

export type LabelMetricName = 'accuracy' | 'precision' | 'recall' | 'f1';

/** `counts` is the flat k×k confusion matrix, actual-major. */
export function labelMetrics(counts: Int32Array, classes: readonly string[]): LabelMetrics {
  const k = classes.length;
  const perClass = classes.map((name, c) => {
    const { precision, recall, f1, actual } = classScores(counts, k, c);
    return { class: name, precision, recall, f1, support: actual };
  });
  let correct = 0;
  for (let c = 0; c < k; c++) correct += counts[c * k + c]!;
  return {
    accuracy: labelMetricValue('accuracy', counts, k),
    precision: labelMetricValue('precision', counts, k),
    recall: labelMetricValue('recall', counts, k),
    f1: labelMetricValue('f1', counts, k),
    correct,
    averaging: k === 2 ? 'binary' : 'macro',
    perClass,
  };
}

/** One label metric straight from counts, without building per-class objects: the bootstrap's inner loop. */
export function labelMetricValue(name: LabelMetricName, counts: Int32Array, k: number): number {
  let total = 0;
  let correct = 0;
  for (let c = 0; c < k; c++) correct += counts[c * k + c]!;
  for (let i = 0; i < k * k; i++) total += counts[i]!;
  if (name === 'accuracy') return correct / total;
  if (k === 2) return classScores(counts, k, 1)[name];
  let sum = 0;
  let classes = 0;
  for (let c = 0; c < k; c++) {
    const scores = classScores(counts, k, c);
    if (scores.actual === 0 && scores.predicted === 0) continue;
    sum += scores[name];
    classes++;
  }
  return sum / classes;
}

function classScores(counts: Int32Array, k: number, c: number): { precision: number; recall: number; f1: number; actual: number; predicted: number } {
  let actual = 0;
  let predicted = 0;
  for (let j = 0; j < k; j++) {
    actual += counts[c * k + j]!;
    predicted += counts[j * k + c]!;
  }
  const truePositives = counts[c * k + c]!;
  const precision = predicted === 0 ? 0 : truePositives / predicted;
  const recall = actual === 0 ? 0 : truePositives / actual;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, actual, predicted };
}
