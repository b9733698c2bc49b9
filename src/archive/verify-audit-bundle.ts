// `pitstop verify-bundle`: checks an audit bundle offline, with nothing but the bundle: every file against the
// manifest's digests, every package's own digests, and every prediction re-run by the package that made it.
import { sha256Hex } from '../artifacts/index.js';
import { PitstopError } from '../errors/index.js';
import { readPackage, readPackageArchive, type LoadedPackage } from '../package/index.js';
import { ModelSession } from '../runtime/index.js';
import type { PredictionRecord, VersionRecord } from '../store/index.js';
import {
  AUDIT_BUNDLE_FILES, AUDIT_BUNDLE_MANIFEST, packagePathInBundle, parseAuditBundleManifest, parseJsonLines, type AuditBundleManifest,
} from './audit-bundle-manifest.js';
import { compareOutputs, runToReplay } from './replay.js';

export interface BundleVerification {
  readonly ok: boolean;
  readonly manifest: AuditBundleManifest;
  readonly manifestDigest: string;
  readonly filesChecked: number;
  /** Of those, the files present with the size and digest the manifest lists. */
  readonly filesMatched: number;
  readonly packagesVerified: number;
  readonly predictions: { readonly replayed: number; readonly identical: number; readonly withinTolerance: number; readonly different: number };
  /** Explanations whose contributions add up to the explained output minus the baseline (within 1e-4). */
  readonly explanationsAdditive: number;
  readonly problems: string[];
}

const ADDITIVITY_TOLERANCE = 1e-4;

export async function verifyAuditBundle(bytes: Uint8Array, options: { trustedKeys?: readonly string[] } = {}): Promise<BundleVerification> {
  let files: Map<string, Buffer>;
  try {
    files = await readPackageArchive(bytes, { maxEntries: 100_000 });
  } catch (error) {
    throw new PitstopError('BUNDLE_INVALID', `not a readable audit bundle: ${(error as Error).message}`, { cause: error });
  }
  const manifestBytes = files.get(AUDIT_BUNDLE_MANIFEST);
  const manifest = parseAuditBundleManifest(manifestBytes);
  const problems: string[] = [];
  let filesMatched = 0;
  for (const [name, entry] of Object.entries(manifest.files)) {
    const content = files.get(name);
    if (!content) problems.push(`${name}: listed in the manifest, missing from the bundle`);
    else if (sha256Hex(content) !== entry.sha256 || content.byteLength !== entry.size) problems.push(`${name}: does not match its digest in the manifest (changed after export)`);
    else filesMatched += 1;
  }
  for (const name of files.keys()) {
    if (name !== AUDIT_BUNDLE_MANIFEST && !Object.hasOwn(manifest.files, name)) problems.push(`${name}: in the bundle but not in the manifest`);
  }
  const report = { manifest, manifestDigest: sha256Hex(manifestBytes!), filesChecked: Object.keys(manifest.files).length, filesMatched, packagesVerified: 0, explanationsAdditive: 0, predictions: { replayed: 0, identical: 0, withinTolerance: 0, different: 0 } };
  if (problems.length > 0) return { ...report, ok: false, problems };

  const versions = JSON.parse(files.get(AUDIT_BUNDLE_FILES.versions)!.toString('utf8')) as VersionRecord[];
  const packages = new Map<number, LoadedPackage>();
  for (const record of versions) {
    const name = packagePathInBundle(manifest.model, record.version);
    try {
      const loaded = await readPackage(files.get(name) ?? Buffer.alloc(0), { trustedKeys: options.trustedKeys ?? [] });
      if (loaded.digest !== record.packageDigest) problems.push(`${name}: package digest ${loaded.digest}, the registry recorded ${record.packageDigest}`);
      else packages.set(record.version, loaded);
    } catch (error) {
      problems.push(`${name}: ${(error as Error).message}`);
    }
  }
  report.packagesVerified = packages.size;

  const predictions = parseJsonLines<PredictionRecord>(files.get(AUDIT_BUNDLE_FILES.predictions), AUDIT_BUNDLE_FILES.predictions);
  const companions = parseJsonLines<PredictionRecord>(files.get(AUDIT_BUNDLE_FILES.runCompanions), AUDIT_BUNDLE_FILES.runCompanions);
  const runs = new Map<string, PredictionRecord[]>();
  for (const p of [...predictions, ...companions]) if (p.run) runs.set(p.run.id, [...(runs.get(p.run.id) ?? []), p]);
  for (const members of runs.values()) members.sort((a, b) => a.run!.index - b.run!.index);

  const sessions = new Map<number, ModelSession>();
  try {
    for (const prediction of predictions) {
      const pkg = packages.get(prediction.version);
      if (!pkg) {
        problems.push(`prediction ${prediction.id}: the bundle has no verified package for v${prediction.version}`);
        continue;
      }
      if (pkg.digest !== prediction.packageDigest) {
        problems.push(`prediction ${prediction.id}: made by package ${prediction.packageDigest}, the bundle's v${prediction.version} is ${pkg.digest}`);
        continue;
      }
      let session = sessions.get(prediction.version);
      if (!session) sessions.set(prediction.version, (session = await ModelSession.load(pkg.modelBytes(), pkg.manifest)));
      const { records, index } = runToReplay(prediction, prediction.run ? runs.get(prediction.run.id) : undefined);
      const replayed = JSON.parse(JSON.stringify((await session.predict(records))[index] ?? null)) as unknown;
      const { verdict, differences } = compareOutputs(prediction.output, replayed);
      report.predictions.replayed += 1;
      if (verdict === 'identical') report.predictions.identical += 1;
      else if (verdict === 'within-tolerance') report.predictions.withinTolerance += 1;
      else {
        report.predictions.different += 1;
        problems.push(`prediction ${prediction.id}: re-running v${prediction.version} gives a different answer at ${differences.join(', ')}`);
      }
    }
  } finally {
    for (const session of sessions.values()) await session.release();
  }
  report.explanationsAdditive = checkExplanations(files.get(AUDIT_BUNDLE_FILES.explanations), problems);
  return { ...report, ok: problems.length === 0, problems };
}

/** Counts explanations whose contributions add up; any that do not is a problem (the bundle claims an exact sum). */
function checkExplanations(bytes: Buffer | undefined, problems: string[]): number {
  let additive = 0;
  for (const line of parseJsonLines<{ predictionId: string; explanation?: { baseline?: number; output?: number; contributions?: { contribution: number }[] } }>(bytes, AUDIT_BUNDLE_FILES.explanations)) {
    const e = line.explanation;
    if (!e || typeof e.baseline !== 'number' || typeof e.output !== 'number' || !Array.isArray(e.contributions)) continue;
    const gap = Math.abs(e.baseline + e.contributions.reduce((sum, c) => sum + c.contribution, 0) - e.output);
    if (gap <= ADDITIVITY_TOLERANCE * Math.max(1, Math.abs(e.output))) additive += 1;
    else problems.push(`explanation of ${line.predictionId}: contributions add up to ${gap} away from the output`);
  }
  return additive;
}
