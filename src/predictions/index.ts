// The prediction log: journaled before each answer, written to the database in batches.
export { PredictionLog, type PredictionLogOptions } from './prediction-log.js';
export { PredictionJournal, readJournal } from './prediction-journal.js';
