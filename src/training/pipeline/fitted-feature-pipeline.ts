// The fitted feature pipeline: per feature, its steps and the constants learned from training data. This JSON goes
// in the model package, and both transformTable and the ONNX graph are made from it alone.
import { z } from 'zod';
import { PitstopError } from '../../errors/index.js';
import { DATE_PARTS } from './feature-pipeline-config.js';

const name = z.string().min(1);
// Learned constants are stored as float32 values (or whole seconds), exactly what the graph's attributes hold.
const finite = z.number().finite();

export const NumericStepSchema = z
  .object({
    kind: z.literal('numeric'),
    name,
    type: z.enum(['number', 'integer', 'boolean']),
    impute: finite.nullable(),
    clip: z.object({ min: finite.nullable(), max: finite.nullable() }).strict().nullable(),
    log: z.boolean(),
    scale: z.object({ offset: finite, scale: finite }).strict().nullable(),
  })
  .strict();

export const CategoricalStepSchema = z
  .object({
    kind: z.literal('categorical'),
    name,
    type: z.enum(['category', 'string']),
    encode: z.enum(['onehot', 'ordinal']),
    impute: z.string().nullable(),
    /** In code-unit order; a value not among them (or missing, when not imputed) is unknown. '' is missing, never a category. */
    categories: z.array(z.string().min(1)).refine((categories) => new Set(categories).size === categories.length, { message: 'each category appears once' }),
  })
  .strict();

export const DatetimeStepSchema = z
  .object({
    kind: z.literal('datetime'),
    name,
    type: z.literal('datetime'),
    /** Epoch seconds (UTC) put in for a missing time. */
    impute: z.number().int().nullable(),
    parts: z
      .array(z.enum(DATE_PARTS))
      .min(1)
      .refine((parts) => new Set(parts).size === parts.length, { message: 'each date part appears once' }),
    /** One offset and scale per part. */
    scale: z.object({ offset: z.array(finite), scale: z.array(finite) }).strict().nullable(),
  })
  .strict()
  .refine((step) => step.scale === null || (step.scale.offset.length === step.parts.length && step.scale.scale.length === step.parts.length), {
    message: 'a datetime scale needs one offset and one scale per part',
    path: ['scale'],
  });

export const FittedFeatureStepSchema = z.discriminatedUnion('kind', [NumericStepSchema, CategoricalStepSchema, DatetimeStepSchema]);

export const FittedFeaturePipelineSchema = z
  .object({
    format: z.literal('pitstop.feature-pipeline'),
    version: z.literal(1),
    features: z.array(FittedFeatureStepSchema).min(1),
  })
  .strict()
  .refine((pipeline) => new Set(pipeline.features.map((step) => step.name)).size === pipeline.features.length, {
    message: 'each feature appears once',
    path: ['features'],
  });

export type NumericStep = z.infer<typeof NumericStepSchema>;
export type CategoricalStep = z.infer<typeof CategoricalStepSchema>;
export type DatetimeStep = z.infer<typeof DatetimeStepSchema>;
export type FittedFeatureStep = z.infer<typeof FittedFeatureStepSchema>;
export type FittedFeaturePipeline = z.infer<typeof FittedFeaturePipelineSchema>;

/** An ordinal code for a value that is not among the categories (or missing and not imputed). */
export const ORDINAL_UNKNOWN_CODE = -1;
/** The one-hot column that unknown and missing values land in comes after the categories' columns. */
export const UNKNOWN_CATEGORY_COLUMN = '__unknown__';

/** Checks a fitted spec read back from a package; a problem is VALIDATION_FAILED naming the field. */
export function parseFittedFeaturePipeline(json: unknown): FittedFeaturePipeline {
  const parsed = FittedFeaturePipelineSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join('.');
  throw new PitstopError('VALIDATION_FAILED', `feature pipeline: ${field || '(root)'}: ${issue.message}`, { field });
}

/** The matrix's column names, in order: `age`, `island=Dream`, `island=__unknown__`, `date:month`. */
export function pipelineColumnNames(pipeline: FittedFeaturePipeline): string[] {
  return pipeline.features.flatMap((step) => stepColumnNames(step));
}

export function stepColumnNames(step: FittedFeatureStep): string[] {
  if (step.kind === 'numeric') return [step.name];
  if (step.kind === 'datetime') return step.parts.map((part) => `${step.name}:${part}`);
  if (step.encode === 'ordinal') return [step.name];
  return [...step.categories, UNKNOWN_CATEGORY_COLUMN].map((category) => `${step.name}=${category}`);
}
