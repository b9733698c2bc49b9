// The one data plane: the native API, the V2 protocol and the CLI all predict through here
// (validate → route → batch → run → log → shadow), none of them re-implements any step.
import { PitstopError } from '../errors/index.js';
import { compileRecordEnricher, type FeatureLookup, type RecordEnricher } from '../features/index.js';
import type { Manifest } from '../manifest/index.js';
import type { PredictionLog } from '../predictions/index.js';
import type { FeatureRecord, Prediction } from '../runtime/index.js';
import type { PredictionRecord, PredictionRoute } from '../store/index.js';
import type { DeploymentController } from './deployment/deployment-controller.js';
import type { LoadedModel, ModelPool, RunPrediction } from './model-pool/index.js';
import { fastUlid } from '../ids/index.js';
import { chooseRoute } from './routing/traffic-split.js';
import type { ModelRoutes } from './routing/routing-table.js';
import type { ServingMetrics } from './serving-metrics.js';
import { compileRecordValidator } from './validation/index.js';

export interface PredictRequest {
  readonly model: string;
  /** Pin a version by number or alias; otherwise traffic rules choose. */
  readonly version?: number;
  readonly alias?: string;
  /** Records already decoded from the request (native `{records}` body), or what `decode` reads them from. */
  readonly body: unknown;
  /**
   * Reads the records for the version traffic chose (V2 tensors are laid out by that version's manifest), so a door
   * whose encoding depends on the model still goes through the same routing, canary and shadow as `/v1`.
   */
  readonly decode?: (manifest: Manifest) => unknown;
  /** API key id of the caller (null when auth is off). */
  readonly caller: string | null;
  /** Keeps one caller on the same side of a canary. */
  readonly stickyKey: string | null;
  readonly requestId: string | null;
}

export interface PredictResponse {
  readonly model: { readonly name: string; readonly version: number };
  readonly route: PredictionRoute;
  readonly manifest: Manifest;
  readonly predictions: Prediction[];
  readonly predictionIds: string[];
}

export interface PredictionServiceOptions {
  readonly maxRecords: number;
}

export class PredictionService {
  private readonly validators = new WeakMap<LoadedModel, (body: unknown) => FeatureRecord[]>();
  private readonly enrichers = new WeakMap<LoadedModel, RecordEnricher>();

  constructor(
    private readonly deps: { pool: ModelPool; deployment: DeploymentController; log: PredictionLog; metrics: ServingMetrics; features?: FeatureLookup },
    private readonly options: PredictionServiceOptions,
  ) {}

  /** The routes of a served model, or MODEL_NOT_FOUND listing what is served. */
  routesOf(model: string): ModelRoutes {
    const routes = this.deps.deployment.routes.get(model);
    if (routes) return routes;
    const served = [...this.deps.deployment.routes.keys()];
    throw new PitstopError('MODEL_NOT_FOUND', `model "${model}" is not served here; served models: ${served.join(', ') || 'none (promote a version to staging or production)'}`, { field: 'model' });
  }

  /** The loaded model a pinned request addresses (version number or alias), or the primary. */
  resolve(model: string, version?: number, alias?: string): LoadedModel {
    const routes = this.routesOf(model);
    let chosen = version;
    if (alias !== undefined) {
      chosen = routes.aliases.get(alias);
      if (chosen === undefined) throw new PitstopError('ALIAS_NOT_FOUND', `model "${model}" has no alias "${alias}"; aliases: ${[...routes.aliases.keys()].join(', ') || 'none'}`, { field: 'alias' });
    }
    chosen ??= routes.primary ?? undefined;
    if (chosen === undefined || !routes.servable.has(chosen)) {
      throw new PitstopError('VERSION_NOT_FOUND', `version ${chosen} of "${model}" is not served; served versions: ${[...routes.servable].join(', ')} (only staging, production, canary and shadow versions are served)`, { field: 'version' });
    }
    return this.loaded(model, chosen);
  }

  async predict(request: PredictRequest): Promise<PredictResponse> {
    const started = performance.now();
    const pinned = request.version !== undefined || request.alias !== undefined;
    let target: LoadedModel;
    let route: PredictionRoute = 'pinned';
    let shadowVersion: number | null = null;
    if (pinned) {
      target = this.resolve(request.model, request.version, request.alias);
    } else {
      const choice = chooseRoute(this.routesOf(request.model), request.stickyKey);
      if (!choice) throw new PitstopError('VERSION_NOT_FOUND', `model "${request.model}" has no version in staging or production`, { field: 'model' });
      target = this.loaded(request.model, choice.version);
      route = choice.route;
      shadowVersion = choice.shadowVersion;
    }
    let records: FeatureRecord[];
    try {
      // Looked-up features are filled in before validation, so the validated (and logged, and replayed) input holds
      // exactly what the model saw. Models without lookups skip this entirely.
      const sent = bodyFor(target, request);
      const body = target.manifest.lookups ? await this.enricherFor(target)(sent) : sent;
      records = this.validatorFor(target)(body);
    } catch (error) {
      this.deps.metrics.errors.inc({ model: request.model, code: (error as PitstopError).code ?? 'INTERNAL' });
      throw error;
    }
    const answered = await target.predictInRuns(records);
    const predictions = answered.map((a) => a.prediction);
    const latencyMs = performance.now() - started;
    const at = new Date().toISOString();
    const logged = records.map((input, i) => this.logRecord(target, route, request, input, answered[i], latencyMs, at));
    // Journaled before the answer leaves: durable once this resolves (one write per event-loop turn for all callers).
    await this.deps.log.recordDurably(logged);
    this.deps.metrics.requests.inc({ model: target.model, version: String(target.version), route });
    this.deps.metrics.latency.observe({ model: target.model, version: String(target.version) }, latencyMs / 1000);
    if (shadowVersion !== null) this.shadow(request, shadowVersion, records);
    return { model: { name: target.model, version: target.version }, route, manifest: target.manifest, predictions, predictionIds: logged.map((r) => r.id) };
  }

  /** Sends a copy to the shadow version without making the caller wait; its answer is only logged. */
  private shadow(request: PredictRequest, version: number, records: FeatureRecord[]): void {
    const shadowModel = this.deps.pool.get(request.model, version);
    if (!shadowModel) {
      this.deps.metrics.shadowDrops.inc({ model: request.model });
      return;
    }
    const started = performance.now();
    setImmediate(() => {
      this.shadowRecords(shadowModel, request, records)
        .then((own) => shadowModel.predictInRuns(own).then((predictions) => ({ own, predictions })))
        .then(({ own, predictions }) => {
          const latencyMs = performance.now() - started;
          const at = new Date().toISOString();
          this.deps.log.record(own.map((input, i) => this.logRecord(shadowModel, 'shadow', request, input, predictions[i], latencyMs, at)));
        })
        .catch(() => this.deps.metrics.shadowDrops.inc({ model: request.model }));
    });
  }

  /**
   * What the shadow runs on: a challenger that looks up its own features (other tables, new columns) gets them from
   * the request as sent; one without lookups gets the primary's validated records, keys already resolved.
   */
  private async shadowRecords(shadowModel: LoadedModel, request: PredictRequest, primaryRecords: FeatureRecord[]): Promise<FeatureRecord[]> {
    if (!shadowModel.manifest.lookups) return primaryRecords;
    return this.validatorFor(shadowModel)(await this.enricherFor(shadowModel)(bodyFor(shadowModel, request)));
  }

  private logRecord(model: LoadedModel, route: PredictionRoute, request: PredictRequest, input: FeatureRecord, answer: RunPrediction | undefined, latencyMs: number, at: string): PredictionRecord {
    return {
      id: fastUlid(), at, model: model.model, version: model.version, packageDigest: model.digest, caller: request.caller,
      requestId: request.requestId, route, input, output: answer?.prediction ?? null, latencyMs, run: answer?.run ?? null,
    };
  }

  private loaded(model: string, version: number): LoadedModel {
    const loaded = this.deps.pool.get(model, version);
    if (!loaded) throw new PitstopError('VERSION_NOT_FOUND', `version ${version} of "${model}" is not loaded yet`, { field: 'version' });
    return loaded;
  }

  private enricherFor(model: LoadedModel): RecordEnricher {
    const cached = this.enrichers.get(model);
    if (cached) return cached;
    if (!this.deps.features) throw new PitstopError('NOT_READY', `model "${model.model}" looks up features, and this server has no feature store`, { field: 'lookups' });
    const enricher = compileRecordEnricher(model.manifest, this.deps.features, { maxRecords: this.options.maxRecords }) ?? (async (body: unknown) => body);
    this.enrichers.set(model, enricher);
    return enricher;
  }

  private validatorFor(model: LoadedModel): (body: unknown) => FeatureRecord[] {
    const cached = this.validators.get(model);
    if (cached) return cached;
    const validator = compileRecordValidator(model.manifest, { maxRecords: this.options.maxRecords });
    this.validators.set(model, validator);
    return validator;
  }
}

function bodyFor(model: LoadedModel, request: PredictRequest): unknown {
  return request.decode ? request.decode(model.manifest) : request.body;
}
