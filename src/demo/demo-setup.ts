// The first half of the demo: a fresh embedded Pitstop (SQLite and local files), the restaurants feature table, the
// first delivery-eta model trained, packaged, registered and promoted, a server with monitoring, and the eta rule set.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { ulid } from 'ulid';
import type { AlertLogger } from '../alerts/index.js';
import { createServices, type Services } from '../bootstrap.js';
import { loadConfig } from '../config/index.js';
import { upsertFeatureRecords } from '../features/index.js';
import { MonitoringService, parseMonitoringConfig } from '../monitoring/index.js';
import { readPackage } from '../package/index.js';
import { generateApiKey } from '../serving/auth/index.js';
import { createPitstopServer, type PitstopServer } from '../serving/index.js';
import { runTraining } from '../training/index.js';
import { DeliveryWorld } from './delivery-world.js';
import { prepareDemoHome } from './demo-home.js';
import { shown, type DemoSteps } from './demo-steps.js';
import { APP, ETA_RULE_SET, MODEL, MONITORING_YAML, RESTAURANTS_TABLE, TRAINING_ROWS, trainingRequest } from './eta-application.js';
import { PitstopClient } from './pitstop-client.js';

export interface DemoOptions {
  /** The demo's Pitstop home (created; a non-empty one only with `fresh`, and only if an earlier demo made it). */
  readonly home: string;
  readonly fresh: boolean;
  /** 0: any free port. */
  readonly port: number;
  readonly seed: number;
  readonly actor: string;
}

/** What the life-cycle half works with; `cleanup` closes what was opened, newest first. */
export interface DemoStage {
  readonly home: string;
  readonly world: DeliveryWorld;
  readonly services: Services;
  readonly server: PitstopServer;
  readonly monitoring: MonitoringService;
  readonly url: string;
  readonly client: PitstopClient;
  readonly adminKey: string;
}

/** Steps 1 to 8. Everything opened is pushed on `cleanup` at once, so a failing step leaves nothing running. */
export async function setUpDemo(options: DemoOptions, steps: DemoSteps, cleanup: (() => Promise<void>)[]): Promise<DemoStage> {
  const world = new DeliveryWorld(options.seed);
  const { home, services, adminKey } = await steps.run('create the demo home', async () => {
    const home = await prepareDemoHome(options.home, { fresh: options.fresh, seed: options.seed, now: new Date() });
    // An empty environment: the demo runs on the embedded default whatever PITSTOP_DATABASE_URL and the rest say.
    const services = await createServices(loadConfig({}, { home, actor: options.actor }));
    cleanup.push(() => services.close());
    const key = generateApiKey();
    await services.store.keys.createKey({ id: key.id, name: 'pitstop demo', role: 'admin', secretHash: key.secretHash, salt: key.salt, createdBy: options.actor, rateLimit: null });
    return { home, services, adminKey: key.token };
  }, ({ home }) => `created the demo home ${shown(home)}: SQLite database, artifacts and archive, one admin API key`);

  await steps.run('load the restaurants feature table', async () => {
    await services.store.features.createTable(RESTAURANTS_TABLE, options.actor);
    const records = world.restaurants.map((r) => ({ ...r }));
    await upsertFeatureRecords(services.store.features, RESTAURANTS_TABLE.name, records, options.actor);
    return services.store.features.countRows(RESTAURANTS_TABLE.name);
  }, (rows) => `loaded feature table ${RESTAURANTS_TABLE.name} into the online store: ${rows} restaurants (${RESTAURANTS_TABLE.columns.map((c) => c.name).join(', ')})`);

  const packageFile = path.join(home, `${MODEL}-v1.pitstop`);
  const trained = await steps.run(`train ${MODEL} v1`, async () =>
    runTraining(trainingRequest(world.history(TRAINING_ROWS), options.seed), packageFile, { runs: services.store.runs, actor: options.actor, runId: ulid() }),
  ({ run }) => `trained ${MODEL} v1 (gbdt regression, ${TRAINING_ROWS.toLocaleString('en')} past orders: distance_km, prep_minutes, cuisine, hour → minutes): rmse ${run.metrics.holdout?.rmse?.toFixed(2)} min on the holdout`);

  const packageBytes = await steps.run('package v1', async () => {
    const bytes = await fsp.readFile(packageFile);
    const loaded = await readPackage(bytes);
    return { bytes, loaded };
  }, ({ bytes, loaded }) => `packaged ${shown(packageFile)}: ${Math.round(bytes.byteLength / 1024)} kB, ${Object.keys(loaded.manifest.files).length} files verified, feature pipeline inside the ONNX graph, digest sha256:${loaded.digest.slice(0, 12)}`)
    .then(({ bytes }) => bytes);

  const registered = await steps.run(`register ${MODEL} v1`, () => services.registry.register(packageBytes, options.actor, { description: 'first model, trained on clear-weather history' }),
    ({ version }) => `registered ${version.model} v${version.version} (stage ${version.stage}, run ${trained.run.id.slice(-8)} in its lineage)`);

  await steps.run(`promote ${MODEL} v1`, () => services.registry.promote(MODEL, registered.version.version, 'first model for the eta app', options.actor),
    (moves) => `promoted v${registered.version.version} to production: ${['registered', ...moves.map((m) => m.to)].join(' → ')}`);

  const { server, monitoring, url } = await steps.run('start the server', async () => {
    // The rules live in the home's monitoring file, so that later commands in the home find and evaluate them.
    const file = services.config.monitoringFile;
    await fsp.writeFile(file, MONITORING_YAML, { flag: 'wx' });
    const config = parseMonitoringConfig(await fsp.readFile(file, 'utf8'), file);
    const monitoring = new MonitoringService({ store: services.store, registry: services.registry, actor: options.actor, home, logger: fileLogger(path.join(home, 'alerts.log')) }, config);
    // Monitoring passes are the demo's to run (closing the open window when it wants a verdict); a served demo runs one every 10 minutes.
    const server = await createPitstopServer(services.store, services.registry, {
      home, logLevel: 'silent', pollIntervalMs: 100, monitoring: { service: monitoring, intervalMs: 600_000 },
      archiveVerification: { archive: await services.archive(), intervalMs: 24 * 3_600_000 },
    });
    cleanup.push(() => server.close());
    const url = await server.listen(options.port, '127.0.0.1');
    return { server, monitoring, url };
  }, ({ server, monitoring, url }) => {
    const rules = monitoring.config.alerts.rules.map((r) => r.name).join(' and ');
    return `serving ${[...server.deployment.routes.keys()].join(', ')} at ${url} (API keys required); monitoring by ${shown(services.config.monitoringFile)}: 1-minute windows, alerts ${rules}`;
  });

  const client = new PitstopClient(url, adminKey);
  await steps.run(`deploy the ${APP} rule set`, () => client.expect<{ ruleSet: { name: string; version: number } }>(201, 'POST', '/admin/rules', { source: ETA_RULE_SET, description: 'first rules' }),
    ({ ruleSet }) => `deployed rule set ${ruleSet.name} v${ruleSet.version} (POST /admin/rules): look up the restaurant, too-far beyond 25 km, else ${MODEL}, then round to eta_minutes`);

  return { home, world, services, server, monitoring, url, client, adminKey };
}

/** The log channel's notifications, one JSON line each, in the demo home (the terminal is for the steps). */
function fileLogger(file: string): AlertLogger {
  const write = (level: string) => (obj: object, msg?: string) => fs.appendFileSync(file, `${JSON.stringify({ level, time: new Date().toISOString(), msg, ...obj })}\n`);
  return { info: write('info'), warn: write('warn'), error: write('error') };
}
