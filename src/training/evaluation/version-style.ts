// How a version is named and coloured everywhere in the report, so its table column, legend entries and lines match.
import type { EvaluatedVersion } from './evaluation-report.js';

/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'] as const;

export function versionColor(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}

/** `v4 (challenger)`, or `v4` without a role. */
export function versionName(version: EvaluatedVersion): string {
  return version.role ? `v${version.version} (${version.role})` : `v${version.version}`;
}
