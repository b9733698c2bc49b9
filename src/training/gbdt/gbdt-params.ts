// The knobs of the gradient-boosted tree trainer, their defaults, and the one place that checks them.
import { PitstopError } from '../../errors/index.js';

export type GbdtObjective = 'regression' | 'binary' | 'multiclass';

export interface GbdtParams {
  objective: GbdtObjective;
  /** Boosting rounds (one tree per round, or one per class per round for multiclass). */
  nTrees: number;
  maxDepth: number;
  learningRate: number;
  /** Fewest training rows a leaf may hold. */
  minLeaf: number;
  /** L2 penalty on leaf weights. */
  lambda: number;
  /** Smallest loss reduction a split must bring. */
  minGain: number;
  /** Fraction of rows each tree sees. */
  subsample: number;
  /** Fraction of columns each tree may split on. */
  colsample: number;
  /** Quantile bins per feature (missing values get a bin of their own on top). */
  maxBins: number;
  /** Stop when the validation loss has not improved for this many rounds; null trains all nTrees. */
  earlyStoppingRounds: number | null;
  seed: number;
}

export const DEFAULT_GBDT_PARAMS: Readonly<Omit<GbdtParams, 'objective'>> = Object.freeze({
  nTrees: 100,
  maxDepth: 6,
  learningRate: 0.1,
  minLeaf: 20,
  lambda: 1,
  minGain: 0,
  subsample: 1,
  colsample: 1,
  maxBins: 255,
  earlyStoppingRounds: null,
  seed: 0,
});

const OBJECTIVES: readonly GbdtObjective[] = ['regression', 'binary', 'multiclass'];

type Check = (value: number) => string | undefined;
const integerAtLeast = (min: number): Check => (v) => (Number.isInteger(v) && v >= min ? undefined : `must be an integer ≥ ${min}`);
const integerBetween = (min: number, max: number): Check => (v) =>
  Number.isInteger(v) && v >= min && v <= max ? undefined : `must be an integer from ${min} to ${max}`;
const fractionAbove0: Check = (v) => (v > 0 && v <= 1 ? undefined : 'must be in (0, 1]');
const nonNegative: Check = (v) => (Number.isFinite(v) && v >= 0 ? undefined : 'must be a finite number ≥ 0');

// Depth is capped because a histogram is kept per open node on the path and leaves beyond ~2^20 are never useful.
const CHECKS: Record<Exclude<keyof GbdtParams, 'objective' | 'earlyStoppingRounds'>, Check> = {
  nTrees: integerAtLeast(1),
  maxDepth: integerBetween(1, 20),
  learningRate: fractionAbove0,
  minLeaf: integerAtLeast(1),
  lambda: nonNegative,
  minGain: nonNegative,
  subsample: fractionAbove0,
  colsample: fractionAbove0,
  // 255 value bins plus the missing bin is what a byte can number.
  maxBins: integerBetween(2, 255),
  seed: (v) => (Number.isSafeInteger(v) ? undefined : 'must be an integer'),
};

/**
 * Fills in defaults and checks every value, so a typo or an out-of-range value fails before training starts.
 * Accepts untyped records (from a config file or the CLI): unknown keys are refused, naming the known ones.
 */
export function resolveGbdtParams(
  objective: GbdtObjective,
  partial: Partial<GbdtParams> | Record<string, unknown> = {},
): GbdtParams {
  if (!OBJECTIVES.includes(objective)) {
    throw invalidParam('objective', `objective must be one of ${OBJECTIVES.join(', ')}; got ${String(objective)}.`);
  }
  const given = partial as Record<string, unknown>;
  const known = new Set<string>(['objective', 'earlyStoppingRounds', ...Object.keys(CHECKS)]);
  for (const key of Object.keys(given)) {
    if (!known.has(key)) throw invalidParam(key, `Unknown GBDT parameter '${key}'; known: ${[...known].join(', ')}.`);
  }
  if (given.objective !== undefined && given.objective !== objective) {
    throw invalidParam('objective', `objective is '${objective}' but the parameters say '${String(given.objective)}'.`);
  }
  const params: GbdtParams = { ...DEFAULT_GBDT_PARAMS, objective };
  for (const [name, check] of Object.entries(CHECKS) as [keyof typeof CHECKS, Check][]) {
    const value = given[name];
    if (value === undefined) continue;
    const problem = typeof value === 'number' ? check(value) : 'must be a number';
    if (problem) throw invalidParam(name, `GBDT parameter ${name} ${problem}; got ${JSON.stringify(value)}.`);
    params[name] = value as number;
  }
  const patience = given.earlyStoppingRounds;
  if (patience !== undefined && patience !== null) {
    const problem = typeof patience === 'number' ? integerAtLeast(1)(patience) : 'must be a number or null';
    if (problem) throw invalidParam('earlyStoppingRounds', `GBDT parameter earlyStoppingRounds ${problem}; got ${JSON.stringify(patience)}.`);
    params.earlyStoppingRounds = patience as number;
  }
  return params;
}

function invalidParam(field: string, message: string): PitstopError {
  return new PitstopError('VALIDATION_FAILED', message, { field });
}
