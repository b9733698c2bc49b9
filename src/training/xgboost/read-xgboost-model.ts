// Reads a model saved by XGBoost's `save_model` (JSON or UBJSON, XGBoost 1.0 and later) into plain data, refusing what
// the import cannot reproduce exactly, with the reason.
import { PitstopError } from '../../errors/index.js';
import { decodeUbjson, type UbjsonValue } from './decode-ubjson.js';

/** One tree as XGBoost stores it: parallel arrays indexed by node id, the root at 0, a leaf where left is -1. */
export interface XgboostTree {
  readonly left: readonly number[];
  readonly right: readonly number[];
  readonly feature: readonly number[];
  /** A split's threshold (a row goes left when x < it), or a leaf's value, learning rate included. */
  readonly condition: readonly number[];
  readonly defaultLeft: readonly boolean[];
  /** sum_hessian: what TreeSHAP takes as the node's cover, as XGBoost's own pred_contribs does. */
  readonly cover: readonly number[];
}

export interface XgboostModel {
  /** "1.7.4" */
  readonly version: string;
  readonly objective: string;
  /** base_score as saved: a probability for binary:logistic, a raw score otherwise. */
  readonly baseScore: number;
  /** 0 for regression and binary. */
  readonly numClass: number;
  readonly numFeature: number;
  /** As the model saved them (a pandas DataFrame's columns), or empty. */
  readonly featureNames: readonly string[];
  /** scikit-learn's classes_, when the model came from XGBClassifier. */
  readonly classes: readonly string[] | null;
  readonly trees: readonly XgboostTree[];
  /** The score column (class) of each tree. */
  readonly treeInfo: readonly number[];
  /** dart's weight per tree; null for gbtree. */
  readonly weightDrop: readonly number[] | null;
}

type Json = UbjsonValue;

/** JSON first, then UBJSON (both start with "{"); MODEL_IMPORT_INVALID or MODEL_IMPORT_UNSUPPORTED names what is wrong. */
export function readXgboostModel(bytes: Uint8Array): XgboostModel {
  return xgboostModelOf(parseDocument(bytes));
}

// XGBoost writes NaN and Infinity as bare words, which JSON has not: outside strings they become strings (read back as
// numbers by `numbers`). A categorical split, for one, stores NaN as its threshold.
const NON_FINITE = /"(?:[^"\\]|\\.)*"|-?Infinity|NaN/g;
const NON_FINITE_TEXTS: Readonly<Record<string, number>> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };

function parseDocument(bytes: Uint8Array): Json {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return JSON.parse(text.replace(NON_FINITE, (token) => (token.startsWith('"') ? token : `"${token}"`))) as Json;
  } catch {
    try {
      return decodeUbjson(bytes);
    } catch (error) {
      throw new PitstopError('MODEL_IMPORT_INVALID', `the file is neither XGBoost JSON nor UBJSON (${(error as Error).message})`, { cause: error });
    }
  }
}

function xgboostModelOf(document: Json): XgboostModel {
  const version = (get(document, 'version', 'array') as number[]).join('.');
  const learner = get(document, 'learner', 'object');
  const params = get(learner, 'learner_model_param', 'object');
  const objective = get(get(learner, 'objective', 'object'), 'name', 'string') as string;
  const booster = get(learner, 'gradient_booster', 'object');
  const boosterName = get(booster, 'name', 'string') as string;
  if (boosterName !== 'gbtree' && boosterName !== 'dart') {
    throw unsupported(`the booster is ${boosterName}; Pitstop imports tree boosters (gbtree, dart), not linear ones`);
  }
  const model = get(boosterName === 'dart' ? get(booster, 'gbtree', 'object') : booster, 'model', 'object');
  const numTarget = Number(optional(params, 'num_target') ?? 1);
  if (numTarget > 1) throw unsupported(`the model predicts ${numTarget} targets; Pitstop imports single-target models`);
  const featureNames = (optional(learner, 'feature_names') as string[] | undefined) ?? [];
  const trees = (get(model, 'trees', 'array') as Json[]).map((tree, index) => readTree(tree, index, featureNames));
  const treeInfo = numbers(get(model, 'tree_info', 'array'), 'tree_info');
  if (treeInfo.length !== trees.length) throw invalid(`tree_info lists ${treeInfo.length} trees but the model has ${trees.length}`);
  const weightDrop = boosterName === 'dart' ? numbers(get(booster, 'weight_drop', 'array'), 'weight_drop') : null;
  if (weightDrop && weightDrop.length !== trees.length) throw invalid(`weight_drop has ${weightDrop.length} weights for ${trees.length} trees`);
  return {
    version,
    objective,
    baseScore: Number(String(get(params, 'base_score', 'string')).replace(/^\[|\]$/g, '')),
    numClass: Number(get(params, 'num_class', 'string')),
    numFeature: Number(get(params, 'num_feature', 'string')),
    featureNames,
    classes: scikitLearnClasses(learner),
    trees,
    treeInfo,
    weightDrop,
  };
}

function readTree(tree: Json, index: number, featureNames: readonly string[]): XgboostTree {
  const splitTypes = numbers(optional(tree, 'split_type') ?? [], 'split_type');
  const categorical = splitTypes.findIndex((type) => type !== 0);
  if (categorical >= 0) {
    const feature = numbers(get(tree, 'split_indices', 'array'), 'split_indices')[categorical]!;
    const name = featureNames[feature] === undefined ? `feature ${feature}` : `feature "${featureNames[feature]}"`;
    throw unsupported(`tree ${index} splits ${name} by categories (enable_categorical); Pitstop imports numeric splits only: one-hot encode the categories and retrain`);
  }
  const left = numbers(get(tree, 'left_children', 'array'), 'left_children');
  const read = (key: string) => {
    const values = numbers(get(tree, key, 'array'), key);
    if (values.length !== left.length) throw invalid(`tree ${index} has ${left.length} nodes but ${values.length} ${key}`);
    return values;
  };
  return {
    left,
    right: read('right_children'),
    feature: read('split_indices'),
    condition: read('split_conditions'),
    defaultLeft: read('default_left').map((flag) => flag !== 0),
    cover: read('sum_hessian'),
  };
}

/** XGBClassifier keeps scikit-learn's classes_ in the model's attributes as a JSON text. */
function scikitLearnClasses(learner: Json): string[] | null {
  const text = optional(optional(learner, 'attributes') ?? {}, 'scikit_learn');
  if (typeof text !== 'string') return null;
  try {
    const classes = (JSON.parse(text) as { classes_?: unknown }).classes_;
    return Array.isArray(classes) ? classes.map(String) : null;
  } catch {
    return null;
  }
}

function get(value: Json, key: string, kind: 'object' | 'array' | 'string'): Json {
  const found = optional(value, key);
  const ok = kind === 'array' ? Array.isArray(found) : kind === 'object' ? isObject(found) : typeof found === 'string';
  if (!ok) throw invalid(`it has no ${kind} "${key}" where XGBoost writes one`);
  return found!;
}

function optional(value: Json, key: string): Json | undefined {
  return isObject(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Numbers of an array, JSON or UBJSON alike (UBJSON's typed arrays decode to numbers too). */
function numbers(value: Json, key: string): number[] {
  const items = Array.isArray(value) ? value.map((item) => (typeof item === 'string' && Object.hasOwn(NON_FINITE_TEXTS, item) ? NON_FINITE_TEXTS[item]! : item)) : null;
  if (!items || !items.every((item) => typeof item === 'number')) throw invalid(`"${key}" is not an array of numbers`);
  return items as number[];
}

function invalid(problem: string): PitstopError {
  return new PitstopError('MODEL_IMPORT_INVALID', `not an XGBoost model as save_model writes it: ${problem}`);
}

function unsupported(problem: string): PitstopError {
  return new PitstopError('MODEL_IMPORT_UNSUPPORTED', problem);
}
