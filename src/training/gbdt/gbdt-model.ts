// A trained gradient-boosted tree ensemble as plain data: what predictGbdt evaluates and emitGbdtOnnx writes out.
import type { GbdtObjective, GbdtParams } from './gbdt-params.js';

/**
 * An internal node sends a row left when `value <= threshold` (ONNX BRANCH_LEQ) and a missing value to the side it
 * learned in training. Thresholds and leaf values are float32 numbers, exactly what the ONNX model stores.
 */
export type GbdtNode =
  | { readonly kind: 'split'; readonly feature: number; readonly threshold: number; readonly missingGoesLeft: boolean; readonly left: number; readonly right: number; readonly cover?: number }
  | { readonly kind: 'leaf'; readonly value: number; readonly cover?: number };

/**
 * `nodes[0]` is the root. Leaf values already include the learning rate. `cover` (an imported model's training
 * weight through each node) is written as ONNX nodes_hitrates, which TreeSHAP takes as covers.
 */
export interface GbdtTree {
  readonly nodes: readonly GbdtNode[];
}

export interface GbdtRoundLoss {
  /** 1-based: the loss after this many rounds. */
  readonly round: number;
  /** RMSE for regression, mean log loss for classification. */
  readonly trainLoss: number;
  readonly validationLoss: number | null;
}

export interface GbdtModel {
  readonly objective: GbdtObjective;
  /** The class names, in score order; null for regression. */
  readonly classes: string[] | null;
  /** Raw score before any tree, one per score column (one for regression and binary, K for multiclass). */
  readonly baseScores: number[];
  /** Round-major: round r's tree for score column k is at r * nTreesPerRound + k. Only the rounds up to bestRound. */
  readonly trees: GbdtTree[];
  readonly nTreesPerRound: number;
  readonly featureNames: string[];
  /** The number of rounds the model keeps: the best validation round under early stopping, else every round. */
  readonly bestRound: number;
  /** Every round trained, including those after bestRound that early stopping discarded. */
  readonly history: GbdtRoundLoss[];
  readonly params: GbdtParams;
}

/** What predicting and exporting read of a model: the ensemble, without the training history. */
export type GbdtEnsemble = Pick<GbdtModel, 'objective' | 'classes' | 'baseScores' | 'trees' | 'nTreesPerRound' | 'featureNames' | 'bestRound'>;

/** The trees that make the prediction: those of the first bestRound rounds. */
export function keptTrees(model: GbdtEnsemble): GbdtTree[] {
  return model.trees.slice(0, model.bestRound * model.nTreesPerRound);
}

