// Completes one feature's configured steps with the defaults for its type, refusing steps that do not apply to it.
import { PitstopError } from '../../errors/index.js';
import type { Feature } from '../../manifest/index.js';
import {
  DEFAULT_DATE_PARTS,
  DEFAULT_MAX_CATEGORIES,
  type DatePart,
  type FeatureStepsConfig,
  type ImputeConfig,
} from './feature-pipeline-config.js';

export type ResolvedSteps =
  | {
      readonly kind: 'numeric';
      readonly name: string;
      readonly type: 'number' | 'integer' | 'boolean';
      readonly impute: ImputeConfig;
      readonly clip: { readonly min?: number | undefined; readonly max?: number | undefined } | null;
      readonly log: boolean;
      readonly scale: 'standard' | 'minmax' | null;
    }
  | {
      readonly kind: 'categorical';
      readonly name: string;
      readonly type: 'category' | 'string';
      readonly impute: ImputeConfig;
      readonly encode: 'onehot' | 'ordinal';
      readonly maxCategories: number;
    }
  | {
      readonly kind: 'datetime';
      readonly name: string;
      readonly impute: ImputeConfig;
      readonly parts: readonly DatePart[];
      readonly scale: 'standard' | 'minmax' | null;
    };

type Step = keyof FeatureStepsConfig;

const STEPS_BY_TYPE: Record<Feature['type'], readonly Step[]> = {
  number: ['impute', 'clip', 'log', 'scale'],
  integer: ['impute', 'clip', 'log', 'scale'],
  boolean: ['impute', 'scale'],
  category: ['impute', 'encode', 'maxCategories'],
  string: ['impute', 'encode', 'maxCategories'],
  datetime: ['impute', 'dateParts', 'scale'],
};

const IMPUTE_STRATEGIES_BY_TYPE: Record<Feature['type'], readonly string[]> = {
  number: ['mean', 'median', 'most-frequent'],
  integer: ['mean', 'median', 'most-frequent'],
  boolean: ['most-frequent'],
  category: ['most-frequent'],
  string: ['most-frequent'],
  datetime: ['mean', 'median', 'most-frequent'],
};

/**
 * Defaults: numbers are median-imputed and standard-scaled; booleans are 0/1 with the most frequent for a missing one;
 * categories and text are one-hot encoded (at most 100 categories), missing ones going to the unknown column;
 * datetimes become year, month, dayofweek and hour, with the median time for a missing one.
 */
export function resolveFeatureSteps(feature: Feature, config: FeatureStepsConfig = {}): ResolvedSteps {
  const allowed = STEPS_BY_TYPE[feature.type];
  for (const step of Object.keys(config) as Step[]) {
    if (config[step] !== undefined && !allowed.includes(step)) {
      throw new PitstopError('VALIDATION_FAILED', `feature "${feature.name}" is of type ${feature.type}, which takes ${allowed.join(', ')}, not ${step}`, {
        field: `features.${feature.name}.${step}`,
      });
    }
  }
  const impute = checkedImpute(feature, config.impute);
  const { name, type } = feature;
  if (type === 'number' || type === 'integer') {
    return { kind: 'numeric', name, type, impute: impute === undefined ? 'median' : impute, clip: config.clip ?? null, log: config.log ?? false, scale: config.scale === undefined ? 'standard' : config.scale };
  }
  if (type === 'boolean') return { kind: 'numeric', name, type, impute: impute === undefined ? 'most-frequent' : impute, clip: null, log: false, scale: config.scale ?? null };
  if (type === 'datetime') return { kind: 'datetime', name, impute: impute === undefined ? 'median' : impute, parts: config.dateParts ?? DEFAULT_DATE_PARTS, scale: config.scale ?? null };
  return { kind: 'categorical', name, type, impute: impute ?? null, encode: config.encode ?? 'onehot', maxCategories: config.maxCategories ?? DEFAULT_MAX_CATEGORIES };
}

function checkedImpute(feature: Feature, impute: ImputeConfig | undefined): ImputeConfig | undefined {
  if (impute === undefined || impute === null) return impute;
  const field = `features.${feature.name}.impute`;
  if (typeof impute === 'string') {
    const strategies = IMPUTE_STRATEGIES_BY_TYPE[feature.type];
    if (!strategies.includes(impute)) {
      throw new PitstopError('VALIDATION_FAILED', `feature "${feature.name}" is of type ${feature.type}; it is imputed by ${strategies.join(', ')} or a constant, not ${impute}`, { field });
    }
    return impute;
  }
  const { constant } = impute;
  const fits =
    feature.type === 'number' || feature.type === 'integer'
      ? typeof constant === 'number'
      : feature.type === 'boolean'
        ? typeof constant === 'boolean' || constant === 0 || constant === 1
        : feature.type === 'datetime'
          ? typeof constant === 'string'
          : true;
  if (!fits) {
    const wanted = { number: 'a number', integer: 'a number', boolean: 'true, false, 0 or 1', datetime: 'ISO-8601 text', category: '', string: '' }[feature.type];
    throw new PitstopError('VALIDATION_FAILED', `feature "${feature.name}" is of type ${feature.type}; its constant must be ${wanted}, not ${JSON.stringify(constant)}`, { field: `${field}.constant` });
  }
  return impute;
}
