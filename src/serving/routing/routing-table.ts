// What the server serves, derived from the registry: per model its primary version, canary, shadow and the other
// addressable versions. Pure: built from plain records, swapped atomically when the registry changes.
import type { AliasRecord, TrafficPolicy, VersionRecord } from '../../store/index.js';

export interface ModelRoutes {
  readonly model: string;
  /** The production version (or, with none in production, the newest in staging). */
  readonly primary: number | null;
  readonly canary: { readonly version: number; readonly percent: number } | null;
  readonly shadow: { readonly version: number; readonly percent: number } | null;
  /** Every version a caller may address with ?version= or ?alias=: staging, production, canary and shadow. */
  readonly servable: ReadonlySet<number>;
  readonly aliases: ReadonlyMap<string, number>;
  readonly stages: ReadonlyMap<number, string>;
}

export type RoutingTable = ReadonlyMap<string, ModelRoutes>;

export interface RegistrySnapshot {
  readonly versions: readonly VersionRecord[];
  readonly aliases: readonly AliasRecord[];
  readonly traffic: readonly TrafficPolicy[];
}

export function buildRoutingTable(snapshot: RegistrySnapshot): RoutingTable {
  const table = new Map<string, ModelRoutes>();
  const byModel = new Map<string, VersionRecord[]>();
  for (const v of snapshot.versions) byModel.set(v.model, [...(byModel.get(v.model) ?? []), v]);
  for (const [model, versions] of byModel) {
    const inStage = (stage: string) => versions.filter((v) => v.stage === stage).map((v) => v.version).sort((a, b) => b - a);
    const production = inStage('production');
    const staging = inStage('staging');
    const policy = snapshot.traffic.find((t) => t.model === model);
    const canary = policy?.canary && policy.canary.percent > 0 ? policy.canary : null;
    const shadow = policy?.shadow && policy.shadow.percent > 0 ? policy.shadow : null;
    const servable = new Set([...production, ...staging, ...(canary ? [canary.version] : []), ...(shadow ? [shadow.version] : [])]);
    if (servable.size === 0) continue;
    table.set(model, {
      model,
      primary: production[0] ?? staging[0] ?? null,
      canary,
      shadow,
      servable,
      aliases: new Map(snapshot.aliases.filter((a) => a.model === model).map((a) => [a.alias, a.version])),
      stages: new Map(versions.map((v) => [v.version, v.stage])),
    });
  }
  return table;
}

/** Every (model, version) the server must have loaded. */
export function desiredVersions(table: RoutingTable): { model: string; version: number }[] {
  return [...table.values()].flatMap((routes) => [...routes.servable].map((version) => ({ model: routes.model, version })));
}
