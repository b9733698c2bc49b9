// Runs monitoring: summarise closed windows, evaluate alert rules (the config file's and those added with
// `pitstop alerts add`), notify, and retrain where a policy says so. `pitstop serve` runs a pass on a timer;
// `pitstop monitor run` runs one (for cron).
import path from 'node:path';
import { AlertRuleSchema, Notifier, type AlertLogger, type AlertRule } from '../alerts/index.js';
import type { Registry } from '../registry/index.js';
import type { AlertEventRecord, Stores } from '../store/index.js';
import { evaluateAlerts } from './alert-job.js';
import type { MonitoringConfig } from './monitoring-config.js';
import { alertMetrics, modelHealth, type HealthRange } from './model-health.js';
import type { MonitoringReport } from './report/index.js';
import { retrainModel, type RetrainOutcome } from './retraining.js';
import { monitoredVersions, VersionContexts } from './version-context.js';
import { summarizeClosedWindows } from './window-job.js';

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
  runPass(now = new Date()): Promise<MonitoringPass> {
    this.running ??= this.pass(now).finally(() => (this.running = null));
    return this.running;
  }

  /** A model's report over a range, from the stored windows. */
  async report(model: string, range: HealthRange, now = new Date()): Promise<MonitoringReport> {
    await this.deps.registry.getModel(model);
    const versions = await monitoredVersions(this.deps.registry, this.deps.store.traffic, model);
    return modelHealth({ monitoring: this.deps.store.monitoring, labels: this.deps.store.labels, contexts: this.contexts }, model, versions, range, now);
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

  private async pass(now: Date): Promise<MonitoringPass> {
    const { store, registry } = this.deps;
    const versions = await monitoredVersions(registry, store.traffic);
    const windows = await summarizeClosedWindows({ predictions: store.predictions, monitoring: store.monitoring, contexts: this.contexts }, versions, this.config.windowMs, now);
    // Each pass keeps the logs' day partitions (PostgreSQL) a week ahead, whether or not a retention is set.
    await store.predictions.preparePartitions(now);
    await store.decisions.preparePartitions(now);
    const { expired, expiredDecisions } = await this.expire(versions, now);
    const rules = await this.rules();
    const retrained: RetrainOutcome[] = [];
    // Rules look at the latest closed window of the model's production version (staging when none is in production).
    const closedEnd = new Date(Math.floor(now.getTime() / this.config.windowMs) * this.config.windowMs);
    const range = { from: new Date(closedEnd.getTime() - this.config.windowMs), to: closedEnd, label: 'latest window' };
    const metricsOf = async (model: string) => {
      const mine = versions.filter((v) => v.model === model);
      const primary = mine.find((v) => v.role === 'production') ?? mine.find((v) => v.role === 'staging');
      if (!primary) return {};
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
    const stored = (await this.deps.store.monitoring.listRules()).map((r) => AlertRuleSchema.parse(r.rule));
    const byKey = new Map(this.config.alerts.rules.map((r) => [`${r.model}/${r.name}`, r]));
    for (const rule of stored) byKey.set(`${rule.model}/${rule.name}`, rule);
    return [...byKey.values()];
  }
}
