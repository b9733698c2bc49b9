// Performance before labels arrive, from the model's own confidence (confidence-based performance estimation): for a
// calibrated classifier, a prediction made with probability p is right with probability p. Shown as an estimate.
import { CONFIDENCE_BINS, type ConfidenceSummary } from '../windows/window-summary.js';

export interface EstimatedPerformance {
  /** Mean probability of the predicted class. */
  readonly estimated_accuracy: number | null;
  /** Binary only: the AUC expected if each row is positive with its predicted probability. */
  readonly estimated_auc: number | null;
  readonly rows: number;
}

export function estimatedPerformance(confidence: ConfidenceSummary | null): EstimatedPerformance {
  if (!confidence || confidence.count === 0) return { estimated_accuracy: null, estimated_auc: null, rows: 0 };
  return { estimated_accuracy: confidence.sumTopProbability / confidence.count, estimated_auc: expectedAuc(confidence.positiveBins), rows: confidence.count };
}

/**
 * P(score of a positive > score of a negative) when a row in probability bin i is positive with weight p_i (the bin's
 * middle) and negative with weight 1 − p_i; ties within a bin count half, as AUC counts tied scores.
 */
function expectedAuc(bins: readonly number[] | null): number | null {
  if (!bins) return null;
  const mid = (i: number) => (i + 0.5) / CONFIDENCE_BINS;
  let negativesBelow = 0;
  let concordant = 0;
  let positives = 0;
  let negatives = 0;
  for (let i = 0; i < bins.length; i++) {
    const pos = bins[i]! * mid(i);
    const neg = bins[i]! * (1 - mid(i));
    concordant += pos * (negativesBelow + neg / 2);
    negativesBelow += neg;
    positives += pos;
    negatives += neg;
  }
  return positives > 0 && negatives > 0 ? concordant / (positives * negatives) : null;
}
