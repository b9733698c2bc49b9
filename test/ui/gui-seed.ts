// The server the GUI tests drive: the serving fixture's store and models, plus what the pages show (a model with a
// reference profile, drifted and labelled traffic, a firing alert, a rule set with logged decisions, an archived
// version), served by a server that runs monitoring, as `pitstop serve` does.
import { MonitoringService } from '../../src/monitoring/index.js';
import { createPitstopServer, type PitstopServer } from '../../src/serving/index.js';
import type { Backend } from '../fixtures/backends.js';
import { monitoringFor, registerRegressor } from '../fixtures/admin-seeds.js';
import { creditRules as creditAppRules, loadCustomers } from '../fixtures/credit-app.js';
import { MODEL, startTestServer, type TestServer } from '../fixtures/serving.js';
import { tempDir } from '../fixtures/test-databases.js';

/** The model whose monitoring page the tests look at: in production with a reference profile, v2 in staging. */
export const MONITORED = 'energy-use';
export const RULE_SET = 'credit';
/** A model with one registered version and nothing in production: the approval test promotes it. */
export const UNDEPLOYED = 'churn-risk';
/** The model the rule set calls: the test regressor with a reference profile, so its predictions can be explained. */
export const SCORER = 'credit-score';

/** The credit rule set (test/fixtures/credit-app.ts), calling SCORER. */
export const creditRules = (threshold: number) => creditAppRules(threshold, SCORER);

const MONITORING_FILE = `window: 1h
rules:
  - { name: x1-drift, model: ${MONITORED}, metric: "drift:x1", op: ">=", threshold: 1, severity: critical, description: "x1 no longer looks like the training data" }
  - { name: slow-answers, model: ${MONITORED}, metric: p99_latency_ms, op: ">", threshold: 500, for: 5m, severity: warning }
`;

export interface GuiServer {
  readonly url: string;
  readonly keys: TestServer['keys'];
  readonly seeded: TestServer;
  readonly server: PitstopServer;
  readonly monitoring: MonitoringService;
  close(): Promise<void>;
}

export async function startGuiServer(backend: Backend): Promise<GuiServer> {
  const t = await startTestServer(backend);
  try {
    await seedModels(t);
    await seedRules(t);
    await seedTraffic(t);
    await t.server.log.flush();
    await t.server.decisionLog.flush();
  } finally {
    // The seeding server's work is in the store; the GUI talks to the monitoring one below.
    await t.close();
  }
  const monitoring = monitoringFor(t, MONITORING_FILE);
  const server = await createPitstopServer(t.stores, t.registry, {
    home: await tempDir('pitstop-gui-'), logLevel: 'silent', pollIntervalMs: 100, archive: t.archive, monitoring: { service: monitoring, intervalMs: 24 * 3_600_000 },
  });
  const url = await server.listen(0);
  // Close the window the traffic fell in now (the log was flushed above): it is summarised and the drift rule fires.
  await monitoring.runPass(new Date(), { closeOpenWindow: true });
  return { url, keys: t.keys, seeded: t, server, monitoring, close: () => server.close() };
}

async function seedModels(t: TestServer): Promise<void> {
  await t.stores.updateModel(MODEL, { description: 'House prices from three numbers (the test regressor)' }, 'setup');
  await registerRegressor(t, MONITORED, { reference: true, production: true, description: 'Daily energy use of a building from three sensor readings', metrics: { rmse: 0.42, r2: 0.91 } });
  await registerRegressor(t, MONITORED, { reference: true, metrics: { rmse: 0.38, r2: 0.93 } });
  await t.registry.setStage(MONITORED, 2, 'staging', 'candidate from the weekly retrain', 'setup');
  // An older model whose first version was replaced and archived.
  await registerRegressor(t, 'delivery-eta', { reference: true, production: true, description: 'Minutes until a parcel arrives', metrics: { mae: 4.1 } });
  await registerRegressor(t, 'delivery-eta', { reference: true, metrics: { mae: 3.6 } });
  await t.registry.promote('delivery-eta', 2, 'lower error on the holdout', 'setup');
  await t.archive.archive('delivery-eta', 1, { reason: 'replaced by v2' }, 'setup');
  await t.archive.verifyAll('setup');
  await registerRegressor(t, UNDEPLOYED, { description: 'Chance a customer leaves this quarter (not deployed yet)' });
}

async function seedRules(t: TestServer): Promise<void> {
  await loadCustomers(t.stores);
  await registerRegressor(t, SCORER, { reference: true, production: true, description: 'Risk score of a credit application', metrics: { rmse: 1.2 } });
  const deployed = await t.call('POST', '/admin/rules', { role: 'deployer', body: { source: creditRules(10), description: 'first rules' } });
  if (deployed.status !== 201) throw new Error(`deploying the rule set answered ${deployed.status}: ${JSON.stringify(deployed.body)}`);
  await t.server.deployment.sync(true);
  // The regressor: x1 + 2·x2 + 3·x3 + 0.5; customer 2 with amount 4 scores 13.5 (review), customer 3 with amount 1 scores 6 (approve).
  for (const body of [{ customer_id: 1, amount: 100 }, { customer_id: 2, amount: 4 }, { customer_id: 3, amount: 1 }]) {
    const decided = await t.call('POST', `/v1/apps/${RULE_SET}/decide`, { role: 'predictor', body });
    if (decided.status !== 200) throw new Error(`decide answered ${decided.status}: ${JSON.stringify(decided.body)}`);
  }
}

/** Traffic for the monitored model: x1 moved far from its training range (drift), x2 and x3 as in training; half labelled. */
async function seedTraffic(t: TestServer): Promise<void> {
  const records = Array.from({ length: 80 }, (_, i) => ({ x1: 40 + (i % 20), x2: (i % 7) - 3, x3: (i % 20) / 4 }));
  const answer = await t.call('POST', `/v1/models/${MONITORED}/predict`, { role: 'predictor', body: { records } });
  if (answer.status !== 200) throw new Error(`predict answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  const ids = answer.body.prediction_ids as string[];
  const predictions = answer.body.predictions as { value: number }[];
  await t.server.log.flush();
  const labels = ids.slice(0, 40).map((id, i) => ({ prediction_id: id, actual: predictions[i]!.value + (i % 5) - 2 }));
  const feedback = await t.call('POST', '/v1/feedback', { role: 'predictor', body: { labels } });
  if (feedback.status !== 201) throw new Error(`feedback answered ${feedback.status}: ${JSON.stringify(feedback.body)}`);
}
