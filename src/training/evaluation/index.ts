// Evaluation's pure parts: gates parsed from `--require` and checked against champion and challenger metrics, and the
// EvaluationReport with its self-contained HTML rendering. The runner (loading data, predicting) lives elsewhere.
export { GATE_GRAMMAR, parseGate, type Gate, type GateOperator, type GateThreshold, type ParseGateOptions } from './parse-gate.js';
export { evaluateGates, type GateResult, type MetricValues } from './evaluate-gates.js';
export type {
  ClassificationCurves,
  EvaluatedVersion,
  EvaluationDataset,
  EvaluationReport,
  GateCheck,
  MetricComparison,
  RankingCurves,
  RegressionCurves,
  ReportedInterval,
  ReportedMetric,
  VersionCurves,
} from './evaluation-report.js';
export { renderEvaluationReport } from './render-evaluation-report.js';
export { classificationVersion, metricComparison, rankingVersion, regressionVersion, type VersionOptions } from './evaluated-version.js';
export { runEvaluation, type EvaluationOutcome, type EvaluationRequest, type VersionToEvaluate } from './run-evaluation.js';
