// The reference data profile: the per-feature baseline that drift is later measured against.
export {
  ReferenceProfileSchema,
  FeatureProfileSchema,
  NumericFeatureProfileSchema,
  CategoricalFeatureProfileSchema,
  QUANTILE_COUNT,
  HISTOGRAM_BINS,
  TOP_CATEGORIES,
  type ReferenceProfile,
  type FeatureProfile,
  type NumericFeatureProfile,
  type CategoricalFeatureProfile,
} from './reference-profile-schema.js';
export { computeReferenceProfile, type ProfiledFeature } from './compute-reference-profile.js';
