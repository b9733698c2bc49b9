// Validation of what callers send: prediction records against a package's feature schema (every front door uses it), and zod issues as field errors.
export { compileRecordValidator, validateRecords, type RecordLimits, type RecordValidator } from './record-validator.js';
export { MAX_LISTED_PROBLEMS } from './record-problems.js';
export { compileFeatureCheck, FeatureProblem, type FeatureCheck } from './feature-check.js';
export { describeValue, listForMessage, quote } from './describe-value.js';
export { zodIssueMessage } from './zod-issue-message.js';
