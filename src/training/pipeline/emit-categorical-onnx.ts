// The graph half of a categorical step (categorical-step.ts is the JS half): LabelEncoder, then OneHotEncoder or Cast.
import { ORDINAL_UNKNOWN_CODE, type CategoricalStep } from './fitted-feature-pipeline.js';
import { ML_DOMAIN, type PipelineGraphScope } from './pipeline-graph-scope.js';

/**
 * Reads the string [N, 1] input named after the feature; returns float32 [N, K + 1] (one-hot, the unknown column last)
 * or [N, 1] (ordinal). A missing value arrives as '': it is a key of its own, coded as the imputed category's code,
 * or as unknown when the step does not impute.
 */
export function emitCategoricalOnnx(scope: PipelineGraphScope, step: CategoricalStep): string {
  const { name, categories } = step;
  const unknown = step.encode === 'onehot' ? categories.length : ORDINAL_UNKNOWN_CODE;
  const imputedCode = step.impute === null ? -1 : categories.indexOf(step.impute);
  const codes = scope.node(
    'LabelEncoder',
    [name],
    name,
    'code',
    {
      keys_strings: [...categories, ''],
      values_int64s: { ints: [...categories.map((_, code) => code), imputedCode === -1 ? unknown : imputedCode] },
      default_int64: { int: unknown },
    },
    ML_DOMAIN,
  );
  if (step.encode === 'ordinal') return scope.node('Cast', [codes], name, 'ordinal', { to: { int: 1 } });
  const cats = Array.from({ length: categories.length + 1 }, (_, code) => code);
  // OneHotEncoder appends a dimension: [N, 1] becomes [N, 1, K + 1].
  const oneHot = scope.node('OneHotEncoder', [codes], name, 'one-hot-3d', { cats_int64s: { ints: cats }, zeros: { int: 1 } }, ML_DOMAIN);
  return scope.node('Squeeze', [oneHot, scope.int64s([1])], name, 'one-hot');
}
