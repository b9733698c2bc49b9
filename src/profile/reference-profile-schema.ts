// The reference data profile: per-feature statistics of the data a model was trained on, the baseline drift is measured against.
import { z } from 'zod';

export const QUANTILE_COUNT = 101;
export const HISTOGRAM_BINS = 20;
export const TOP_CATEGORIES = 100;

const count = z.int().nonnegative();

const HistogramSchema = z.object({
  /** HISTOGRAM_BINS + 1 equal-width edges from min to max (min − 0.5 to max + 0.5 when min = max, as numpy does). */
  edges: z.array(z.number()).length(HISTOGRAM_BINS + 1),
  /** Bin i holds edges[i] ≤ x < edges[i + 1]; the last bin also holds x = max. */
  counts: z.array(count).length(HISTOGRAM_BINS),
});

/** Statistics of the non-missing values; every one is null when there are none (count 0). */
export const NumericFeatureProfileSchema = z
  .object({
    kind: z.literal('numeric'),
    count,
    missing: count,
    min: z.number().nullable(),
    max: z.number().nullable(),
    mean: z.number().nullable(),
    /** Population standard deviation (ddof = 0). */
    std: z.number().nonnegative().nullable(),
    /** q0, q1, ..., q100 with linear interpolation between order statistics (numpy's default method). */
    quantiles: z.array(z.number()).length(QUANTILE_COUNT).nullable(),
    histogram: HistogramSchema.nullable(),
  })
  .superRefine((profile, ctx) => {
    const stats = [profile.min, profile.max, profile.mean, profile.std, profile.quantiles, profile.histogram];
    const expectNull = profile.count === 0;
    if (stats.some((stat) => (stat === null) !== expectNull)) {
      ctx.addIssue({ code: 'custom', message: expectNull ? 'a feature without values has null statistics' : 'a feature with values has every statistic' });
    }
    const binned = profile.histogram?.counts.reduce((sum, n) => sum + n, 0);
    if (binned !== undefined && binned !== profile.count) {
      ctx.addIssue({ code: 'custom', path: ['histogram', 'counts'], message: `the histogram holds ${binned} values, not count (${profile.count})` });
    }
  });

/** The TOP_CATEGORIES most frequent values (by count, then by name); the rest are summed in otherCount. */
export const CategoricalFeatureProfileSchema = z
  .object({
    kind: z.literal('categorical'),
    count,
    missing: count,
    distinct: count,
    frequencies: z.record(z.string(), count),
    otherCount: count,
  })
  .superRefine((profile, ctx) => {
    const listed = Object.values(profile.frequencies);
    if (listed.length > TOP_CATEGORIES || listed.length > profile.distinct) {
      ctx.addIssue({ code: 'custom', path: ['frequencies'], message: `lists ${listed.length} values: more than ${TOP_CATEGORIES} or than distinct` });
    }
    if (listed.reduce((sum, n) => sum + n, 0) + profile.otherCount !== profile.count) {
      ctx.addIssue({ code: 'custom', path: ['otherCount'], message: 'frequencies and otherCount do not add up to count' });
    }
  });

export const FeatureProfileSchema = z.discriminatedUnion('kind', [NumericFeatureProfileSchema, CategoricalFeatureProfileSchema]);

export const ReferenceProfileSchema = z
  .object({
    schemaVersion: z.literal(1),
    rowCount: count,
    features: z.record(z.string(), FeatureProfileSchema),
  })
  .superRefine((profile, ctx) => {
    for (const [name, feature] of Object.entries(profile.features)) {
      if (feature.count + feature.missing !== profile.rowCount) {
        ctx.addIssue({ code: 'custom', path: ['features', name], message: `count + missing is not rowCount (${profile.rowCount})` });
      }
    }
  });

export type NumericFeatureProfile = z.infer<typeof NumericFeatureProfileSchema>;
export type CategoricalFeatureProfile = z.infer<typeof CategoricalFeatureProfileSchema>;
export type FeatureProfile = z.infer<typeof FeatureProfileSchema>;
export type ReferenceProfile = z.infer<typeof ReferenceProfileSchema>;
