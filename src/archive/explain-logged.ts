// Explains logged predictions with the exact package that made them; packages and sessions stay loaded per version,
// because an auditor explains many predictions of the same few versions.
import { PitstopError } from '../errors/index.js';
import type { LoadedPackage } from '../package/index.js';
import type { Registry } from '../registry/index.js';
import { ModelSession } from '../runtime/index.js';
import type { PredictionLogStore, PredictionRecord } from '../store/index.js';
import { madeBy } from './replay.js';
import { explainPrediction, type ExplainPredictionOptions, type PredictionExplanation } from './explain-prediction.js';

export interface ExplainDeps {
  readonly predictions: PredictionLogStore;
  readonly registry: Registry;
}

export interface LoggedPredictionExplanation extends PredictionExplanation {
  readonly predictionId: string;
  readonly model: string;
  readonly version: number;
  readonly packageDigest: string;
}

export interface LoadedExplainer {
  readonly pkg: LoadedPackage;
  readonly session: ModelSession;
}

/** Loaded packages and their sessions by model@version. A load that fails is forgotten, so the next call retries. */
export class ExplainSessions {
  private readonly loaded = new Map<string, Promise<LoadedExplainer>>();

  constructor(private readonly registry: Registry) {}

  get(model: string, version: number): Promise<LoadedExplainer> {
    const key = `${model}@${version}`;
    let entry = this.loaded.get(key);
    if (!entry) {
      entry = this.load(model, version);
      entry.catch(() => this.loaded.delete(key));
      this.loaded.set(key, entry);
    }
    return entry;
  }

  async close(): Promise<void> {
    for (const entry of this.loaded.values()) await (await entry.catch(() => null))?.session.release();
    this.loaded.clear();
  }

  private async load(model: string, version: number): Promise<LoadedExplainer> {
    const pkg = await this.registry.loadPackage(model, version);
    return { pkg, session: await ModelSession.load(pkg.modelBytes(), pkg.manifest) };
  }
}

export type ExplainLoggedOptions = Omit<ExplainPredictionOptions, 'session' | 'background'>;

/** Throws PREDICTION_NOT_FOUND for an unknown id, PACKAGE_DIGEST_MISMATCH when the version's package is not the one that answered. */
export async function explainLoggedPrediction(
  deps: ExplainDeps,
  id: string,
  options: ExplainLoggedOptions = {},
  sessions?: ExplainSessions,
): Promise<LoggedPredictionExplanation> {
  const prediction = await deps.predictions.getPrediction(id);
  if (!prediction) throw new PitstopError('PREDICTION_NOT_FOUND', `no logged prediction ${id}`, { field: 'prediction_id' });
  const own = sessions ?? new ExplainSessions(deps.registry);
  try {
    const { pkg, session } = await own.get(prediction.model, prediction.version);
    checkDigest(prediction, pkg);
    const explanation = await explainPrediction(pkg, prediction.input, { ...options, session });
    return { predictionId: prediction.id, model: prediction.model, version: prediction.version, packageDigest: prediction.packageDigest, ...explanation };
  } finally {
    if (!sessions) await own.close();
  }
}

/** The log may keep the digest with or without its `sha256:` prefix (as replay accepts both). */
function checkDigest(prediction: PredictionRecord, pkg: LoadedPackage): void {
  if (madeBy(prediction, pkg.digest)) return;
  throw new PitstopError(
    'PACKAGE_DIGEST_MISMATCH',
    `prediction ${prediction.id} was made by package ${prediction.packageDigest}, but ${prediction.model} v${prediction.version} is now ${pkg.digest}; refusing to explain it with another model`,
    { field: 'packageDigest' },
  );
}
