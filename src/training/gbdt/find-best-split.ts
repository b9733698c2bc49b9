// Scans a node's gradient histogram for the split with the largest loss reduction, trying missing values on each side.
import type { FeatureBins } from './feature-bins.js';
import { HISTOGRAM_STRIDE } from './gradient-histogram.js';

export interface SplitRules {
  readonly minLeaf: number;
  readonly lambda: number;
  readonly minGain: number;
}

/** The best split found so far; reused across nodes so the search allocates nothing. */
export class SplitCandidate {
  gain = 0;
  feature = -1;
  /** The last value bin that goes left. */
  bin = -1;
  missingGoesLeft = false;
  leftGradient = 0;
  leftHessian = 0;
  leftCount = 0;
}

// Gains below this are rounding noise, not structure; splitting on them only grows the model.
const MIN_REAL_GAIN = 1e-12;

/**
 * Gain is XGBoost's: ½ [G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)]. Each child must keep minLeaf rows. A node with no
 * missing values sends future missing values to its larger child. Returns false when no split gains more than minGain.
 */
export function findBestSplit(
  best: SplitCandidate,
  histogram: Float64Array,
  bins: FeatureBins,
  features: Int32Array,
  total: { gradient: number; hessian: number; count: number },
  rules: SplitRules,
): boolean {
  const { minLeaf, lambda } = rules;
  const { gradient: G, hessian: H, count: C } = total;
  const parentScore = (G * G) / (H + lambda);
  let bestScore = parentScore + 2 * Math.max(rules.minGain, MIN_REAL_GAIN);
  best.feature = -1;
  for (let j = 0; j < features.length; j++) {
    const f = features[j]!;
    const base = bins.offsets[f]! * HISTOGRAM_STRIDE;
    const valueBins = bins.missingBin[f]!;
    const m = base + valueBins * HISTOGRAM_STRIDE;
    const Gm = histogram[m]!;
    const Hm = histogram[m + 1]!;
    const Cm = histogram[m + 2]!;
    let GL = 0;
    let HL = 0;
    let CL = 0;
    for (let b = 0; b < valueBins - 1; b++) {
      const i = base + b * HISTOGRAM_STRIDE;
      GL += histogram[i]!;
      HL += histogram[i + 1]!;
      CL += histogram[i + 2]!;
      if (C - CL < minLeaf) break;
      if (histogram[i + 2] === 0) continue; // an empty bin moves nothing: same split as the bin before
      if (CL >= minLeaf) {
        const GR = G - GL;
        const score = (GL * GL) / (HL + lambda) + (GR * GR) / (H - HL + lambda);
        if (score > bestScore) {
          bestScore = score;
          record(best, f, b, false, GL, HL, CL);
        }
      }
      if (Cm > 0 && CL + Cm >= minLeaf && C - CL - Cm >= minLeaf) {
        const GLm = GL + Gm;
        const HLm = HL + Hm;
        const GR = G - GLm;
        const score = (GLm * GLm) / (HLm + lambda) + (GR * GR) / (H - HLm + lambda);
        if (score > bestScore) {
          bestScore = score;
          record(best, f, b, true, GLm, HLm, CL + Cm);
        }
      }
    }
    if (best.feature === f && Cm === 0) best.missingGoesLeft = best.leftCount > C - best.leftCount;
  }
  best.gain = (bestScore - parentScore) / 2;
  return best.feature >= 0;
}

function record(best: SplitCandidate, feature: number, bin: number, missingGoesLeft: boolean, g: number, h: number, count: number): void {
  best.feature = feature;
  best.bin = bin;
  best.missingGoesLeft = missingGoesLeft;
  best.leftGradient = g;
  best.leftHessian = h;
  best.leftCount = count;
}
