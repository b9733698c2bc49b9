// The one word a feature's drift comes down to, and the order features are listed in: drifted first, so that what
// needs a look is at the top of every table and every set of charts.
import type { FeatureDrift } from '../drift/index.js';

export type FeatureVerdict = 'drifted' | 'warning' | 'ok' | 'skipped';

const RANK: Readonly<Record<FeatureVerdict, number>> = { drifted: 0, warning: 1, ok: 2, skipped: 3 };

/** skipped: one side had no values, so there is nothing to judge (calling it "ok" would hide a broken feed). */
export function featureVerdict(feature: Pick<FeatureDrift, 'drifted' | 'warning' | 'skipped'>): FeatureVerdict {
  if (feature.skipped !== undefined) return 'skipped';
  if (feature.drifted) return 'drifted';
  return feature.warning ? 'warning' : 'ok';
}

/** Drifted, then warning, then ok, then skipped; within each verdict the report's own order (stable). */
export function featuresByConcern<F extends Pick<FeatureDrift, 'drifted' | 'warning' | 'skipped'>>(features: readonly F[]): F[] {
  return features
    .map((feature, index) => ({ feature, index, rank: RANK[featureVerdict(feature)] }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ feature }) => feature);
}
