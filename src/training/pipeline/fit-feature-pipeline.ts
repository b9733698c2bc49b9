// Fits the feature pipeline to training data: the defaults and the user's config, completed with learned constants.
import type { Table } from '../../dataset/index.js';
import { PitstopError } from '../../errors/index.js';
import type { Feature } from '../../manifest/index.js';
import { fitCategoricalStep } from './categorical-step.js';
import { fitDatetimeStep } from './datetime-step.js';
import { FeaturePipelineConfigSchema, type FeaturePipelineConfig } from './feature-pipeline-config.js';
import type { FittedFeaturePipeline, FittedFeatureStep } from './fitted-feature-pipeline.js';
import { fitNumericStep } from './numeric-step.js';
import { categoryInput, datetimeInput, featureColumn, numericInput } from './pipeline-inputs.js';
import { resolveFeatureSteps } from './resolve-feature-steps.js';

/**
 * One step per feature, in the order of `features`. The config may come from JSON: it is checked against
 * FeaturePipelineConfigSchema, and a step that does not suit its feature, or a feature name that is not among
 * `features`, is VALIDATION_FAILED naming the field (`features.island.scale`). Fitting the same data twice gives the
 * same spec.
 */
export function fitFeaturePipeline(table: Table, features: readonly Feature[], config: FeaturePipelineConfig = {}): FittedFeaturePipeline {
  const parsed = FeaturePipelineConfigSchema.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join('.');
    throw new PitstopError('VALIDATION_FAILED', `feature pipeline config: ${field || '(root)'}: ${issue.message}`, { field });
  }
  const names = new Set(features.map((feature) => feature.name));
  for (const name of Object.keys(parsed.data.features)) {
    if (!names.has(name)) throw new PitstopError('VALIDATION_FAILED', `the feature pipeline config names "${name}", which is not a feature (the features: ${[...names].join(', ')})`, { field: `features.${name}` });
  }
  if (features.length === 0) throw new PitstopError('VALIDATION_FAILED', 'a feature pipeline needs at least one feature', { field: 'features' });
  const steps = features.map((feature): FittedFeatureStep => {
    const resolved = resolveFeatureSteps(feature, Object.hasOwn(parsed.data.features, feature.name) ? parsed.data.features[feature.name] : undefined);
    const column = featureColumn(table, feature.name);
    if (resolved.kind === 'numeric') return fitNumericStep(resolved, numericInput(column));
    if (resolved.kind === 'categorical') return fitCategoricalStep(resolved, categoryInput(column));
    return fitDatetimeStep(resolved, datetimeInput(column));
  });
  return { format: 'pitstop.feature-pipeline', version: 1, features: steps };
}
