// The model versions this server has loaded, keyed `${model}@${version}`, and the reconciliation that hot-swaps them:
// new versions are loaded and verified next to the old ones, and old ones are drained before their sessions are released.
import { toPitstopError, type PitstopError } from '../../errors/index.js';
import type { ReadPackageOptions } from '../../package/index.js';
import type { SessionOptions } from '../../runtime/index.js';
import { loadPooledModel, modelKey, type BatchingOptions, type LoadedModel, type ModelKey, type PooledModel } from './pooled-model.js';

export interface ModelPoolOptions extends Partial<BatchingOptions> {
  /** Called after every session run of any version, for the batch-size and run-time metrics. */
  readonly onBatch?: (key: ModelKey, size: number, durationMs: number) => void;
  /** Trusted keys and whether a signature is required, applied to every package loaded. */
  readonly readOptions?: ReadPackageOptions;
  readonly sessionOptions?: SessionOptions;
  /** Versions reconcile() loads at once; loading is CPU-heavy and the server keeps serving meanwhile. */
  readonly loadConcurrency?: number;
}

export interface DesiredVersion extends ModelKey {
  /** The package bytes, fetched only when the version is not loaded yet. */
  fetch(): Promise<Uint8Array>;
}

export interface ReconcileResult {
  /** Keys loaded by this call. */
  readonly loaded: string[];
  /** Keys drained and released by this call. */
  readonly unloaded: string[];
  /** Keys that failed to fetch, verify, load or pass their smoke input (or to release). */
  readonly failed: { readonly key: string; readonly error: PitstopError }[];
  /** Keys no longer desired but kept loaded, because a desired version of the same model failed: it keeps serving. */
  readonly kept: string[];
}

export const DEFAULT_BATCHING: BatchingOptions = { maxBatchSize: 64, maxWaitMs: 2 };

export class ModelPool {
  private readonly models = new Map<string, PooledModel>();
  private readonly loading = new Map<string, Promise<PooledModel>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly batching: BatchingOptions;

  constructor(private readonly options: ModelPoolOptions = {}) {
    this.batching = { maxBatchSize: options.maxBatchSize ?? DEFAULT_BATCHING.maxBatchSize, maxWaitMs: options.maxWaitMs ?? DEFAULT_BATCHING.maxWaitMs };
  }

  /**
   * Loads a version (verify, session, smoke input) and makes it available to get(). A version that fails is not
   * added, and the promise rejects; other versions are untouched. Loading a key already loaded (or loading) returns
   * that one: a registry version's package never changes.
   */
  load(key: ModelKey, packageBytes: Uint8Array, options: Partial<BatchingOptions> = {}): Promise<LoadedModel> {
    const id = modelKey(key.model, key.version);
    const existing = this.models.get(id);
    if (existing) return Promise.resolve(existing);
    const pending = this.loading.get(id);
    if (pending) return pending;
    const loading = (async () => {
      await this.unloading.get(id)?.catch(() => undefined);
      const model = await loadPooledModel(key, packageBytes, {
        maxBatchSize: options.maxBatchSize ?? this.batching.maxBatchSize,
        maxWaitMs: options.maxWaitMs ?? this.batching.maxWaitMs,
        ...(this.options.lanes !== undefined ? { lanes: this.options.lanes } : {}),
        ...(this.options.readOptions ? { readOptions: this.options.readOptions } : {}),
        ...(this.options.sessionOptions ? { sessionOptions: this.options.sessionOptions } : {}),
        ...(this.options.onBatch ? { onBatch: this.options.onBatch } : {}),
      });
      this.models.set(id, model);
      return model;
    })().finally(() => this.loading.delete(id));
    this.loading.set(id, loading);
    return loading;
  }

  get(model: string, version: number): LoadedModel | undefined {
    return this.models.get(modelKey(model, version));
  }

  loadedKeys(): string[] {
    return [...this.models.keys()];
  }

  /**
   * Takes the version out of the pool at once (get() stops returning it), waits for the predictions already submitted
   * to it, then releases its session. Route requests elsewhere first: predict() on an unloading version is refused.
   */
  unload(model: string, version: number): Promise<void> {
    const id = modelKey(model, version);
    const loading = this.loading.get(id);
    if (loading) return loading.then(() => this.unload(model, version), () => undefined);
    const unloading = this.unloading.get(id);
    if (unloading) return unloading;
    const loaded = this.models.get(id);
    if (!loaded) return Promise.resolve();
    this.models.delete(id);
    const done = loaded.unload().finally(() => this.unloading.delete(id));
    this.unloading.set(id, done);
    return done;
  }

  /**
   * Brings the pool to `desired`: loads what is missing (at most loadConcurrency at a time), and only then drains and
   * unloads what is no longer desired, so a caller switching its routing between the two never finds neither loaded.
   */
  async reconcile(desired: readonly DesiredVersion[]): Promise<ReconcileResult> {
    const wanted = new Map(desired.map((d) => [modelKey(d.model, d.version), d]));
    const missing = [...wanted].filter(([id]) => !this.models.has(id));
    const failed: { key: string; error: PitstopError }[] = [];
    const loaded: string[] = [];
    await forEachLimited(missing, this.options.loadConcurrency ?? 2, async ([id, version]) => {
      try {
        // A key another call is already loading is awaited, not fetched a second time.
        await (this.loading.get(id) ?? this.load(version, await version.fetch()));
        loaded.push(id);
      } catch (error) {
        failed.push({ key: id, error: toPitstopError(error) });
      }
    });

    const modelsWithFailures = new Set(failed.map((f) => wanted.get(f.key)!.model));
    const surplus = [...this.models.values()].filter((m) => !wanted.has(m.key));
    const kept = surplus.filter((m) => modelsWithFailures.has(m.model)).map((m) => m.key);
    const unloaded: string[] = [];
    await Promise.all(
      surplus
        .filter((m) => !modelsWithFailures.has(m.model))
        .map(async (m) => {
          try {
            await this.unload(m.model, m.version);
            unloaded.push(m.key);
          } catch (error) {
            failed.push({ key: m.key, error: toPitstopError(error) });
          }
        }),
    );
    return { loaded, unloaded, failed, kept };
  }

  /** Resolves once no version has anything queued or running. */
  async drainAll(): Promise<void> {
    await Promise.all([...this.models.values()].map((m) => m.drain()));
  }

  /** Drains and unloads every version. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.models.values()].map((m) => this.unload(m.model, m.version)));
  }
}

/** Runs `task` over `items` with at most `limit` running at once. */
async function forEachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
}
