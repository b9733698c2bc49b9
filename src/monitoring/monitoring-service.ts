// Runs monitoring: summarise closed windows, evaluate alert rules (the config file's and those added with
// `pitstop alerts add`), notify, and retrain where a policy says so. `pitstop serve` runs a pass on a timer;
// `pitstop monitor run` runs one (for cron).
import { effectiveAlertRules } from './alert-rule-views.js';
import path from 'node:path';
import { AlertRuleSchema, Notifier, type AlertLogger, type AlertRule } from '../alerts/index.js';
import type { Registry } from '../registry/index.js';
import type { AlertEventRecord, Stores } from '../store/index.js';
import { evaluateAlerts } from './alert-job.js';
import type { MonitoringConfig } from './monitoring-config.js';
import { alertMetrics, modelHealth, type HealthRange } from './model-health.js';
import type { MonitoringReport } from './report/index.js';
import { retrainModel, type RetrainOutcome } from './retraining.js';
import { monitoredVersions, VersionContexts, type MonitoredVersion } from './version-context.js';
import { closedUntil, summarizeClosedWindows } from './window-job.js';

export interface MonitoringServiceDeps {
  readonly store: Stores;
  readonly registry: Registry;
  readonly actor: string;
  readonly home: string;
  readonly logger: AlertLogger;
  readonly env?: NodeJS.ProcessEnv;
}

export interface MonitoringPass {
  readonly windows: number;
  /** Raw predictions deleted by the retention setting (their windows' sketches are kept). */
  readonly expired: number;
  /** Decisions of the application endpoint deleted by the same retention. */
  readonly expiredDecisions: number;
  readonly events: AlertEventRecord[];
  readonly retrained: RetrainOutcome[];
}

export interface PassOptions {
  /**
   * Also close the window still open, at the pass's time, so that traffic is judged without waiting for the window's
   * end. The caller flushes the prediction log first: a prediction logged later with an earlier time would be missed.
   */
  readonly closeOpenWindow?: boolean;
}

export class MonitoringService {
  private readonly contexts: VersionContexts;
  private readonly notifier: Notifier;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<MonitoringPass> | null = null;

  constructor(private readonly deps: MonitoringServiceDeps, readonly config: MonitoringConfig) {
    this.contexts = new VersionContexts(deps.registry, deps.store.monitoring);
    const channels = config.alerts.channels.length > 0 ? config.alerts.channels : [{ name: 'log', type: 'log' as const }];
    this.notifier = Notifier.fromConfig(channels, { env: deps.env ?? process.env, logger: deps.logger });
  }

  /** One pass; concurrent callers share it. */
  runPass(now = new Date(), options: PassOptions = {}): Promise<MonitoringPass> {
    this.running ??= this.pass(now, options.closeOpenWindow === true).finally(() => (this.running = null));
    return this.running;
  }

  /** A model's report over a range, from the stored windows: the versions served now, and those that served in the range. */
  async report(model: string, range: HealthRange, now = new Date()): Promise<MonitoringReport> {
    await this.deps.registry.getModel(model);
    const versions = await monitoredVersions(this.deps.registry, this.deps.store.traffic, model);
    const stages = new Map((await this.deps.registry.listVersions(model)).map((v) => [v.version, v.stage as string]));
    return modelHealth({ monitoring: this.deps.store.monitoring, labels: this.deps.store.labels, contexts: this.contexts }, model, versions, range, now, stages);
  }

  /** Runs a pass every intervalMs while `mayRun` says so (e.g. while this replica holds the background lease). */
  start(intervalMs: number, mayRun: () => boolean = () => true): void {
    this.timer ??= setInterval(() => {
      if (mayRun()) void this.runPass().catch((error: unknown) => this.deps.logger.error({ err: error }, 'monitoring pass failed'));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  private async pass(now: Date, closeOpenWindow: boolean): Promise<MonitoringPass> {
    const { store, registry } = this.deps;
    const versions = await monitoredVersions(registry, store.traffic);
    const windows = await summarizeClosedWindows({ predictions: store.predictions, monitoring: store.monitoring, contexts: this.contexts }, versions, this.config.windowMs, now, closeOpenWindow);
    // Each pass keeps the logs' day partitions (PostgreSQL) a week ahead, whether or not a retention is set.
    await store.predictions.preparePartitions(now);
    await store.decisions.preparePartitions(now);
    const { expired, expiredDecisions } = await this.expire(versions, now);
    const rules = await this.rules();
    const retrained: RetrainOutcome[] = [];
    // Rules look at the latest closed window of the model's production version (staging when none is in production).
    const closedEnd = closedUntil(now, this.config.windowMs, closeOpenWindow);
    const metricsOf = async (model: string) => {
      const mine = versions.filter((v) => v.model === model);
      const primary = mine.find((v) => v.role === 'production') ?? mine.find((v) => v.role === 'staging');
      if (!primary) return {};
      const range = await this.latestWindow(primary, closedEnd);
      return alertMetrics(await modelHealth({ monitoring: store.monitoring, labels: store.labels, contexts: this.contexts }, model, [primary], range, now), primary.version);
    };
    const events = await evaluateAlerts(
      {
        monitoring: store.monitoring,
        notifier: this.notifier,
        onRetrain: async (rule) => {
          const policy = this.config.retraining.find((p) => p.model === rule.model);
          if (!policy) return;
          const workDir = path.join(this.deps.home, 'retraining');
          retrained.push(await retrainModel({ store, registry, actor: this.deps.actor, workDir }, policy, `alert ${rule.name} (${rule.metric} ${rule.op} ${rule.threshold})`));
        },
      },
      rules,
      metricsOf,
      now,
    );
    return { windows, expired, expiredDecisions, events, retrained };
  }

  /** The version's window that ends at `closedEnd`: from the multiple of the window size before it, or later where a window closed early left off. */
  private async latestWindow(version: MonitoredVersion, closedEnd: number): Promise<HealthRange> {
    const aligned = Math.floor((closedEnd - 1) / this.config.windowMs) * this.config.windowMs;
    const to = new Date(closedEnd).toISOString();
    const windows = await this.deps.store.monitoring.listWindows({ model: version.model, version: version.version, from: new Date(aligned).toISOString(), to });
    return { from: new Date(windows.at(-1)?.windowStart ?? aligned), to: new Date(closedEnd), label: 'latest window' };
  }

  /**
   * Raw predictions older than the retention go, but never one a monitored version has not summarised yet: the drift
   * history outlives the raw log. One cutoff for the whole log, so PostgreSQL can drop whole days.
   */
  private async expire(versions: readonly { model: string; version: number }[], now: Date): Promise<{ expired: number; expiredDecisions: number }> {
    if (this.config.retentionMs === null) return { expired: 0, expiredDecisions: 0 };
    const { predictions, decisions, monitoring } = this.deps.store;
    let cutoff = now.getTime() - this.config.retentionMs;
    for (const { model, version } of versions) {
      const summarisedUntil = await monitoring.lastWindowEnd(model, version);
      const unsummarisedFrom = summarisedUntil ?? (await predictions.listPredictions({ model, version, limit: 1 }))[0]?.at;
      if (unsummarisedFrom) cutoff = Math.min(cutoff, Date.parse(unsummarisedFrom));
    }
    // Decisions go with the predictions they called, so an audit never finds one without the other.
    const before = new Date(cutoff).toISOString();
    return { expired: await predictions.expirePredictionsBefore(before), expiredDecisions: await decisions.expireDecisionsBefore(before) };
  }

  /** The config file's rules, then the stored ones (a stored rule of the same model and name replaces the file's). */
  private async rules(): Promise<AlertRule[]> {
    return effectiveAlertRules(this.config.alerts.rules, await this.deps.store.monitoring.listRules()).map((r) => r.rule);
  }
}
