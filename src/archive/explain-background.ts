// What "a feature is unknown" means to an explanation: background records, drawn (seeded) from the package's reference
// profile when the caller gives none. Each feature is drawn from its own marginal, independently of the others.
import { seededRandom } from '../dataset/index.js';
import { PitstopError } from '../errors/index.js';
import { RESOURCE_FILES, type Feature, type Manifest } from '../manifest/index.js';
import type { LoadedPackage } from '../package/index.js';
import { ReferenceProfileSchema, type CategoricalFeatureProfile, type FeatureProfile, type NumericFeatureProfile, type ReferenceProfile } from '../profile/index.js';
import type { FeatureRecord, FeatureValue } from '../runtime/index.js';

export interface Background {
  readonly records: readonly FeatureRecord[];
  readonly source: 'caller' | 'reference-profile';
}

/** The caller's records, else `count` draws from the reference profile, else null (the package has no profile). */
export function backgroundFor(
  pkg: LoadedPackage,
  input: FeatureRecord,
  given: readonly Record<string, unknown>[] | undefined,
  count: number,
  seed: number,
): Background | null {
  if (given !== undefined) {
    if (given.length === 0) throw new PitstopError('VALIDATION_FAILED', 'the background holds no records; give at least one, or none to use the reference profile', { field: 'background' });
    return { records: given as readonly FeatureRecord[], source: 'caller' };
  }
  const profile = referenceProfileOf(pkg);
  if (!profile) return null;
  // Draws that do not depend on the explained record (every feature profiled) are kept, so their columns are reused too.
  const reusable = pkg.manifest.features.every((feature) => Object.hasOwn(profile.features, feature.name));
  const key = `${count}:${seed}`;
  const kept = reusable ? drawnBackgrounds.get(pkg)?.get(key) : undefined;
  if (kept) return kept;
  const drawn: Background = { records: drawFromProfile(pkg.manifest, profile, input, count, seed), source: 'reference-profile' };
  if (reusable) {
    if (!drawnBackgrounds.has(pkg)) drawnBackgrounds.set(pkg, new Map());
    drawnBackgrounds.get(pkg)!.set(key, drawn);
  }
  return drawn;
}

const drawnBackgrounds = new WeakMap<LoadedPackage, Map<string, Background>>();

const profiles = new WeakMap<LoadedPackage, ReferenceProfile | null>();

function referenceProfileOf(pkg: LoadedPackage): ReferenceProfile | null {
  if (!profiles.has(pkg)) {
    const bytes = pkg.files.get(RESOURCE_FILES.referenceProfile);
    profiles.set(pkg, bytes ? ReferenceProfileSchema.parse(JSON.parse(bytes.toString('utf8'))) : null);
  }
  return profiles.get(pkg) ?? null;
}

/**
 * Numbers by inverse-CDF sampling of the 101 quantiles (integers rounded, datetimes as ISO text), categories and booleans
 * by their frequencies. A missing value comes at its reference rate, but only for features that may be missing. A
 * feature the profile lacks keeps the explained record's value, so it gets no credit rather than an invented one.
 */
export function drawFromProfile(
  manifest: Pick<Manifest, 'features'>,
  profile: ReferenceProfile,
  input: FeatureRecord,
  count: number,
  seed: number,
): FeatureRecord[] {
  const random = seededRandom(seed);
  const records: Record<string, FeatureValue>[] = Array.from({ length: count }, () => ({}));
  for (const feature of manifest.features) {
    const stats = Object.hasOwn(profile.features, feature.name) ? profile.features[feature.name] : undefined;
    if (!stats) {
      for (const record of records) record[feature.name] = input[feature.name] ?? null;
      continue;
    }
    const missingRate = profile.rowCount > 0 && (!feature.required || feature.allowNaN) ? stats.missing / profile.rowCount : 0;
    for (const record of records) {
      record[feature.name] = random() < missingRate ? null : drawValue(feature, stats, random);
    }
  }
  return records;
}

function drawValue(feature: Feature, stats: FeatureProfile, random: () => number): FeatureValue {
  return stats.kind === 'numeric' ? drawNumber(feature, stats, random) : drawCategory(feature, stats, random);
}

function drawNumber(feature: Feature, stats: NumericFeatureProfile, random: () => number): FeatureValue {
  const quantiles = stats.quantiles;
  if (!quantiles) return null;
  const position = random() * (quantiles.length - 1);
  const below = Math.floor(position);
  const low = quantiles[below]!;
  const value = low + (position - below) * ((quantiles[below + 1] ?? low) - low);
  // Datetime profiles are over epoch seconds; records carry ISO-8601 text.
  if (feature.type === 'datetime') return new Date(Math.round(value) * 1000).toISOString();
  return feature.type === 'integer' ? Math.round(value) : value;
}

function drawCategory(feature: Feature, stats: CategoricalFeatureProfile, random: () => number): FeatureValue {
  const entries = Object.entries(stats.frequencies);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  let left = random() * total;
  let chosen = entries[entries.length - 1]![0];
  for (const [text, n] of entries) {
    if (left < n) {
      chosen = text;
      break;
    }
    left -= n;
  }
  // The profile keeps text; give the model the kind of value the feature declares.
  if (feature.type === 'boolean') return chosen === 'true';
  if (feature.type === 'number' || feature.type === 'integer') return Number(chosen);
  const declared = feature.categories?.find((category) => String(category) === chosen);
  return declared ?? chosen;
}
