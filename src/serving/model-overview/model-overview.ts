// The admin GUI's model list and model page: registry state, traffic and health for a page of models in a fixed
// number of queries (each grouped over the page), whatever the number of models or predictions.
import type { AlertRule } from '../../alerts/index.js';
import { windowLatencyQuantile, type WindowDrift } from '../../monitoring/index.js';
import type { Registry } from '../../registry/index.js';
import type { ModelActivity, ModelRecord, ModelSummary, StoredWindow, Stores, TrafficPolicy, VersionRecord } from '../../store/index.js';
import type { ServingMetrics } from '../serving-metrics.js';
import { alertRuleViews, type AlertRuleView } from '../../monitoring/index.js';
import { alertStatus, driftStatus, isPerformanceMetric, type HealthStatus } from './health-status.js';

/** Recent traffic is read from the prediction log over this span. */
export const ACTIVITY_WINDOW_MS = 5 * 60_000;

export interface ModelHealth {
  readonly status: HealthStatus;
  /** Predictions logged per minute over the last 5 minutes (records, not HTTP requests; shadow copies left out). */
  readonly requestsPerMinute: number;
  /** Failed prediction requests over all requests for the model since this server started (null: none yet). */
  readonly errorRate: number | null;
  /** Over the last 5 minutes, or from the production version's newest monitoring window when the model was idle. */
  readonly p99LatencyMs: number | null;
  readonly drift: HealthStatus;
  /** The share of features that drifted in the production version's newest monitoring window. */
  readonly driftShare: number | null;
  readonly performance: HealthStatus;
  readonly firingAlerts: number;
}

export interface ModelListEntry {
  readonly name: string;
  readonly description: string | null;
  readonly versionCount: number;
  readonly production: { readonly version: number; readonly since: string } | null;
  readonly staging: readonly number[];
  readonly canary: { readonly version: number; readonly percent: number } | null;
  readonly shadow: { readonly version: number; readonly percent: number } | null;
  readonly aliases: Readonly<Record<string, number>>;
  readonly health: ModelHealth;
}

export interface ModelListQuery {
  /** Case-insensitive part of the name or description. */
  readonly q?: string;
  readonly limit: number;
  readonly offset: number;
}

export interface ModelOverviewDeps {
  readonly stores: Stores;
  readonly registry: Registry;
  readonly metrics: ServingMetrics;
  readonly drift: WindowDrift;
  /** The monitoring file's rules, when this server runs monitoring. */
  readonly configRules: () => readonly AlertRule[];
}

export class ModelOverview {
  constructor(private readonly deps: ModelOverviewDeps) {}

  async list(query: ModelListQuery, now = new Date()): Promise<{ total: number; models: ModelListEntry[] }> {
    const needle = query.q?.trim().toLowerCase();
    const matching = (await this.deps.stores.listModels()).filter((m) => !needle || m.name.toLowerCase().includes(needle) || (m.description ?? '').toLowerCase().includes(needle));
    const page = matching.slice(query.offset, query.offset + query.limit);
    return { total: matching.length, models: await this.entries(page, now) };
  }

  /** Everything the model page shows; MODEL_NOT_FOUND for an unknown model. */
  async detail(name: string, now = new Date()) {
    const { registry, stores } = this.deps;
    const model: ModelRecord = await registry.getModel(name);
    const [versions, aliases, traffic, policy, history, pendingPromotions] = await Promise.all([
      registry.listVersions(name), registry.listAliases(name), stores.traffic.getTraffic(name), registry.promotionPolicy(name),
      stores.listAudit({ model: name }), stores.approvals.listRequests({ model: name, status: 'pending' }),
    ]);
    const inStage = (stage: string) => versions.filter((v) => v.stage === stage);
    const summary: ModelSummary = {
      ...model, versionCount: versions.length, productionVersions: inStage('production').map((v) => v.version), stagingVersions: inStage('staging').map((v) => v.version),
      productionSince: inStage('production').at(-1)?.stageChangedAt ?? null,
    };
    const [entry] = await this.entries([summary], now);
    return {
      model,
      versions: versions.map((v) => ({ ...v, aliases: aliases.filter((a) => a.version === v.version).map((a) => a.alias), ...lineageOf(v) })),
      traffic: traffic ?? { model: name, canary: null, shadow: null, updatedBy: null, updatedAt: null },
      policy,
      history,
      pendingPromotions,
      health: entry?.health ?? null,
    };
  }

  private async entries(page: readonly ModelSummary[], now: Date): Promise<ModelListEntry[]> {
    if (page.length === 0) return [];
    const { stores } = this.deps;
    const names = page.map((m) => m.name);
    const production = page.flatMap((m) => (m.productionVersions.length > 0 ? [{ model: m.name, version: m.productionVersions.at(-1)! }] : []));
    const [aliases, traffic, activity, windows, storedRules, states, errorRates] = await Promise.all([
      stores.listAliases(), stores.traffic.listTraffic(), stores.predictions.modelActivity(names, new Date(now.getTime() - ACTIVITY_WINDOW_MS).toISOString()),
      stores.monitoring.latestWindows(production), stores.monitoring.listRules(), stores.monitoring.listAlertStates(names), this.errorRates(),
    ]);
    const rules = alertRuleViews(this.deps.configRules(), storedRules, states, now);
    const trafficOf = new Map(traffic.map((t) => [t.model, t]));
    const activityOf = new Map(activity.map((a) => [a.model, a]));
    const windowOf = new Map(windows.map((w) => [w.model, w]));
    return Promise.all(page.map(async (m) => {
      const policy: TrafficPolicy | undefined = trafficOf.get(m.name);
      const productionVersion = m.productionVersions.at(-1);
      const window = productionVersion === undefined ? undefined : windowOf.get(m.name);
      return {
        name: m.name,
        description: m.description,
        versionCount: m.versionCount,
        production: productionVersion === undefined ? null : { version: productionVersion, since: m.productionSince! },
        staging: m.stagingVersions,
        canary: policy?.canary ?? null,
        shadow: policy?.shadow ?? null,
        aliases: Object.fromEntries(aliases.filter((a) => a.model === m.name).map((a) => [a.alias, a.version])),
        health: await this.health(m, activityOf.get(m.name), window, rules.get(m.name) ?? [], errorRates.get(m.name) ?? null),
      };
    }));
  }

  private async health(m: ModelSummary, activity: ModelActivity | undefined, window: StoredWindow | undefined, rules: readonly AlertRuleView[], errorRate: number | null): Promise<ModelHealth> {
    const driftShare = window ? await this.deps.drift.driftShare(window).catch(() => null) : null;
    const recentP99 = activity && activity.predictions > 0 ? activity.p99LatencyMs : null;
    const lights = rules.map((r) => ({ severity: r.severity, firing: r.state === 'firing' }));
    const performanceLights = rules.filter((r) => isPerformanceMetric(r.metric)).map((r) => ({ severity: r.severity, firing: r.state === 'firing' }));
    const served = m.productionVersions.length > 0 || m.stagingVersions.length > 0;
    return {
      status: alertStatus(lights, served),
      requestsPerMinute: (activity?.predictions ?? 0) / (ACTIVITY_WINDOW_MS / 60_000),
      errorRate,
      p99LatencyMs: recentP99 ?? (window ? windowLatencyQuantile(window, 0.99) : null),
      drift: driftStatus(driftShare),
      driftShare,
      performance: alertStatus(performanceLights, performanceLights.length > 0),
      firingAlerts: lights.filter((l) => l.firing).length,
    };
  }

  /** Failed over all prediction requests per model, from this server's Prometheus counters (since it started). */
  private async errorRates(): Promise<Map<string, number>> {
    const [requests, errors] = await Promise.all([this.deps.metrics.requests.get(), this.deps.metrics.errors.get()]);
    const sum = (values: typeof requests.values) => {
      const byModel = new Map<string, number>();
      for (const v of values) byModel.set(String(v.labels.model), (byModel.get(String(v.labels.model)) ?? 0) + v.value);
      return byModel;
    };
    const answered = sum(requests.values);
    const failed = sum(errors.values);
    const rates = new Map<string, number>();
    for (const model of new Set([...answered.keys(), ...failed.keys()])) {
      const total = (answered.get(model) ?? 0) + (failed.get(model) ?? 0);
      if (total > 0) rates.set(model, (failed.get(model) ?? 0) / total);
    }
    return rates;
  }
}

/** The training metrics and lineage a version's manifest records. */
function lineageOf(version: VersionRecord): { metrics: Record<string, number>; lineage: Record<string, unknown> } {
  const lineage = ((version.manifest as { lineage?: Record<string, unknown> } | null)?.lineage ?? {});
  return { metrics: (lineage.metrics as Record<string, number> | undefined) ?? {}, lineage };
}
