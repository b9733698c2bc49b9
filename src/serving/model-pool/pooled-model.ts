// One loaded model version: its verified package, its onnxruntime session behind an adaptive batcher, and the count
// of predictions in flight, so it can be drained before its session is released.
import { PitstopError } from '../../errors/index.js';
import type { Manifest } from '../../manifest/index.js';
import { readPackage, type ReadPackageOptions } from '../../package/index.js';
import { ModelSession, type FeatureRecord, type OutputWidths, type Prediction, type SessionOptions } from '../../runtime/index.js';
import type { ModelRun } from '../../store/index.js';
import { AdaptiveBatcher } from '../batching/index.js';
import { fastUlid } from '../../ids/index.js';

export interface ModelKey {
  readonly model: string;
  /** The registry's version number. */
  readonly version: number;
}

export interface BatchingOptions {
  /** Most records in one session run (further capped by the manifest's maxBatchSize). */
  readonly maxBatchSize: number;
  /** How long a run may wait for more requests once the previous run finished. */
  readonly maxWaitMs: number;
  /**
   * Runs that may be in flight at once for one version (default 2). onnxruntime sessions accept concurrent runs, and
   * with one lane the JavaScript thread would sit idle while the only run computes.
   */
  readonly lanes?: number;
}

/** What the rest of the server sees of a loaded version. */
export interface LoadedModel extends ModelKey {
  /** `${model}@${version}`. */
  readonly key: string;
  /** The package's manifest digest. */
  readonly digest: string;
  readonly manifest: Manifest;
  readonly loadedAt: Date;
  /** Records per session run this version allows: min(configured, manifest.maxBatchSize). */
  readonly maxBatchSize: number;
  /** Values per row each output returned on the smoke input (what V2 metadata describes, whatever the model declares). */
  readonly outputWidths: OutputWidths;
  /** predict() calls not yet answered. */
  readonly inFlight: number;
  /** Records waiting for the next run. */
  readonly queueDepth: number;
  predict(records: readonly FeatureRecord[]): Promise<Prediction[]>;
  /** Like predict, with the session run that answered each record (replay re-runs that whole run). */
  predictInRuns(records: readonly FeatureRecord[]): Promise<RunPrediction[]>;
}

export interface RunPrediction {
  readonly prediction: Prediction;
  readonly run: ModelRun;
}

export interface LoadSettings extends BatchingOptions {
  readonly readOptions?: ReadPackageOptions;
  readonly sessionOptions?: SessionOptions;
  readonly onBatch?: (key: ModelKey, size: number, durationMs: number) => void;
}

export function modelKey(model: string, version: number): string {
  return `${model}@${version}`;
}

/** Reads and verifies the package, loads its session and proves it scores the smoke input; nothing is kept on failure. */
export async function loadPooledModel(key: ModelKey, packageBytes: Uint8Array, settings: LoadSettings): Promise<PooledModel> {
  const pkg = await readPackage(packageBytes, settings.readOptions);
  const session = await ModelSession.load(pkg.modelBytes(), pkg.manifest, settings.sessionOptions);
  let outputWidths: OutputWidths;
  try {
    outputWidths = await session.smokeTest(pkg.manifest.smokeInput);
  } catch (error) {
    await session.release();
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new PitstopError('ONNX_INVALID', `${modelKey(key.model, key.version)} fails on its smoke input, so it was not loaded: ${reason}`, { cause: error });
  }
  return new PooledModel(key, pkg.digest, pkg.manifest, session, settings, outputWidths);
}

export class PooledModel implements LoadedModel {
  readonly model: string;
  readonly version: number;
  readonly key: string;
  readonly loadedAt = new Date();
  readonly maxBatchSize: number;
  private readonly batchers: AdaptiveBatcher<FeatureRecord, RunPrediction>[];
  private pending = 0;
  private unloading = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    key: ModelKey,
    readonly digest: string,
    readonly manifest: Manifest,
    private readonly session: ModelSession,
    settings: LoadSettings,
    readonly outputWidths: OutputWidths = new Map(),
  ) {
    this.model = key.model;
    this.version = key.version;
    this.key = modelKey(key.model, key.version);
    // A fixed-batch model must never see more rows per run than it accepts: ModelSession would chunk, but merging
    // beyond the limit would only make requests wait on each other's chunks.
    this.maxBatchSize = Math.min(settings.maxBatchSize, manifest.maxBatchSize ?? Infinity);
    this.batchers = Array.from({ length: Math.max(1, settings.lanes ?? 2) }, () =>
      new AdaptiveBatcher<FeatureRecord, RunPrediction>({
        maxBatchSize: this.maxBatchSize,
        maxWaitMs: settings.maxWaitMs,
        run: async (records) => {
          // Concurrent requests: more will be read and answered on the event loop while this run computes.
          const predictions = await this.session.predict(records, { othersWaiting: this.pending > 1 });
          const id = fastUlid();
          return predictions.map((prediction, index) => ({ prediction, run: { id, index, size: records.length } }));
        },
        onBatch: settings.onBatch && ((size, durationMs) => settings.onBatch!(key, size, durationMs)),
      }),
    );
  }

  get inFlight(): number {
    return this.pending;
  }

  get queueDepth(): number {
    return this.batchers.reduce((sum, b) => sum + b.queueDepth, 0);
  }

  async predict(records: readonly FeatureRecord[]): Promise<Prediction[]> {
    return (await this.predictInRuns(records)).map((r) => r.prediction);
  }

  async predictInRuns(records: readonly FeatureRecord[]): Promise<RunPrediction[]> {
    if (this.unloading) {
      throw new PitstopError('NOT_READY', `version ${this.version} of "${this.model}" is being unloaded; retry, and the request will be routed to the version now served`, { field: 'version' });
    }
    this.pending++;
    try {
      return await this.laneFor().submit(records);
    } finally {
      if (--this.pending === 0) this.notifyIdle();
    }
  }

  /** Waits for everything submitted to this version, then releases its session; later predict() calls are refused. */
  async unload(): Promise<void> {
    this.unloading = true;
    await this.drain();
    await this.session.release();
  }

  /** Resolves once every predict() call made so far has been answered. */
  async drain(): Promise<void> {
    if (this.pending > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    await Promise.all(this.batchers.map((b) => b.drain()));
  }

  /** An idle lane if there is one (no waiting at low load), else the one with the shortest queue (batching under load). */
  private laneFor(): AdaptiveBatcher<FeatureRecord, RunPrediction> {
    let best = this.batchers[0]!;
    for (const lane of this.batchers) {
      if (!lane.busy) return lane;
      if (lane.queueDepth < best.queueDepth) best = lane;
    }
    return best;
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
