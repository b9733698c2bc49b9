// What monitoring needs to know about one served version, loaded once and cached: its manifest, the reference
// sketches from its package's profile, and the plan its windows are sketched by.
import type { Manifest } from '../manifest/index.js';
import { RESOURCE_FILES } from '../manifest/index.js';
import { ReferenceProfileSchema, type ReferenceProfile } from '../profile/index.js';
import type { Registry } from '../registry/index.js';
import type { MonitoringStore, Stage, TrafficStore } from '../store/index.js';
import { binningOf, referenceSketches, type FeatureSketch } from './drift/index.js';
import { summaryPlan, type SummaryPlan, type WindowSummary } from './windows/window-summary.js';

export interface VersionContext {
  readonly model: string;
  readonly version: number;
  readonly manifest: Manifest;
  readonly reference: Record<string, FeatureSketch>;
  /** The output's baseline: the version's first monitored window (the package has no profile of its outputs). */
  readonly predictionReference: FeatureSketch | null;
  readonly plan: SummaryPlan;
}

export interface MonitoredVersion {
  readonly model: string;
  readonly version: number;
  readonly role: 'production' | 'staging' | 'canary' | 'shadow';
}

/** Versions taking traffic (production, canary, shadow) or being tried (staging), per model. */
export async function monitoredVersions(registry: Registry, traffic: TrafficStore, model?: string): Promise<MonitoredVersion[]> {
  const models = model ? [model] : (await registry.listModels()).map((m) => m.name);
  const result: MonitoredVersion[] = [];
  for (const name of models) {
    const versions = await registry.listVersions(name);
    const policy = await traffic.getTraffic(name);
    const roles = new Map<number, MonitoredVersion['role']>();
    for (const v of versions) if (v.stage === 'production' || v.stage === 'staging') roles.set(v.version, v.stage as Extract<Stage, 'production' | 'staging'>);
    if (policy?.canary) roles.set(policy.canary.version, 'canary');
    if (policy?.shadow) roles.set(policy.shadow.version, 'shadow');
    for (const [version, role] of [...roles].sort((a, b) => a[0] - b[0])) result.push({ model: name, version, role });
  }
  return result;
}

export class VersionContexts {
  private readonly cache = new Map<string, VersionContext>();

  constructor(private readonly registry: Registry, private readonly monitoring: MonitoringStore) {}

  async get(model: string, version: number): Promise<VersionContext> {
    const key = `${model}@${version}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const loaded = await this.registry.loadPackage(model, version);
    const profileBytes = loaded.files.get(RESOURCE_FILES.referenceProfile);
    const profile: ReferenceProfile | null = profileBytes ? ReferenceProfileSchema.parse(JSON.parse(profileBytes.toString('utf8'))) : null;
    const [first] = await this.monitoring.listWindows({ model, version });
    const firstPrediction = (first?.summary as WindowSummary | undefined)?.prediction ?? null;
    const context: VersionContext = {
      model, version, manifest: loaded.manifest, reference: profile ? referenceSketches(profile) : {},
      predictionReference: firstPrediction, plan: summaryPlan(loaded.manifest, profile, firstPrediction ? binningOf(firstPrediction) : null),
    };
    // Until a first window exists the output has no binning; do not cache a context that will change.
    if (firstPrediction) this.cache.set(key, context);
    return context;
  }
}
