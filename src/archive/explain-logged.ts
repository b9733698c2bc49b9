// Explains logged predictions with the exact package that made them; packages and sessions of the last few versions
// stay loaded, because an auditor explains many predictions of the same few versions.
import { PitstopError } from '../errors/index.js';
import type { LoadedPackage } from '../package/index.js';
import type { Registry } from '../registry/index.js';
import { ModelSession } from '../runtime/index.js';
import type { PredictionLogStore, PredictionRecord } from '../store/index.js';
import { LoadedSessionCache, type LoadedSessionCacheOptions } from './loaded-session-cache.js';
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

/**
 * Loaded packages and their sessions by model@version, for the versions explained recently. At most `capacity` stay
 * loaded between uses (see LoadedSessionCache); a bulk run passes KEEP_UNTIL_CLOSED.
 */
export class ExplainSessions {
  private readonly cache: LoadedSessionCache<LoadedExplainer>;

  constructor(private readonly registry: Registry, options: LoadedSessionCacheOptions = {}) {
    this.cache = new LoadedSessionCache((loaded) => loaded.session.release(), options);
  }

  /** Runs fn with the version's package and session, held loaded until fn settles. */
  use<R>(model: string, version: number, fn: (loaded: LoadedExplainer) => Promise<R>): Promise<R> {
    return this.cache.use(`${model}@${version}`, () => this.load(model, version), fn);
  }

  /** Releases every session, after the explanations under way finish. */
  close(): Promise<void> {
    return this.cache.close();
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
    return await explainLoggedRecord(prediction, own, options);
  } finally {
    if (!sessions) await own.close();
  }
}

/** Explains a logged prediction already read from the log (an audit export holds them all). */
export async function explainLoggedRecord(prediction: PredictionRecord, sessions: ExplainSessions, options: ExplainLoggedOptions = {}): Promise<LoggedPredictionExplanation> {
  const explanation = await sessions.use(prediction.model, prediction.version, async ({ pkg, session }) => {
    checkDigest(prediction, pkg);
    return explainPrediction(pkg, prediction.input, { ...options, session });
  });
  return { predictionId: prediction.id, model: prediction.model, version: prediction.version, packageDigest: prediction.packageDigest, ...explanation };
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
