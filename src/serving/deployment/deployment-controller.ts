// Keeps the server's loaded models and routing table in step with the registry: is told of changes (PostgreSQL
// NOTIFY) or polls for them (always, as the safety net), loads new
// versions in the background, switches routing atomically, then drains and unloads what is no longer served.
import type { Registry } from '../../registry/index.js';
import type { ChangeFeed, MetadataStore, TrafficStore } from '../../store/index.js';
import type { ModelPool } from '../model-pool/index.js';
import { buildRoutingTable, desiredVersions, type ModelRoutes, type RoutingTable } from '../routing/routing-table.js';

export interface DeploymentControllerOptions {
  readonly pollIntervalMs?: number;
  readonly onLoadFailure?: (key: string, error: unknown) => void;
  readonly onSwap?: (table: RoutingTable) => void;
  /** Runs on every sync that found a change, before the sync counts as done (e.g. reloading rule sets). */
  readonly onChange?: () => Promise<void>;
}

export interface LoadFailure {
  readonly key: string;
  readonly message: string;
  readonly at: string;
}

export class DeploymentController {
  private table: RoutingTable = new Map();
  private revision = -1;
  private timer: NodeJS.Timeout | null = null;
  private syncing: Promise<void> | null = null;
  /** The sync queued behind the running one, shared by every caller who asked meanwhile. */
  private followUp: Promise<void> | null = null;
  private unsubscribe: (() => Promise<void>) | null = null;
  private ready = false;
  readonly failures = new Map<string, LoadFailure>();

  constructor(
    private readonly deps: { store: MetadataStore; traffic: TrafficStore; changes: ChangeFeed; registry: Registry; pool: ModelPool },
    private readonly options: DeploymentControllerOptions = {},
  ) {}

  /** The routing table in force; replaced as a whole, never mutated. */
  get routes(): RoutingTable {
    return this.table;
  }

  /** True once the first synchronisation has loaded what the registry says to serve. */
  get isReady(): boolean {
    return this.ready;
  }

  async start(): Promise<void> {
    await this.sync(true);
    this.ready = true;
    // A poll finding a sync under way skips: that sync, or the one queued behind it, will see the change.
    this.timer = setInterval(() => void (this.syncing ? undefined : this.sync(false).catch(() => undefined)), this.options.pollIntervalMs ?? 500);
    this.timer.unref();
    this.unsubscribe = await this.deps.changes.subscribe(() => void this.sync(false).catch(() => undefined)).catch(() => null);
  }

  /** True when the database pushes changes (PostgreSQL), false when only polling notices them. */
  get isSubscribed(): boolean {
    return this.unsubscribe !== null;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = null;
    await unsubscribe?.();
  }

  /**
   * Brings the served models up to date with the registry as it is now. A sync already running may have read the
   * registry before the caller's change committed, so the caller gets one that starts after it.
   */
  sync(force = false): Promise<void> {
    if (!this.syncing) {
      this.syncing = this.syncOnce(force).finally(() => (this.syncing = null));
      return this.syncing;
    }
    this.followUp ??= this.syncing
      .catch(() => undefined)
      .then(() => {
        this.followUp = null;
        return this.sync(force);
      });
    return this.followUp;
  }

  private async syncOnce(force: boolean): Promise<void> {
    const revision = await this.deps.changes.currentRevision();
    if (!force && revision === this.revision) return;
    const models = await this.deps.store.listModels();
    const [versions, aliases, traffic] = await Promise.all([
      Promise.all(models.map((m) => this.deps.store.listVersions(m.name))).then((all) => all.flat()),
      Promise.all(models.map((m) => this.deps.store.listAliases(m.name))).then((all) => all.flat()),
      this.deps.traffic.listTraffic(),
    ]);
    const wanted = buildRoutingTable({ versions, aliases, traffic });
    const desired = desiredVersions(wanted);
    const previous = desiredVersions(this.table);
    // Load the new versions next to the old ones first, so requests in flight keep a loaded model to run on.
    const result = await this.deps.pool.reconcile(
      unionByKey([...previous, ...desired]).map((d) => ({ ...d, fetch: () => this.fetchPackage(d.model, d.version) })),
    );
    for (const failure of result.failed) {
      this.failures.set(failure.key, { key: failure.key, message: (failure.error as Error).message, at: new Date().toISOString() });
      this.options.onLoadFailure?.(failure.key, failure.error);
    }
    for (const key of result.loaded) this.failures.delete(key);
    this.table = this.effectiveTable(wanted);
    this.options.onSwap?.(this.table);
    // Now nothing routes to the versions left out; the pool drains their in-flight requests before releasing them.
    await this.deps.pool.reconcile(desiredVersions(this.table).map((d) => ({ ...d, fetch: () => this.fetchPackage(d.model, d.version) })));
    await this.options.onChange?.();
    this.revision = revision;
  }

  /** The wanted routes, except that a model whose new versions failed to load keeps the routes it had. */
  private effectiveTable(wanted: RoutingTable): RoutingTable {
    const effective = new Map<string, ModelRoutes>();
    for (const [model, routes] of wanted) {
      const needed = [routes.primary, routes.canary?.version, routes.shadow?.version].filter((v): v is number => typeof v === 'number');
      const allLoaded = needed.every((v) => this.deps.pool.get(model, v) !== undefined);
      if (allLoaded) {
        const servable = new Set([...routes.servable].filter((v) => this.deps.pool.get(model, v) !== undefined));
        effective.set(model, { ...routes, servable });
      } else if (this.table.has(model)) {
        effective.set(model, this.table.get(model)!);
      }
    }
    return effective;
  }

  private async fetchPackage(model: string, version: number): Promise<Uint8Array> {
    const record = await this.deps.registry.getVersion(model, version);
    return this.deps.registry.readArtifact(record.artifactKey);
  }
}

function unionByKey(items: { model: string; version: number }[]): { model: string; version: number }[] {
  const seen = new Map(items.map((i) => [`${i.model}@${i.version}`, i]));
  return [...seen.values()];
}
