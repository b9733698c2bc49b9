// `pitstop export-audit`: everything an auditor needs about a model's decisions in a period, in one tar.gz that can
// be checked offline: the packages of every version that served, the stage history, the business rules in force,
// the predictions with their replays, explanations and labels, and a manifest of every file's SHA-256.
import { SILENT_PROGRESS, type Progress } from '../progress/index.js';
import { onnxRuntimeVersion } from '../runtime/index.js';
import { sha256Hex } from '../artifacts/index.js';
import { PitstopError } from '../errors/index.js';
import { PITSTOP_VERSION } from '../pitstop-version.js';
import { writePackageArchive } from '../package/index.js';
import type { Registry } from '../registry/index.js';
import { productionVersionsAt } from '../registry/index.js';
import { compileRuleSet } from '../rules/index.js';
import type { AuditEvent, PredictionLogStore, PredictionRecord, RuleSetVersion, Stores } from '../store/index.js';
import {
  AUDIT_BUNDLE_FILES, AUDIT_BUNDLE_FORMAT, AUDIT_BUNDLE_MANIFEST, jsonLines, packagePathInBundle, type AuditBundleManifest,
} from './audit-bundle-manifest.js';
import { KEEP_UNTIL_CLOSED } from './loaded-session-cache.js';
import { samplePredictions } from './replay-range.js';
import { replayRecord, ReplaySessions, type ReplayResult } from './replay.js';

export interface ExportAuditDeps {
  readonly store: Stores;
  readonly registry: Registry;
  /** Explains one logged prediction; left out, the bundle has no explanations. */
  readonly explain?: (prediction: PredictionRecord) => Promise<unknown>;
  readonly actor: string;
}

export interface ExportAuditQuery {
  readonly model: string;
  readonly from?: string;
  readonly to?: string;
  /** These predictions instead of a period. */
  readonly ids?: readonly string[];
  /** A seeded sample of this many predictions of the period; without it, all of them (up to maxPredictions). */
  readonly sample?: number;
  readonly maxPredictions?: number;
}

export interface ExportedAuditBundle {
  readonly bytes: Buffer;
  readonly manifest: AuditBundleManifest;
  /** SHA-256 of manifest.json: the one number that pins the whole bundle (print it, keep it with the request). */
  readonly manifestDigest: string;
}

const DEFAULT_MAX_PREDICTIONS = 10_000;

/** `progress` hears of the predictions replayed (and explained). */
export async function exportAuditBundle(deps: ExportAuditDeps, query: ExportAuditQuery, progress: Progress = SILENT_PROGRESS): Promise<ExportedAuditBundle> {
  const { store, registry } = deps;
  await registry.getModel(query.model);
  for (const [field, value] of [['from', query.from], ['to', query.to]] as const) {
    if (value !== undefined && Number.isNaN(Date.parse(value))) throw new PitstopError('VALIDATION_FAILED', `--${field} ${value} is not an ISO-8601 time such as 2026-01-31T12:00:00Z`, { field });
  }
  const predictions = await selectPredictions(store, query);
  const companions = await runCompanions(store, predictions);
  const history = (await store.listAudit({ model: query.model })).filter((e) => query.to === undefined || e.at < query.to);
  const versions = servedVersions(history, predictions, query);

  const files = new Map<string, Buffer>();
  const versionRecords = [];
  for (const version of versions) {
    versionRecords.push(await registry.getVersion(query.model, version));
    files.set(packagePathInBundle(query.model, version), await registry.packageFile(query.model, version));
  }
  const { replays, explanations } = await replayAndExplain(deps, predictions, companions, progress);
  const labels = [];
  for (const prediction of predictions) {
    const history = await store.labels.labelHistory(prediction.id);
    if (history.length > 0) labels.push({ predictionId: prediction.id, labels: history });
  }
  files.set(AUDIT_BUNDLE_FILES.versions, json(versionRecords));
  files.set(AUDIT_BUNDLE_FILES.stageHistory, json(history));
  files.set(AUDIT_BUNDLE_FILES.rules, json(await rulesInForce(store, query)));
  files.set(AUDIT_BUNDLE_FILES.decisions, jsonLines(await store.decisions.decisionsForPredictions(predictions.map((p) => p.id))));
  files.set(AUDIT_BUNDLE_FILES.predictions, jsonLines(predictions));
  files.set(AUDIT_BUNDLE_FILES.runCompanions, jsonLines(companions));
  files.set(AUDIT_BUNDLE_FILES.replays, jsonLines(replays));
  files.set(AUDIT_BUNDLE_FILES.explanations, jsonLines(explanations));
  files.set(AUDIT_BUNDLE_FILES.labels, jsonLines(labels));
  files.set(AUDIT_BUNDLE_FILES.readme, Buffer.from(readme(query)));

  const manifest: AuditBundleManifest = {
    format: AUDIT_BUNDLE_FORMAT, formatVersion: 1, model: query.model, from: query.from ?? null, to: query.to ?? null,
    selectedIds: query.ids ? [...query.ids] : null, exportedAt: new Date().toISOString(), exportedBy: deps.actor,
    producedWith: { pitstop: PITSTOP_VERSION, runtime: `onnxruntime-node ${onnxRuntimeVersion()}`, node: process.version, platform: `${process.platform}-${process.arch}` },
    counts: {
      versions: versions.length, predictions: predictions.length, replayed: replays.filter((r) => 'verdict' in r).length,
      identical: replays.filter((r) => 'verdict' in r && r.verdict === 'identical').length, explained: explanations.filter((e) => 'explanation' in e).length,
    },
    files: Object.fromEntries([...files].map(([name, bytes]) => [name, { sha256: sha256Hex(bytes), size: bytes.byteLength }])),
  };
  const manifestBytes = json(manifest);
  files.set(AUDIT_BUNDLE_MANIFEST, manifestBytes);
  return { bytes: await writePackageArchive(files), manifest, manifestDigest: sha256Hex(manifestBytes) };
}

async function selectPredictions(store: Stores, query: ExportAuditQuery): Promise<PredictionRecord[]> {
  if (query.ids) {
    const found: PredictionRecord[] = [];
    for (const id of query.ids) {
      const prediction = await store.predictions.getPrediction(id);
      if (!prediction) throw new PitstopError('PREDICTION_NOT_FOUND', `no logged prediction ${id}`, { field: 'ids' });
      if (prediction.model !== query.model) throw new PitstopError('VALIDATION_FAILED', `prediction ${id} was made by ${prediction.model}, not ${query.model}`, { field: 'ids' });
      found.push(prediction);
    }
    return found;
  }
  const max = query.maxPredictions ?? DEFAULT_MAX_PREDICTIONS;
  const { sample, considered } = await samplePredictions(store.predictions, { model: query.model, from: query.from, to: query.to, sample: query.sample ?? max + 1 });
  if (query.sample === undefined && considered > max) {
    throw new PitstopError('USAGE', `${query.model} made ${considered} predictions in that period, more than ${max} to replay and explain one by one; narrow --from/--to, or pass --sample N`, { field: 'sample' });
  }
  return sample;
}

/** Predictions from the same model runs as the selected ones but not selected: replaying a batched run needs them all. */
async function runCompanions(store: Stores, predictions: readonly PredictionRecord[]): Promise<PredictionRecord[]> {
  const selected = new Set(predictions.map((p) => p.id));
  const runs = new Set(predictions.filter((p) => p.run && p.run.size > 1).map((p) => p.run!.id));
  const companions: PredictionRecord[] = [];
  for (const run of runs) companions.push(...(await store.predictions.listRun(run)).filter((p) => !selected.has(p.id)));
  return companions;
}

/** Versions that answered a selected prediction, plus every version in production at some point of the period. */
function servedVersions(history: readonly AuditEvent[], predictions: readonly PredictionRecord[], query: ExportAuditQuery): number[] {
  const versions = new Set(predictions.map((p) => p.version));
  if (!query.ids) {
    const from = query.from ?? history[0]?.at ?? new Date(0).toISOString();
    for (const version of productionVersionsAt(history, from)) versions.add(version);
    for (const event of history) {
      if (event.at >= from && event.toStage === 'production' && event.version !== null) versions.add(event.version);
    }
  }
  return [...versions].sort((a, b) => a - b);
}

type ReplayLine = ReplayResult | { predictionId: string; error: string };
type ExplanationLine = { predictionId: string; explanation: unknown } | { predictionId: string; error: string };

async function replayAndExplain(
  deps: ExportAuditDeps,
  predictions: readonly PredictionRecord[],
  companions: readonly PredictionRecord[],
  progress: Progress,
): Promise<{ replays: ReplayLine[]; explanations: ExplanationLine[] }> {
  progress.start(deps.explain ? 'replaying and explaining' : 'replaying', { total: predictions.length, unit: 'predictions' });
  // Each version loads once for the whole export, however its predictions interleave with other versions'.
  const sessions = new ReplaySessions(deps.registry, KEEP_UNTIL_CLOSED);
  const runs = runsOf([...predictions, ...companions]);
  const replays: ReplayLine[] = [];
  const explanations: ExplanationLine[] = [];
  try {
    for (const prediction of predictions) {
      try {
        replays.push(await replayRecord(prediction, sessions, runs));
      } catch (error) {
        replays.push({ predictionId: prediction.id, error: (error as Error).message });
      }
      if (deps.explain) {
        try {
          explanations.push({ predictionId: prediction.id, explanation: await deps.explain(prediction) });
        } catch (error) {
          explanations.push({ predictionId: prediction.id, error: (error as Error).message });
        }
      }
      progress.advance(replays.length);
    }
  } finally {
    await sessions.close();
  }
  return { replays, explanations };
}

/**
 * The members of every batched run, from the selected predictions and their companions (all of them, see
 * runCompanions): replaying each prediction of a run then reads nothing more from the log.
 */
function runsOf(records: readonly PredictionRecord[]): Pick<PredictionLogStore, 'listRun'> {
  const runs = new Map<string, PredictionRecord[]>();
  for (const record of records) {
    if (!record.run) continue;
    if (!runs.has(record.run.id)) runs.set(record.run.id, []);
    runs.get(record.run.id)!.push(record);
  }
  for (const members of runs.values()) members.sort((a, b) => a.run!.index - b.run!.index);
  return { listRun: async (id) => runs.get(id) ?? [] };
}

/**
 * Every version, deployed up to the end of the period, of the rule sets that route to this model: which one was in
 * force for a decision is in decisions.jsonl (its rule set version and the rule that decided).
 */
async function rulesInForce(store: Stores, query: ExportAuditQuery): Promise<{ note: string; ruleSets: RuleSetVersion[] }> {
  const ruleSets: RuleSetVersion[] = [];
  for (const summary of await store.ruleSets.list()) {
    for (const version of await store.ruleSets.versions(summary.name)) {
      if (query.to !== undefined && version.deployedAt >= query.to) continue;
      if (routesTo(version.source, query.model)) ruleSets.push(version);
    }
  }
  return {
    note: ruleSets.length === 0 ? "No business rule set routed to this model up to the end of the period: its answers are the model's own." : 'Rule-set versions that route to this model, deployed up to the end of the period; decisions.jsonl names the version and rule that decided each prediction.',
    ruleSets,
  };
}

function routesTo(source: string, model: string): boolean {
  try {
    return compileRuleSet(source).route.some((rule) => rule.action.kind === 'model' && rule.action.name === model);
  } catch {
    // A version a newer language cannot compile is kept if it names the model at all: an auditor should see it.
    return source.includes(model);
  }
}

function readme(query: ExportAuditQuery): string {
  const scope = query.ids ? `${query.ids.length} selected predictions` : `predictions from ${query.from ?? 'the start'} to ${query.to ?? 'the export'}`;
  return [
    `Pitstop audit bundle for model ${query.model}: ${scope}.`,
    '',
    'manifest.json lists every other file with its SHA-256 and size. Check the bundle offline with:',
    '  pitstop verify-bundle bundle.tar.gz',
    'which checks every digest, verifies every package, and re-runs every prediction with the package that made it.',
    '',
    'packages/            the model packages of every version that served in the period (content-hashed, verifiable)',
    'versions.json        their registry records: stage, digest, who registered them and when',
    'stage-history.json   the audit trail of the model up to the end of the period: stage moves, traffic, aliases',
    'rules.json           the business rule sets routing to this model, every version deployed up to the end',
    'decisions.jsonl      for predictions made through an application endpoint: the rule set version and rule that decided',
    'predictions.jsonl    the logged predictions: input, output, version, package digest, the model run that answered',
    'run-companions.jsonl other records of the same batched model runs, needed to reproduce them bit for bit',
    'replays.jsonl        each prediction re-run at export time: identical, within tolerance, or different',
    'explanations.jsonl   per-feature contributions to each prediction',
    'labels.jsonl         ground truth received for those predictions, with corrections',
    '',
  ].join('\n');
}

function json(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
}
