// Kysely's view of the feedback tables (see migrations/feedback-migrations.ts).
import type { Generated } from 'kysely';

export interface LabelsTable {
  id: Generated<number>;
  prediction_id: string;
  /** The label as JSON: a string, number or boolean. */
  actual: string;
  labelled_at: string;
  labelled_by: string;
  /** The label this one corrects, or null for a prediction's first label. */
  supersedes: number | null;
  reason: string | null;
}

export interface FeedbackTables {
  labels: LabelsTable;
}
