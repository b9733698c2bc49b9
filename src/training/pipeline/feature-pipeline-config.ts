// What a user writes to configure the feature pipeline, per feature; anything left out takes a default by feature type.
import { z } from 'zod';

export const DATE_PARTS = ['year', 'month', 'day', 'dayofweek', 'hour', 'dayofyear'] as const;
export type DatePart = (typeof DATE_PARTS)[number];

const ImputeConfigSchema = z
  .union([z.enum(['mean', 'median', 'most-frequent']), z.object({ constant: z.union([z.number(), z.string(), z.boolean()]) }).strict()])
  .nullable();

export const FeatureStepsConfigSchema = z
  .object({
    /** How a missing value is filled in; null leaves it missing (NaN, or a category's unknown column). */
    impute: ImputeConfigSchema.optional(),
    /** Bounds applied before log and scale. */
    clip: z
      .object({ min: z.number().optional(), max: z.number().optional() })
      .strict()
      .refine((clip) => clip.min === undefined || clip.max === undefined || clip.min <= clip.max, { message: 'min must not exceed max', path: ['min'] })
      .optional(),
    /** log1p of the value clipped at 0 first, so negatives (which have no log) count as 0. */
    log: z.boolean().optional(),
    scale: z.enum(['standard', 'minmax']).nullable().optional(),
    /** onehot: one 0/1 column per category plus one for unknown and missing values; ordinal: one column of codes. */
    encode: z.enum(['onehot', 'ordinal']).optional(),
    /** Keep the most frequent categories only; the rest count as unknown. */
    maxCategories: z.number().int().positive().optional(),
    dateParts: z
      .array(z.enum(DATE_PARTS))
      .min(1)
      .refine((parts) => new Set(parts).size === parts.length, { message: 'each date part appears once' })
      .optional(),
  })
  .strict();

export const FeaturePipelineConfigSchema = z
  .object({
    /** Steps by feature name; every name must be a feature. */
    features: z.record(z.string(), FeatureStepsConfigSchema).default({}),
  })
  .strict();

export type FeatureStepsConfig = z.input<typeof FeatureStepsConfigSchema>;
export type FeaturePipelineConfig = z.input<typeof FeaturePipelineConfigSchema>;
export type ImputeConfig = z.infer<typeof ImputeConfigSchema>;

/** Categories kept by default: enough for any real category, few enough that free text does not explode the matrix. */
export const DEFAULT_MAX_CATEGORIES = 100;
export const DEFAULT_DATE_PARTS: readonly DatePart[] = ['year', 'month', 'dayofweek', 'hour'];
