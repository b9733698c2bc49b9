// Records for feedback: labels (the ground truth of a logged prediction) and the predictions they label. Plain data.
import type { PredictionRecord } from './serving-records.js';

/** What a label says the right answer was: a class, a number or a yes/no. */
export type LabelValue = string | number | boolean;

export interface LabelRecord {
  readonly id: number;
  readonly predictionId: string;
  readonly actual: LabelValue;
  /** When the label was stored (not when the outcome happened). */
  readonly at: string;
  readonly actor: string;
  /** The label this one corrects, or null for a prediction's first label. */
  readonly supersedes: number | null;
  readonly reason: string | null;
}

export interface NewLabel {
  readonly predictionId: string;
  readonly actual: LabelValue;
  readonly reason?: string;
}

export interface LabelQuery {
  readonly model: string;
  readonly version?: number;
  /** Prediction times: `from` inclusive, `to` exclusive. */
  readonly from?: string;
  readonly to?: string;
}

export interface LabelledPredictionQuery extends LabelQuery {
  readonly limit?: number;
  /** Only predictions with ids greater than this (keyset pagination, as for the prediction log). */
  readonly afterId?: string;
}

export interface LabelledPrediction {
  readonly prediction: PredictionRecord;
  /** Its latest label: the one no correction supersedes. */
  readonly label: LabelRecord;
}
