// How a rules dry run calls a model: only versions a server would serve (production, staging, canary, shadow), named
// as rule sets name them (a number, an alias, or `production`). On a server this is the serving path itself; the CLI,
// which has no server, builds the same routing table from the registry and loads what it names.
import { PitstopError } from '../../errors/index.js';
import type { Registry } from '../../registry/index.js';
import type { FeatureRecord, ModelSession } from '../../runtime/index.js';
import type { Stores } from '../../store/index.js';
import { flattenPrediction } from '../apps/flatten-prediction.js';
import type { PredictionService } from '../prediction-service.js';
import { buildRoutingTable, type ModelRoutes } from '../routing/routing-table.js';

/** Runs one record through a served version of a model and answers its prediction as rules see it. */
export type ServedModelRunner = (name: string, versionRef: string, input: unknown) => Promise<unknown>;

/** A version reference in a rule set as the serving path reads it: `production` is the primary route. */
export function versionPin(versionRef: string): { version?: number; alias?: string } {
  if (versionRef === 'production') return {};
  if (/^\d+$/.test(versionRef)) return { version: Number(versionRef) };
  return { alias: versionRef };
}

/** Through the server's own loaded models: nothing is loaded that the server does not serve. Nothing is logged. */
export function servingPathRunner(predictions: PredictionService): ServedModelRunner {
  return async (name, versionRef, input) => {
    const pin = versionPin(versionRef);
    const target = predictions.resolve(name, pin.version, pin.alias);
    const [answered] = await target.predictInRuns([input as FeatureRecord]);
    return flattenPrediction(answered?.prediction);
  };
}

/**
 * For the CLI: the routing table a server would build now, and a session per served version for the run's length.
 * Returns the runner and a function releasing the sessions.
 */
export async function localServedRunner(stores: Stores, registry: Registry): Promise<{ run: ServedModelRunner; release: () => Promise<void> }> {
  const sessions = new Map<string, Promise<ModelSession>>();
  let table: Promise<ReadonlyMap<string, ModelRoutes>> | null = null;
  const routing = () => (table ??= (async () => {
    const models = await stores.listModels();
    const versions = (await Promise.all(models.map((m) => stores.listVersions(m.name)))).flat();
    const aliases = (await Promise.all(models.map((m) => stores.listAliases(m.name)))).flat();
    return buildRoutingTable({ versions, aliases, traffic: await stores.traffic.listTraffic() });
  })());
  const run: ServedModelRunner = async (name, versionRef, input) => {
    const routes = (await routing()).get(name);
    if (!routes) throw new PitstopError('MODEL_NOT_FOUND', `model "${name}" is not served (no version in staging or production)`, { field: 'model' });
    const pin = versionPin(versionRef);
    const version = pin.alias !== undefined ? routes.aliases.get(pin.alias) : (pin.version ?? routes.primary ?? undefined);
    if (version === undefined || !routes.servable.has(version)) {
      throw new PitstopError('VERSION_NOT_FOUND', `version ${version ?? versionRef} of "${name}" is not served; served versions: ${[...routes.servable].join(', ')} (only staging, production, canary and shadow versions are served)`, { field: 'version' });
    }
    const key = `${name}@${version}`;
    if (!sessions.has(key)) {
      // onnxruntime is loaded on the first model run: a dry run that runs none (and every other rules command) never needs it.
      sessions.set(key, Promise.all([registry.loadPackage(name, version), import('../../runtime/index.js')]).then(([pkg, runtime]) => runtime.ModelSession.load(pkg.modelBytes(), pkg.manifest)));
    }
    const [prediction] = await (await sessions.get(key)!).predict([input as FeatureRecord]);
    return flattenPrediction(prediction);
  };
  const release = async () => {
    for (const session of sessions.values()) await (await session.catch(() => null))?.release();
  };
  return { run, release };
}
