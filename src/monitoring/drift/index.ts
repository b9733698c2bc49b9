// Drift statistics for monitoring: mergeable per-window sketches of feature values, and the statistics and report
// that compare a current window with the reference (a model package's profile, or a reference window).
export { createNumericBinning, numericBinning, NUMERIC_INTERVALS, QUANTILE_SAMPLE, type NumericBinning } from './numeric-binning.js';
export { profileCdf, cdfAt, quantileAt, type ProfileCdf } from './profile-cdf.js';
export { createCategoricalBinning, MAX_CATEGORIES, type CategoricalBinning } from './categorical-binning.js';
export type { NumericSketch } from './numeric-sketch.js';
export type { CategoricalSketch } from './categorical-sketch.js';
export { newSketch, addValues, mergeSketches, binningOf, sketchOfProfile, referenceSketches, type FeatureBinning, type FeatureSketch } from './feature-sketch.js';
export { numericDriftStatistics, binnedKsStatistic, binnedWasserstein, type NumericDriftStatistics, type Pair } from './numeric-drift-statistics.js';
export { categoricalDriftStatistics, categoryBuckets, type CategoricalDriftStatistics } from './categorical-drift-statistics.js';
export { distributionSummary, sketchCdf, CHART_BINS, CHART_CATEGORIES, type DistributionSummary, type NumericDistribution, type CategoricalDistribution } from './distribution-summary.js';
export {
  driftReport,
  predictionDrift,
  DEFAULT_THRESHOLDS,
  PSI_WARNING,
  SMALL_SAMPLE_ROWS,
  DATASET_DRIFT_SHARE,
  type DriftMethod,
  type MethodChoice,
  type DriftOptions,
  type PredictionDriftOptions,
  type FeatureDrift,
  type DriftReport,
} from './drift-report.js';
export { populationStabilityIndex, PSI_EPSILON } from './population-stability-index.js';
export { jensenShannonDistance } from './jensen-shannon-distance.js';
export { ksPValue, kolmogorovSurvival } from './kolmogorov-smirnov.js';
export { chiSquareSurvival, chiSquareTest, type ChiSquareTest } from './chi-square.js';
export { quantileGroups, QUANTILE_GROUPS } from './quantile-groups.js';
