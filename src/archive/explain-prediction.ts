// Explains one prediction of a package per input feature: exactly through the model's linear or tree-ensemble head when
// it has one (behind Pitstop's feature pipeline or reading the features directly), else by sampling the whole model.
import { PitstopError } from '../errors/index.js';
import { describeContributions, type Explanation, type ExplanationMethod } from '../explain/index.js';
import { datetimeEpochSeconds, type Feature } from '../manifest/index.js';
import type { LoadedPackage } from '../package/index.js';
import { ModelSession, type FeatureRecord, type Prediction } from '../runtime/index.js';
import { backgroundFor, type Background } from './explain-background.js';
import { explainExactly } from './explain-exactly.js';
import { exactHeadOf } from './explain-head.js';
import { explainedTarget, type ExplainedTarget } from './explain-target.js';
import { explainWholeModel } from './explain-whole-model.js';

/** Background records drawn for sampling: each costs one model run per sampled pair, so few. */
export const SAMPLING_BACKGROUND_ROWS = 64;
/** Exact methods only take column means or tree covers from the background, so more rows cost little and steady them. */
export const EXACT_BACKGROUND_ROWS = 512;

export interface ExplainPredictionOptions {
  /** 'auto' (default): exact when the model's head allows it, else sampling. 'sampling': always sample the whole model. */
  readonly method?: 'auto' | 'sampling';
  /** What "feature unknown" means; default: records drawn from the package's reference profile. */
  readonly background?: readonly Record<string, unknown>[];
  /** Permutation pairs for sampling; default 128. */
  readonly pairs?: number;
  /** Seeds the background draws and the sampling; default 1. */
  readonly seed?: number;
  /** Features that get a sentence of their own; default 5. */
  readonly top?: number;
  /** A loaded session of the package's model to reuse; without one, a session is loaded and released. */
  readonly session?: ModelSession;
}

export interface PredictionContribution {
  readonly feature: string;
  /** The value as the caller sent it (null when absent). */
  readonly value: number | string | boolean | null;
  readonly contribution: number;
  /** Sampling only: the estimate's standard error. */
  readonly standardError?: number;
}

export interface PredictionExplanation {
  readonly method: ExplanationMethod;
  /** What the numbers are about, e.g. "predicted value of mpg" or "probability of class 'Adelie'". */
  readonly quantity: string;
  /** The quantity when every feature is unknown: its mean over the background. */
  readonly baseline: number;
  /** The quantity for this record: baseline + the contributions (up to additivityGap). */
  readonly output: number;
  /** One per manifest feature, in manifest order. */
  readonly contributions: PredictionContribution[];
  readonly additivityGap: number;
  /** The model input columns the explainer worked on, summed into the features (one-hot columns, date parts). */
  readonly columns: number;
  readonly background: { readonly source: Background['source'] | 'none'; readonly records: number };
  /** What the model answered for the record. */
  readonly prediction: Prediction;
  /** Set when 'auto' could not explain exactly and sampled instead: why. */
  readonly exactUnavailable?: string;
  readonly elapsedMs: number;
  /** Plain sentences, biggest effects first. */
  readonly sentences: string[];
}

interface Explained {
  readonly explanation: Explanation;
  readonly quantity: string;
  readonly outputName: string;
  readonly columns: number;
  readonly background: Background | null;
}

/**
 * `input` is one record as the model takes it (validated, as the prediction log keeps it). Throws ONNX_UNSUPPORTED when
 * the model has no output to explain, VALIDATION_FAILED when sampling has no background (no reference profile).
 */
export async function explainPrediction(pkg: LoadedPackage, input: Record<string, unknown>, options: ExplainPredictionOptions = {}): Promise<PredictionExplanation> {
  const started = performance.now();
  const method = options.method ?? 'auto';
  if (method !== 'auto' && method !== 'sampling') {
    throw new PitstopError('VALIDATION_FAILED', `method must be auto or sampling, not "${String(method)}"`, { field: 'method' });
  }
  const record = input as FeatureRecord;
  const session = options.session ?? (await ModelSession.load(pkg.modelBytes(), pkg.manifest));
  try {
    const [prediction] = await session.predict([record]);
    const target = explainedTarget(pkg.manifest, prediction!);
    const seed = options.seed ?? 1;
    const exact = method === 'auto' ? explainExactlyIfPossible(pkg, record, prediction!, target, options, seed) : null;
    const explained = exact && 'explanation' in exact ? exact : await explainBySampling(pkg, session, record, target, options, seed);
    const features = pkg.manifest.features;
    const explanation = withFeatureValues(explained.explanation, features, record);
    return {
      method: explanation.method,
      quantity: explained.quantity,
      baseline: explanation.baseline,
      output: explanation.output,
      contributions: explanation.contributions.map((item) => ({
        feature: item.name,
        value: sentValue(record[item.name]),
        contribution: item.contribution,
        ...(item.standardError !== undefined ? { standardError: item.standardError } : {}),
      })),
      additivityGap: explanation.additivityGap,
      columns: explained.columns,
      background: { source: explained.background?.source ?? 'none', records: explained.background?.records.length ?? 0 },
      prediction: prediction!,
      ...(exact && 'reason' in exact ? { exactUnavailable: exact.reason } : {}),
      elapsedMs: performance.now() - started,
      sentences: describeContributions(explanation, { top: options.top ?? 5, outputName: explained.outputName }),
    };
  } finally {
    if (!options.session) await session.release();
  }
}

function explainExactlyIfPossible(
  pkg: LoadedPackage,
  record: FeatureRecord,
  prediction: Prediction,
  target: ExplainedTarget,
  options: ExplainPredictionOptions,
  seed: number,
): Explained | { reason: string } {
  const head = exactHeadOf(pkg);
  if ('reason' in head) return head;
  try {
    const background = backgroundFor(pkg, record, options.background, EXACT_BACKGROUND_ROWS, seed);
    const exact = explainExactly(head, pkg.manifest.features.length, record, prediction, target, background?.records ?? null);
    return 'reason' in exact ? exact : { ...exact, columns: head.columnNames.length, background };
  } catch (error) {
    // A record or background the head cannot take (or a tree ensemble without covers): the sampler may still manage.
    if (error instanceof PitstopError) return { reason: error.message };
    throw error;
  }
}

async function explainBySampling(
  pkg: LoadedPackage,
  session: ModelSession,
  record: FeatureRecord,
  target: ExplainedTarget,
  options: ExplainPredictionOptions,
  seed: number,
): Promise<Explained> {
  const background = backgroundFor(pkg, record, options.background, SAMPLING_BACKGROUND_ROWS, seed);
  if (!background) {
    throw new PitstopError('VALIDATION_FAILED', `${pkg.manifest.name} ${pkg.manifest.version} has no reference profile to draw background records from; give background records to explain it`, { field: 'background' });
  }
  const pairs = options.pairs;
  const explanation = await explainWholeModel(session, pkg.manifest.features, record, background.records, target.read, {
    seed,
    ...(pairs !== undefined ? { pairs } : {}),
  });
  const quantity = target.kind === 'value' ? target.name : `probability of class '${target.classes[target.index]}'`;
  return { explanation, quantity, outputName: quantity, columns: pkg.manifest.features.length, background };
}

/** Names each contribution after its feature and gives it the record's value, written as people sent it. */
function withFeatureValues(explanation: Explanation, features: readonly Feature[], record: FeatureRecord): Explanation {
  const contributions = explanation.contributions.map((item, index) => {
    const feature = features[index]!;
    const { standardError } = item;
    return { index, name: feature.name, ...shownValue(feature, record[feature.name]), contribution: item.contribution, ...(standardError !== undefined ? { standardError } : {}) };
  });
  return { ...explanation, contributions };
}

/** A number as itself; a category, boolean or date as its text (value NaN); an absent value as missing. */
function shownValue(feature: Feature, value: FeatureRecord[string]): { value: number; display?: string } {
  if (value === null || value === undefined || value === '') return { value: Number.NaN };
  if (typeof value === 'boolean') return { value: value ? 1 : 0, display: String(value) };
  if (feature.type === 'datetime') {
    const seconds = datetimeEpochSeconds(value);
    return { value: Number.NaN, display: typeof value === 'string' || seconds === null ? String(value) : new Date(value).toISOString() };
  }
  if (typeof value === 'number') return { value };
  return { value: Number.NaN, display: value };
}

function sentValue(value: FeatureRecord[string]): PredictionContribution['value'] {
  return value === undefined ? null : value;
}
