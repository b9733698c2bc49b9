// Refuses training data the trainer cannot learn from, naming what is wrong, before any work starts.
import { PitstopError } from '../../errors/index.js';
import type { ClassLabels, FeatureMatrix } from '../feature-matrix.js';
import type { GbdtObjective } from './gbdt-params.js';

/** The target as numbers the losses read: values for regression, class indices for classification. */
export interface TrainingTarget {
  readonly values: Float64Array | Int32Array;
  readonly classes: string[] | null;
}

export function checkMatrix(matrix: FeatureMatrix, field: string): void {
  if (matrix.rows < 1 || matrix.cols < 1) throw invalid(field, `${field} has ${matrix.rows} rows and ${matrix.cols} columns; training needs at least one of each.`);
  if (matrix.values.length !== matrix.rows * matrix.cols) {
    throw invalid(field, `${field} holds ${matrix.values.length} values but ${matrix.rows} rows × ${matrix.cols} columns need ${matrix.rows * matrix.cols}.`);
  }
  if (matrix.columnNames.length !== matrix.cols) {
    throw invalid(field, `${field} names ${matrix.columnNames.length} columns but has ${matrix.cols}.`);
  }
}

export function checkTarget(objective: GbdtObjective, matrix: FeatureMatrix, target: Float64Array | ClassLabels, field: string): TrainingTarget {
  const length = target instanceof Float64Array ? target.length : target.indices.length;
  if (length !== matrix.rows) throw invalid(field, `${field} has ${length} values but the feature matrix has ${matrix.rows} rows.`);
  if (objective === 'regression') {
    if (!(target instanceof Float64Array)) throw invalid(field, `Objective regression needs a numeric target (Float64Array), not class labels.`);
    const bad = target.findIndex((y) => !Number.isFinite(y));
    if (bad >= 0) throw invalid(field, `${field} row ${bad} is ${target[bad]}; a regression target must be finite.`);
    return { values: target, classes: null };
  }
  if (target instanceof Float64Array) throw invalid(field, `Objective ${objective} needs class labels, not a numeric target.`);
  const { classes, indices } = target;
  const bad = indices.findIndex((index) => index < 0 || index >= classes.length);
  if (bad >= 0) throw invalid(field, `${field} row ${bad} has class index ${indices[bad]}, outside the ${classes.length} classes.`);
  return { values: indices, classes: [...classes] };
}

/** The training target also fixes the classes: binary needs exactly two, multiclass three or more, both seen. */
export function checkClasses(objective: GbdtObjective, target: TrainingTarget, field: string): void {
  if (target.classes === null) return;
  const seen = new Set(target.values);
  if (seen.size < 2) {
    const only = target.classes[target.values[0] ?? 0] ?? '(none)';
    throw invalid(field, `${field} holds only one class (${only}); classification needs at least two.`);
  }
  if (objective === 'binary' && target.classes.length !== 2) {
    throw invalid(field, `Objective binary needs exactly 2 classes; ${field} has ${target.classes.length} (${target.classes.join(', ')}). Use multiclass.`);
  }
  // Two softmax columns would meet onnxruntime's special case for two classes, which reads only one score column.
  if (objective === 'multiclass' && target.classes.length < 3) {
    throw invalid(field, `Objective multiclass needs at least 3 classes; ${field} has ${target.classes.length}. Use binary.`);
  }
}

export function checkValidation(train: FeatureMatrix, trainTarget: TrainingTarget, matrix: FeatureMatrix, target: TrainingTarget): void {
  if (matrix.cols !== train.cols) throw invalid('validation', `The validation matrix has ${matrix.cols} columns; the training matrix has ${train.cols}.`);
  if (trainTarget.classes && trainTarget.classes.join('\u0000') !== target.classes?.join('\u0000')) {
    throw invalid('validation', `The validation target's classes (${target.classes?.join(', ')}) differ from the training target's (${trainTarget.classes.join(', ')}).`);
  }
}

export function invalid(field: string, message: string): PitstopError {
  return new PitstopError('VALIDATION_FAILED', message, { field });
}
