// Which features drifted between a reference and a current window, decided from sketches by effect size on large
// windows and by Bonferroni-corrected tests on small ones, and whether enough drifted to call the dataset drifted.
import { PitstopError } from '../../errors/index.js';
import { categoricalDriftStatistics, type CategoricalDriftStatistics } from './categorical-drift-statistics.js';
import { categoricalDistribution, numericDistribution, type CategoricalDistribution, type NumericDistribution } from './distribution-summary.js';
import type { FeatureSketch } from './feature-sketch.js';
import { numericDriftStatistics, type NumericDriftStatistics, type Pair } from './numeric-drift-statistics.js';
import { sameEdges } from './numeric-sketch.js';

export type DriftMethod = 'psi' | 'ks' | 'wasserstein' | 'js' | 'chi2';

export interface MethodChoice {
  readonly method: DriftMethod;
  /** For psi, wasserstein and js, the statistic at which a feature has drifted; for ks and chi2, the family's alpha. */
  readonly threshold?: number;
}

export interface DriftOptions {
  /** A method (and threshold) per feature, over the automatic choice. */
  readonly methods?: Readonly<Record<string, MethodChoice>>;
  /** A method for every numeric (categorical) feature without one of its own, over the automatic choice. */
  readonly numericMethod?: MethodChoice;
  readonly categoricalMethod?: MethodChoice;
  /** Significance level of the p-value tests, shared by all features the report tests (Bonferroni): 0.05. */
  readonly alpha?: number;
  /** Below this many current values a feature is judged by a test's p-value, from it up by effect size: 1000. */
  readonly smallSampleRows?: number;
  /** The dataset has drifted when at least this share of the measured features has: 0.5. */
  readonly datasetDriftShare?: number;
}

/** Effect-size levels: PSI 0.25 (0.1 only warns), a tenth of a standard deviation, JS distance 0.1; alpha for tests. */
export const DEFAULT_THRESHOLDS: Readonly<Record<DriftMethod, number>> = { psi: 0.25, wasserstein: 0.1, js: 0.1, ks: 0.05, chi2: 0.05 };
export const PSI_WARNING = 0.1;
export const SMALL_SAMPLE_ROWS = 1000;
export const DATASET_DRIFT_SHARE = 0.5;

const METHODS_BY_KIND = { numeric: ['wasserstein', 'psi', 'js', 'ks'], categorical: ['js', 'psi', 'chi2'] } as const;
const P_VALUE_METHODS: ReadonlySet<DriftMethod> = new Set(['ks', 'chi2']);

interface FeatureDriftCommon {
  readonly feature: string;
  readonly method: DriftMethod;
  /** ks: D; chi2: Pearson's statistic; psi and js: themselves; wasserstein: the normalised distance. */
  readonly statistic: number;
  /** For ks and chi2 the p-value below which the feature has drifted: alpha ÷ the number of features tested. */
  readonly threshold: number;
  readonly drifted: boolean;
  readonly pValue?: number;
  /**
   * PSI ≥ 0.1, whatever decided `drifted`: worth a look. Only where PSI means something: in windows large enough
   * for effect sizes, or when PSI is the method (on a few hundred values it is mostly noise).
   */
  readonly warning: boolean;
  /** Rows seen (values and missing ones) in each sample. */
  readonly rows: Pair;
  /** Why there are no statistics: one side has no values. */
  readonly skipped?: 'no reference values' | 'no current values';
}

export type FeatureDrift =
  | (FeatureDriftCommon & { readonly kind: 'numeric'; readonly stats: NumericDriftStatistics | null; readonly distribution: NumericDistribution | null })
  | (FeatureDriftCommon & { readonly kind: 'categorical'; readonly stats: CategoricalDriftStatistics | null; readonly distribution: CategoricalDistribution | null });

export interface DriftReport {
  readonly features: FeatureDrift[];
  /** Features with statistics (not skipped), and how many of them drifted. */
  readonly measuredFeatures: number;
  readonly driftedFeatures: number;
  readonly driftedShare: number;
  readonly datasetDriftShare: number;
  readonly datasetDrifted: boolean;
}

/**
 * Compares every feature of `reference` with its sketch in `current`: a feature absent there counts as having no
 * values (skipped), one only in `current` is ignored. Pure: the same sketches and options give the same report.
 */
export function driftReport(reference: Readonly<Record<string, FeatureSketch>>, current: Readonly<Record<string, FeatureSketch>>, options: DriftOptions = {}): DriftReport {
  const settings = settingsOf(options);
  const measured = Object.keys(reference).map((feature) => measure(feature, reference[feature]!, Object.hasOwn(current, feature) ? current[feature] : undefined));
  const chosen = measured.map((m) => ({ m, choice: chooseMethod(m, options, settings) }));
  const tested = chosen.filter(({ m, choice }) => m.skipped === undefined && P_VALUE_METHODS.has(choice.method)).length;
  const features = chosen.map(({ m, choice }) => decide(m, choice, tested, settings));
  const measuredFeatures = features.filter((f) => f.skipped === undefined).length;
  const driftedFeatures = features.filter((f) => f.drifted).length;
  const driftedShare = measuredFeatures === 0 ? 0 : driftedFeatures / measuredFeatures;
  return { features, measuredFeatures, driftedFeatures, driftedShare, datasetDriftShare: settings.datasetDriftShare, datasetDrifted: measuredFeatures > 0 && driftedShare >= settings.datasetDriftShare };
}

export interface PredictionDriftOptions {
  /** How the output is named in the result: "prediction". */
  readonly name?: string;
  readonly method?: MethodChoice;
  readonly alpha?: number;
  readonly smallSampleRows?: number;
}

/** Drift of the model's output (a numeric score, or a label sketched as categorical): one feature's drift, tested alone. */
export function predictionDrift(reference: FeatureSketch, current: FeatureSketch, options: PredictionDriftOptions = {}): FeatureDrift {
  const name = options.name ?? 'prediction';
  const report = driftReport(
    Object.fromEntries([[name, reference]]),
    Object.fromEntries([[name, current]]),
    { alpha: options.alpha, smallSampleRows: options.smallSampleRows, methods: options.method ? Object.fromEntries([[name, options.method]]) : undefined },
  );
  return report.features[0]!;
}

interface Settings {
  readonly alpha: number;
  readonly smallSampleRows: number;
  readonly datasetDriftShare: number;
}

function settingsOf(options: DriftOptions): Settings {
  const alpha = options.alpha ?? DEFAULT_THRESHOLDS.ks;
  const smallSampleRows = options.smallSampleRows ?? SMALL_SAMPLE_ROWS;
  const datasetDriftShare = options.datasetDriftShare ?? DATASET_DRIFT_SHARE;
  if (!(alpha > 0 && alpha < 1)) throw new PitstopError('VALIDATION_FAILED', `alpha must lie between 0 and 1, not ${alpha}`, { field: 'alpha' });
  if (!(smallSampleRows >= 0)) throw new PitstopError('VALIDATION_FAILED', `smallSampleRows must be ≥ 0, not ${smallSampleRows}`, { field: 'smallSampleRows' });
  if (!(datasetDriftShare > 0 && datasetDriftShare <= 1)) throw new PitstopError('VALIDATION_FAILED', `datasetDriftShare must lie in (0, 1], not ${datasetDriftShare}`, { field: 'datasetDriftShare' });
  return { alpha, smallSampleRows, datasetDriftShare };
}

type Measured =
  | { readonly feature: string; readonly kind: 'numeric'; readonly rows: Pair; readonly currentValues: number; readonly skipped?: FeatureDrift['skipped']; readonly stats: NumericDriftStatistics | null; readonly distribution: NumericDistribution | null }
  | { readonly feature: string; readonly kind: 'categorical'; readonly rows: Pair; readonly currentValues: number; readonly skipped?: FeatureDrift['skipped']; readonly stats: CategoricalDriftStatistics | null; readonly distribution: CategoricalDistribution | null };

function measure(feature: string, reference: FeatureSketch, current: FeatureSketch | undefined): Measured {
  if (current !== undefined && current.kind !== reference.kind) {
    throw new PitstopError('VALIDATION_FAILED', `feature "${feature}" is ${reference.kind} in the reference but ${current.kind} in the current window`, { field: feature });
  }
  if (reference.kind === 'numeric' && current?.kind === 'numeric' && !sameEdges(reference.edges, current.edges)) {
    throw new PitstopError('VALIDATION_FAILED', `feature "${feature}" was sketched over other bin edges than its reference's (start current sketches from binningOf(reference))`, { field: feature });
  }
  const rows = { reference: reference.count + reference.missing, current: current === undefined ? 0 : current.count + current.missing };
  const currentValues = current?.count ?? 0;
  const skipped = reference.count === 0 ? 'no reference values' : currentValues === 0 ? 'no current values' : undefined;
  const base = { feature, rows, currentValues };
  if (reference.kind === 'numeric') {
    const pair = skipped === undefined && current?.kind === 'numeric' ? current : null;
    return pair === null
      ? { ...base, kind: 'numeric', skipped, stats: null, distribution: null }
      : { ...base, kind: 'numeric', stats: numericDriftStatistics(reference, pair), distribution: numericDistribution(reference, pair) };
  }
  const pair = skipped === undefined && current?.kind === 'categorical' ? current : null;
  return pair === null
    ? { ...base, kind: 'categorical', skipped, stats: null, distribution: null }
    : { ...base, kind: 'categorical', stats: categoricalDriftStatistics(reference, pair), distribution: categoricalDistribution(reference, pair) };
}

/** The configured method, else a test for small windows (where effect sizes are noise) and an effect size for large ones (where every test rejects). */
function chooseMethod(measured: Measured, options: DriftOptions, settings: Settings): Required<MethodChoice> {
  const configured = (options.methods && Object.hasOwn(options.methods, measured.feature) ? options.methods[measured.feature] : undefined)
    ?? (measured.kind === 'numeric' ? options.numericMethod : options.categoricalMethod);
  if (configured !== undefined) {
    const allowed: readonly DriftMethod[] = METHODS_BY_KIND[measured.kind];
    if (!allowed.includes(configured.method)) {
      throw new PitstopError('VALIDATION_FAILED', `method "${configured.method}" does not apply to ${measured.kind} feature "${measured.feature}" (use ${allowed.join(', ')})`, { field: measured.feature });
    }
    const threshold = configured.threshold ?? (P_VALUE_METHODS.has(configured.method) ? settings.alpha : DEFAULT_THRESHOLDS[configured.method]);
    if (!(threshold > 0 && Number.isFinite(threshold))) throw new PitstopError('VALIDATION_FAILED', `the threshold of feature "${measured.feature}" must be a positive number, not ${threshold}`, { field: measured.feature });
    return { method: configured.method, threshold };
  }
  const small = measured.currentValues < settings.smallSampleRows;
  if (measured.kind === 'numeric') return small ? { method: 'ks', threshold: settings.alpha } : { method: 'wasserstein', threshold: DEFAULT_THRESHOLDS.wasserstein };
  return small ? { method: 'chi2', threshold: settings.alpha } : { method: 'js', threshold: DEFAULT_THRESHOLDS.js };
}

function decide(measured: Measured, choice: Required<MethodChoice>, tested: number, settings: Settings): FeatureDrift {
  const { feature, rows, skipped } = measured;
  const byPValue = P_VALUE_METHODS.has(choice.method);
  const threshold = byPValue ? choice.threshold / Math.max(tested, 1) : choice.threshold;
  const common = { feature, method: choice.method, threshold, rows };
  if (measured.stats === null) {
    const empty = { ...common, statistic: 0, drifted: false, warning: false, skipped };
    return measured.kind === 'numeric' ? { ...empty, kind: 'numeric', stats: null, distribution: null } : { ...empty, kind: 'categorical', stats: null, distribution: null };
  }
  const { statistic, pValue } = measured.kind === 'numeric' ? numericStatistic(measured.stats, choice.method) : categoricalStatistic(measured.stats, choice.method);
  const drifted = pValue !== undefined ? pValue < threshold : statistic >= threshold;
  const psiMeaningful = choice.method === 'psi' || measured.currentValues >= settings.smallSampleRows;
  const decided = { ...common, statistic, drifted, warning: psiMeaningful && measured.stats.psi >= PSI_WARNING, ...(pValue !== undefined ? { pValue } : {}) };
  return measured.kind === 'numeric'
    ? { ...decided, kind: 'numeric', stats: measured.stats, distribution: measured.distribution }
    : { ...decided, kind: 'categorical', stats: measured.stats, distribution: measured.distribution };
}

function numericStatistic(stats: NumericDriftStatistics, method: DriftMethod): { statistic: number; pValue?: number } {
  if (method === 'ks') return { statistic: stats.ks, pValue: stats.ksPValue };
  if (method === 'psi') return { statistic: stats.psi };
  if (method === 'js') return { statistic: stats.jensenShannon };
  return { statistic: stats.wassersteinNormalised };
}

function categoricalStatistic(stats: CategoricalDriftStatistics, method: DriftMethod): { statistic: number; pValue?: number } {
  if (method === 'chi2') return { statistic: stats.chiSquare, pValue: stats.chiSquarePValue };
  if (method === 'psi') return { statistic: stats.psi };
  return { statistic: stats.jensenShannon };
}
