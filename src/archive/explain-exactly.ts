// Exact explanations through a package's head: explain the raw score the head computes for the record's columns, check
// it against what onnxruntime answered, and sum the columns' contributions back to the features they came from.
import { explainLinear, explainScoredTrees, scoredTrees, type Explanation, type LinearModel, type ScoredTree } from '../explain/index.js';
import type { FeatureRecord, Prediction } from '../runtime/index.js';
import type { ExactHead } from './explain-head.js';
import type { ExplainedTarget } from './explain-target.js';

/** How far the head's answer may be from onnxruntime's: float32 sums over hundreds of trees differ in the last bits. */
const AGREEMENT = 1e-4;

export interface ExactExplanation {
  /** One contribution per feature, indexed in manifest order. */
  readonly explanation: Explanation;
  readonly quantity: string;
  /** The quantity's short name, for sentences. */
  readonly outputName: string;
}

/** What the head is asked to explain: a score column (or a binary margin) and its name. */
interface ExplainedScore {
  readonly target: number;
  /** A linear model rewritten to compute the explained score directly (the margin of a two-row binary classifier). */
  readonly linear?: LinearModel;
  readonly quantity: string;
  readonly outputName: string;
}

/**
 * Returns the explanation, or why it cannot be trusted (then the caller samples instead): the head does not compute
 * the explained output, or its raw scores do not reproduce onnxruntime's answer for this record.
 */
export function explainExactly(
  head: ExactHead,
  featureCount: number,
  input: FeatureRecord,
  prediction: Prediction,
  target: ExplainedTarget,
  background: readonly FeatureRecord[] | null,
): ExactExplanation | { reason: string } {
  const score = explainedScore(head, target);
  if ('reason' in score) return score;
  const row = head.rows([input]);
  const disagreement = disagreementWithModel(head, row, target, prediction);
  if (disagreement) return { reason: disagreement };
  const prepared = preparedBackground(head, background);
  const model = head.model;
  const byColumn =
    model.kind === 'linear'
      ? explainLinear(score.linear ?? model.linear, row, { target: score.target, featureNames: head.columnNames, ...(prepared.rows ? { background: prepared.rows } : {}) })
      : explainScoredTrees(prepared.treesFor(score.target), model.ensemble.baseValues[score.target] ?? 0, row, head.columnNames);
  return { explanation: groupByFeature(byColumn, head.featureOfColumn, featureCount), quantity: score.quantity, outputName: score.outputName };
}

interface PreparedBackground {
  readonly rows: Float32Array | undefined;
  /** A tree head's trees for one score column, covers counted from the background unless the model has them. */
  treesFor(target: number): readonly ScoredTree[];
}

const NO_BACKGROUND: readonly FeatureRecord[] = [];
const preparedBackgrounds = new WeakMap<ExactHead, WeakMap<readonly FeatureRecord[], PreparedBackground>>();

/** The background's columns and trees with covers, computed once per head and background (drawn backgrounds are reused). */
function preparedBackground(head: ExactHead, records: readonly FeatureRecord[] | null): PreparedBackground {
  let byRecords = preparedBackgrounds.get(head);
  if (!byRecords) preparedBackgrounds.set(head, (byRecords = new WeakMap()));
  let prepared = byRecords.get(records ?? NO_BACKGROUND);
  if (!prepared) {
    const rows = records ? head.rows(records) : undefined;
    const trees = new Map<number, readonly ScoredTree[]>();
    prepared = {
      rows,
      treesFor(target) {
        if (head.model.kind !== 'tree') return [];
        let scored = trees.get(target);
        if (!scored) trees.set(target, (scored = scoredTrees(head.model.ensemble, target, head.columnNames.length, rows)));
        return scored;
      },
    };
    byRecords.set(records ?? NO_BACKGROUND, prepared);
  }
  return prepared;
}

function explainedScore(head: ExactHead, target: ExplainedTarget): ExplainedScore | { reason: string } {
  const classifier = head.opType.endsWith('Classifier');
  if (target.kind === 'value') {
    return classifier ? { reason: `the head is a ${head.opType}, but the model's output is a value` } : { target: 0, quantity: target.name, outputName: target.name };
  }
  if (!classifier) return { reason: `the head is a ${head.opType}, but the model's output is class probabilities` };
  const columns = scoreColumns(head);
  const { classes, index } = target;
  if (classes.length === 2 && columns === 1) return binaryMargin(head, classes);
  if (classes.length === 2 && columns === 2 && head.model.kind === 'linear' && head.postTransform === 'SOFTMAX') {
    const { coefficients, intercepts } = head.model.linear;
    const margin: LinearModel = {
      ...head.model.linear,
      coefficients: [coefficients[1]!.map((weight, i) => weight - coefficients[0]![i]!)],
      intercepts: [intercepts[1]! - intercepts[0]!],
    };
    const name = `log-odds of class '${classes[1]}'`;
    return { target: 0, linear: margin, quantity: `${name} (its raw score minus class '${classes[0]}''s, before the softmax)`, outputName: name };
  }
  if (columns !== classes.length) return { reason: `the ${head.opType} has ${columns} score columns for ${classes.length} classes` };
  const name = `raw score of class '${classes[index]}'`;
  return { target: index, quantity: `${name}${beforeLink(head.postTransform)}`, outputName: name };
}

/** A binary model with one score column scores the second (positive) class; under LOGISTIC that score is its log-odds. */
function binaryMargin(head: ExactHead, classes: readonly string[]): ExplainedScore {
  const name = `${head.postTransform === 'LOGISTIC' ? 'log-odds' : 'raw score'} of class '${classes[1]}'`;
  return { target: 0, quantity: `${name}${beforeLink(head.postTransform)}`, outputName: name };
}

function beforeLink(postTransform: string): string {
  if (postTransform === 'NONE') return '';
  return postTransform === 'LOGISTIC' ? ' (before the logistic link)' : ` (before the ${postTransform.toLowerCase()})`;
}

function scoreColumns(head: ExactHead): number {
  return head.model.kind === 'linear' ? head.model.linear.coefficients.length : head.model.ensemble.scoreCount;
}

/** Recomputes the model's answer from the head's raw scores; null when it matches onnxruntime's. */
function disagreementWithModel(head: ExactHead, row: Float32Array, target: ExplainedTarget, prediction: Prediction): string | null {
  const scores = head.rawScores(row);
  if (target.kind === 'value') {
    const actual = target.read(prediction);
    if (head.postTransform !== 'NONE') return `the ${head.opType} applies ${head.postTransform} to its scores`;
    return close(scores[0]!, actual) ? null : `the head computes ${scores[0]} where the model answers ${actual}: the graph changes the head's output`;
  }
  const expected = probabilitiesFrom(scores, head.postTransform, target.classes.length);
  if (!expected) return `cannot check a ${head.opType} with post_transform ${head.postTransform} against the model's probabilities`;
  const mismatch = target.classes.findIndex((name, c) => !close(expected[c]!, prediction.probabilities?.[name] ?? Number.NaN));
  return mismatch < 0 ? null : `the head gives class '${target.classes[mismatch]}' probability ${expected[mismatch]} where the model answers ${prediction.probabilities?.[target.classes[mismatch]!]}`;
}

/** The probabilities onnxruntime derives from raw scores, for the post_transforms whose layout is certain. */
function probabilitiesFrom(scores: number[], postTransform: string, classes: number): number[] | null {
  const sigmoid = (s: number) => 1 / (1 + Math.exp(-s));
  if (scores.length === 1 && classes === 2) return postTransform === 'LOGISTIC' ? [1 - sigmoid(scores[0]!), sigmoid(scores[0]!)] : null;
  if (scores.length !== classes) return null;
  if (postTransform === 'NONE') return scores;
  if (postTransform === 'LOGISTIC') return scores.map(sigmoid);
  if (postTransform !== 'SOFTMAX') return null;
  const top = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - top));
  const total = exps.reduce((sum, e) => sum + e, 0);
  return exps.map((e) => e / total);
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= AGREEMENT * Math.max(1, Math.abs(b));
}

/** Sums the columns of each feature (one-hot columns, date parts) into one contribution per manifest feature. */
function groupByFeature(byColumn: Explanation, featureOfColumn: readonly number[], featureCount: number): Explanation {
  const sums = new Float64Array(featureCount);
  byColumn.contributions.forEach((item, column) => {
    const feature = featureOfColumn[column]!;
    sums[feature] = (sums[feature] as number) + item.contribution;
  });
  // Names and values are the caller's to fill in: they belong to the features, not to these columns.
  const contributions = [...sums].map((contribution, index) => ({ index, name: '', value: Number.NaN, contribution }));
  const total = contributions.reduce((sum, item) => sum + item.contribution, 0);
  return { ...byColumn, contributions, additivityGap: Math.abs(total - (byColumn.output - byColumn.baseline)) };
}
