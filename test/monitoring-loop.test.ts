// The feedback loop end to end over real HTTP: a served classifier gets drifted traffic and labels that say the world
// changed; a monitoring pass fires the rules, a webhook receives a signed notification, retraining trains a candidate
// on the labels, evaluates it against the champion, and promotes it (auto policy) or holds it in staging (manual).
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../src/alerts/index.js';
import { FilesystemArtifactStore } from '../src/artifacts/index.js';
import { tableFromRecords } from '../src/dataset/index.js';
import { MonitoringService, parseMonitoringConfig } from '../src/monitoring/index.js';
import { buildPackage } from '../src/package/index.js';
import { Registry } from '../src/registry/index.js';
import { createPitstopServer, type PitstopServer } from '../src/serving/index.js';
import type { Stores } from '../src/store/index.js';
import { trainTabularModel } from '../src/training/index.js';
import { testBackends } from './fixtures/backends.js';
import { tempDir } from './fixtures/test-databases.js';

const SECRET = 'whsec-test';

/** Seeded rows: label "yes" when x1 + x2 > 1 (flipped after the world changes); `shift` moves x1. */
function rows(n: number, seed: number, shift = 0, flipped = false) {
  let state = seed;
  const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  return Array.from({ length: n }, () => {
    const x1 = random() + shift;
    const x2 = random();
    const colour = random() < 0.5 ? 'red' : 'blue';
    const positive = x1 + x2 > 1 + shift;
    return { x1, x2, colour, label: positive !== flipped ? 'yes' : 'no' };
  });
}

interface Received { body: string; headers: http.IncomingHttpHeaders }

async function webhookReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ body, headers: request.headers });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/hook`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function setUp(store: Stores, promotion: 'auto' | 'manual', extraConfig = '') {
  const home = await tempDir('pitstop-loop-');
  const registry = new Registry(store, new FilesystemArtifactStore(path.join(home, 'artifacts')));
  const trained = trainTabularModel({ table: tableFromRecords(rows(600, 1)), source: 'synthetic', target: 'label', algorithm: 'gbdt', name: 'churn', version: '1', params: { nTrees: 40 } });
  const built = await buildPackage({ modelBytes: trained.modelBytes, spec: trained.spec, reference: { table: trained.reference, digest: 'sha256:x', source: 'synthetic' }, createdBy: 'test' });
  await registry.register(built.bytes, 'test');
  await registry.setStage('churn', 1, 'staging', 'first', 'test');
  await registry.setStage('churn', 1, 'production', 'first', 'test');
  const hook = await webhookReceiver();
  const config = parseMonitoringConfig(`
window: 1h
channels:
  - { name: ops, type: webhook, url: ${hook.url}, secret: ${SECRET}, retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 20 } }
rules:
  - { name: accuracy-drop, model: churn, metric: accuracy, op: "<", threshold: 0.7, for: 0s, severity: critical, retrain: true }
  - { name: x1-drift, model: churn, metric: "drift:x1", op: ">=", threshold: 1, for: 0s, severity: warning }
  - { name: colour-drift, model: churn, metric: "drift:colour", op: ">=", threshold: 1, for: 0s, severity: warning }
retraining:
  - { model: churn, promotion: ${promotion}, gates: ["accuracy>=champion+0.1"], minLabels: 100 }
${extraConfig}`);
  const logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const monitoring = new MonitoringService({ store, registry, actor: 'monitor', home, logger }, config);
  const server: PitstopServer = await createPitstopServer(store, registry, { home, auth: 'disabled', logLevel: 'silent', pollIntervalMs: 100, monitoring: { service: monitoring, intervalMs: 3_600_000 } });
  const url = await server.listen(0);
  cleanup.push(() => hook.close(), () => server.close());
  return { registry, hook, monitoring, server, url };
}

/** Scores records over HTTP and sends their true labels as feedback; returns the accuracy the callers saw. */
async function trafficWithLabels(url: string, records: ReturnType<typeof rows>): Promise<number> {
  const answer = await fetch(`${url}/v1/models/churn/predict`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ records: records.map(({ x1, x2, colour }) => ({ x1, x2, colour })) }),
  });
  expect(answer.status).toBe(200);
  const { predictions, prediction_ids: ids } = (await answer.json()) as { predictions: { label: string }[]; prediction_ids: string[] };
  const feedback = await fetch(`${url}/v1/feedback`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ labels: ids.map((id, i) => ({ prediction_id: id, actual: records[i]!.label })) }),
  });
  expect(feedback.status).toBe(201);
  return predictions.filter((p, i) => p.label === records[i]!.label).length / records.length;
}

/** The end of the window the traffic fell in: the monitor's "now" that closes it. */
const closingTime = (windowMs: number) => new Date(Math.ceil(Date.now() / windowMs) * windowMs + 1);

for (const backend of testBackends()) {
  describe.skipIf(backend.skipReason !== '')(`the monitoring loop on ${backend.name}${backend.skipReason ? ` (skipped: ${backend.skipReason})` : ''}`, () => {
    it('fires on drift and falling accuracy, notifies a signed webhook, retrains and promotes the better candidate', async () => {
      const { store } = await backend.open();
      const { registry, hook, monitoring, url } = await setUp(store, 'auto');
      // The world changed: x1 moved and the label rule flipped, so the champion is now mostly wrong.
      const seen = await trafficWithLabels(url, rows(400, 7, 0.6, true));
      expect(seen).toBeLessThan(0.5);

      const pass = await monitoring.runPass(closingTime(3_600_000));
      expect(pass.windows).toBeGreaterThanOrEqual(1);
      const fired = pass.events.filter((e) => e.toStatus === 'firing').map((e) => e.ruleName).sort();
      expect(fired).toEqual(['accuracy-drop', 'x1-drift']);

      // Signed, verifiable notifications; a tampered body does not verify.
      const firing = hook.received.map((r) => ({ r, body: JSON.parse(r.body) as { rule: string; status: string; value: number } }));
      expect(firing.map((f) => f.body.rule).sort()).toEqual(['accuracy-drop', 'x1-drift']);
      for (const { r } of firing) {
        const [timestamp, signature] = [String(r.headers['x-pitstop-timestamp']), String(r.headers['x-pitstop-signature'])];
        expect(verifyWebhookSignature(SECRET, timestamp, r.body, signature)).toBe(true);
        expect(verifyWebhookSignature(SECRET, timestamp, r.body.replace('firing', 'resolved'), signature)).toBe(false);
      }

      expect(pass.retrained).toEqual([expect.objectContaining({ status: 'promoted', champion: 1, candidate: 2 })]);
      const versions = await registry.listVersions('churn');
      expect(versions.map((v) => [v.version, v.stage])).toEqual([[1, 'decommissioned'], [2, 'production']]);
      const actions = (await store.listAudit({ model: 'churn' })).map((e) => e.action).filter((a) => a.startsWith('retrain.'));
      expect(actions).toEqual(['retrain.started', 'retrain.evaluated', 'retrain.promoted']);
      expect((await store.runs.listRuns({ model: 'churn' }))[0]).toMatchObject({ status: 'completed', algorithm: 'gbdt' });

      // A second pass over the same window sends nothing new: alerts are deduplicated.
      const again = await monitoring.runPass(closingTime(3_600_000));
      expect(again.events).toEqual([]);
      expect(hook.received).toHaveLength(2);
    });

    it('holds a passing candidate in staging when the policy wants a person to approve', async () => {
      const { store } = await backend.open();
      const { registry, monitoring, url } = await setUp(store, 'manual');
      await trafficWithLabels(url, rows(400, 9, 0.6, true));
      const pass = await monitoring.runPass(closingTime(3_600_000));
      expect(pass.retrained).toEqual([expect.objectContaining({ status: 'awaiting-approval', candidate: 2 })]);
      expect((await registry.listVersions('churn')).map((v) => [v.version, v.stage])).toEqual([[1, 'production'], [2, 'staging']]);
      const report = await monitoring.report('churn', { from: new Date(Date.now() - 3_600_000), to: new Date(closingTime(3_600_000).getTime() + 1000), label: 'last hour' });
      expect(report.drift[0]!.report.features.find((f) => f.feature === 'x1')?.drifted).toBe(true);
      expect(report.drift[0]!.report.features.find((f) => f.feature === 'colour')?.drifted).toBe(false);
      expect(report.alerts.map((a) => a.rule)).toEqual(expect.arrayContaining(['accuracy-drop', 'x1-drift']));
    });

    it('expires raw predictions past the retention setting and keeps the drift history', async () => {
      const { store } = await backend.open();
      const { monitoring, url } = await setUp(store, 'auto', 'retention: 1s\n');
      await trafficWithLabels(url, rows(300, 5, 0.6));
      const closing = closingTime(3_600_000);
      const pass = await monitoring.runPass(closing);
      if (backend.name === 'postgres') {
        // PostgreSQL drops the log by whole days: today's rows stay until today has passed the retention.
        expect(pass.expired).toBe(0);
        expect((await monitoring.runPass(new Date(closing.getTime() + 86_400_000))).expired).toBe(300);
      } else {
        expect(pass.expired).toBe(300);
      }
      expect(await store.predictions.countPredictions({ model: 'churn' })).toBe(0);
      const windows = await store.monitoring.listWindows({ model: 'churn', version: 1, from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(closing.getTime() + 1000).toISOString() });
      // The windows' sketches outlive the raw rows (the drift report reads them; see the tests above).
      expect(windows.reduce((n, w) => n + w.rows, 0)).toBe(300);
    });

    it('judges the traffic so far when a pass closes the open window, stamps alerts with the pass time, and resolves them on a clear window', async () => {
      const { store } = await backend.open();
      const { monitoring, server, url } = await setUp(store, 'manual');
      const started = Date.now();
      await trafficWithLabels(url, rows(400, 7, 0.6, true));
      await server.log.flush();
      const firstCut = new Date();
      const fired = await monitoring.runPass(firstCut, { closeOpenWindow: true });
      expect(fired.events.filter((e) => e.toStatus === 'firing').map((e) => e.ruleName).sort()).toEqual(['accuracy-drop', 'x1-drift']);
      // When they fired, not at the end of an hour that has not come yet.
      for (const event of fired.events) expect(event.at).toBe(firstCut.toISOString());

      // The world goes back to normal: the next window closed early is clear, and the rules resolve.
      expect(await trafficWithLabels(url, rows(400, 11))).toBeGreaterThan(0.9);
      await server.log.flush();
      const secondCut = new Date();
      const cleared = await monitoring.runPass(secondCut, { closeOpenWindow: true });
      expect(cleared.events.map((e) => `${e.ruleName}: ${e.fromStatus} → ${e.toStatus}`).sort()).toEqual(['accuracy-drop: firing → resolved', 'x1-drift: firing → resolved']);
      expect(new Set(cleared.events.map((e) => e.at))).toEqual(new Set([secondCut.toISOString()]));

      // The report shows both windows (accuracy falling, then back) and the four changes, all inside the period.
      const report = await monitoring.report('churn', { from: new Date(started - 3_600_000), to: new Date(), label: 'last hour' });
      const v1 = report.timeline.filter((p) => p.version === 1);
      expect(v1.map((p) => p.windowEnd).slice(-2)).toEqual([firstCut.toISOString(), secondCut.toISOString()]);
      expect(v1.at(-2)!.performance.accuracy!.value).toBeLessThan(0.5);
      expect(v1.at(-1)!.performance.accuracy!.value).toBeGreaterThan(0.9);
      expect(report.alerts.map((a) => `${a.rule} ${a.to}`).sort()).toEqual(['accuracy-drop firing', 'accuracy-drop resolved', 'x1-drift firing', 'x1-drift resolved']);
    });

    it('keeps reporting a version replaced since, under its stage, for what it served in the period', async () => {
      const { store } = await backend.open();
      const { registry, monitoring, server, url } = await setUp(store, 'manual');
      await trafficWithLabels(url, rows(400, 9, 0.6, true));
      await server.log.flush();
      expect((await monitoring.runPass(new Date(), { closeOpenWindow: true })).retrained).toEqual([expect.objectContaining({ status: 'awaiting-approval', candidate: 2 })]);
      await registry.promote('churn', 2, 'the candidate passed its gates', 'test');

      const report = await monitoring.report('churn', { from: new Date(Date.now() - 3_600_000), to: new Date(), label: 'last hour' });
      expect(report.versions).toEqual([
        { version: 1, role: 'decommissioned', predictions: 400, labelled: 400 },
        { version: 2, role: 'production', predictions: 0, labelled: 0 },
      ]);
      expect(report.drift.map((d) => d.version)).toEqual([1]);
      expect(report.drift[0]!.report.features.find((f) => f.feature === 'x1')?.drifted).toBe(true);
      expect(report.alerts.map((a) => a.rule).sort()).toEqual(['accuracy-drop', 'x1-drift']);
    });

    it('raises nothing on traffic like the training data', async () => {
      const { store } = await backend.open();
      const { hook, monitoring, url } = await setUp(store, 'auto');
      expect(await trafficWithLabels(url, rows(400, 11))).toBeGreaterThan(0.9);
      const pass = await monitoring.runPass(closingTime(3_600_000));
      expect(pass.events).toEqual([]);
      expect(pass.retrained).toEqual([]);
      expect(hook.received).toEqual([]);
    });
  });
}
