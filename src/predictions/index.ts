// The prediction log (journaled before each answer, written to the database in batches) and feedback (labels).
export { JournaledLog, PredictionLog, type PredictionLogOptions } from './prediction-log.js';
export { PredictionJournal, readJournal } from './prediction-journal.js';
export { FeedbackService, type FeedbackDeps, type ImportOptions, type ImportSummary, type LabelOptions } from './feedback-service.js';
export { labelsFromTable, type LabelColumns } from './labels-from-table.js';
