// A model's alert rules for the admin GUI over HTTP: the monitoring file's rules (on a server that runs monitoring)
// and the stored ones with their states, the latest events newest first; adding (checked as `pitstop alerts add`
// checks), removing and silencing rules as a deployer, each audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../src/alerts/index.js';
import { monitoringFor, serverWithMonitoring } from './fixtures/admin-seeds.js';
import { testBackends } from './fixtures/backends.js';
import { MODEL, startTestServer, type TestServer } from './fixtures/serving.js';

const MONITORING_FILE = `rules:
  - { name: latency, model: ${MODEL}, metric: p99_latency_ms, op: ">", threshold: 500, for: 5m, severity: warning }
  - { name: drift, model: ${MODEL}, metric: drift_share, op: ">=", threshold: 0.3, severity: critical }
`;

const rule = (overrides: Record<string, unknown> = {}) => ({ name: 'accuracy-drop', metric: 'accuracy', op: '<', threshold: 0.9, for: '2h', severity: 'critical', ...overrides });

for (const backend of testBackends()) {
  describe.skipIf(backend.skipReason !== '')(`the admin alert API on ${backend.name}${backend.skipReason ? ` (skipped: ${backend.skipReason})` : ''}`, () => {
    let t: TestServer;
    let monitored: Awaited<ReturnType<typeof serverWithMonitoring>>;
    let deployerId: string;
    beforeAll(async () => {
      t = await startTestServer(backend);
      monitored = await serverWithMonitoring(t, monitoringFor(t, MONITORING_FILE));
      deployerId = (await t.stores.keys.listKeys()).find((k) => k.role === 'deployer')!.id;
      const at = new Date(Date.now() - 60_000).toISOString();
      await t.stores.monitoring.saveAlertState({
        fingerprint: fingerprint({ model: MODEL, name: 'drift' }), model: MODEL, ruleName: 'drift', silencedUntil: null,
        state: { status: 'firing', since: at, activeAt: at, firedAt: at, announced: true, lastValue: 0.5, evaluatedAt: at },
      });
      for (let i = 0; i < 105; i++) {
        await t.stores.monitoring.appendAlertEvent({ fingerprint: fingerprint({ model: MODEL, name: 'drift' }), model: MODEL, ruleName: 'drift', metric: 'drift_share', fromStatus: i % 2 ? 'firing' : 'pending', toStatus: i % 2 ? 'resolved' : 'firing', at, value: i, threshold: 0.3, severity: 'critical', silenced: false, deliveries: [] });
      }
    });
    afterAll(async () => {
      await monitored?.server.close();
      await t?.close();
    });

    it("lists the monitoring file's rules with their states, and the newest 100 events first", async () => {
      const { status, body } = await monitored.call('GET', `/admin/models/${MODEL}/alerts`, 'viewer');
      expect(status).toBe(200);
      expect(body.rules).toEqual([
        expect.objectContaining({ name: 'drift', metric: 'drift_share', op: '>=', threshold: 0.3, for: '0s', severity: 'critical', source: 'config', state: 'firing', silencedUntil: null, lastValue: 0.5 }),
        expect.objectContaining({ name: 'latency', for: '5m', severity: 'warning', source: 'config', state: 'ok', silencedUntil: null, lastValue: null }),
      ]);
      expect(body.events).toHaveLength(100);
      expect(body.events.map((e: { value: number }) => e.value).slice(0, 3)).toEqual([104, 103, 102]);
    });

    it('adds a rule for a deployer, with the defaults the alert schema gives, and shows it as from the API', async () => {
      for (const role of ['viewer', 'predictor'] as const) expect((await monitored.call('POST', `/admin/models/${MODEL}/alerts`, role, rule())).status).toBe(403);
      const added = await monitored.call('POST', `/admin/models/${MODEL}/alerts`, 'deployer', rule());
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ ...rule(), model: MODEL, retrain: false, source: 'api', state: 'ok' });
      const { body } = await monitored.call('GET', `/admin/models/${MODEL}/alerts`, 'viewer');
      expect(body.rules.map((r: { name: string; source: string }) => `${r.name}:${r.source}`)).toEqual(['accuracy-drop:api', 'drift:config', 'latency:config']);
      // The fixture's server runs no monitoring: it shows the stored rules only.
      const plain = await t.call('GET', `/admin/models/${MODEL}/alerts`, { role: 'viewer' });
      expect(plain.body.rules.map((r: { name: string }) => r.name)).toEqual(['accuracy-drop']);
    });

    it('refuses a rule the alert schema refuses, naming the field, and one for an unknown model', async () => {
      for (const [body, field] of [
        [{ ...rule(), metric: undefined }, 'body.metric'], [rule({ op: '!=' }), 'body.op'], [rule({ for: 'soon' }), 'body.for'],
        [rule({ resolveThreshold: 0.8 }), 'body.resolveThreshold'], [rule({ severity: 'panic' }), 'body.severity'], [rule({ name: '  ' }), 'body.name'],
      ] as const) {
        const response = await monitored.call('POST', `/admin/models/${MODEL}/alerts`, 'deployer', body);
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(response.body, JSON.stringify(body)).toMatchObject({ code: 'VALIDATION_FAILED', field });
      }
      expect((await monitored.call('POST', '/admin/models/nope/alerts', 'deployer', rule())).body.code).toBe('MODEL_NOT_FOUND');
    });

    it('silences a rule for a while and keeps its state; 0s lifts the silence', async () => {
      expect((await monitored.call('POST', `/admin/models/${MODEL}/alerts/drift/silence`, 'viewer', { for: '1h' })).status).toBe(403);
      const silenced = await monitored.call('POST', `/admin/models/${MODEL}/alerts/drift/silence`, 'deployer', { for: '1h' });
      expect(silenced.status).toBe(200);
      expect(silenced.body).toMatchObject({ name: 'drift', state: 'firing', lastValue: 0.5 });
      expect(Date.parse(silenced.body.silencedUntil) - Date.now()).toBeGreaterThan(3_500_000);
      const lifted = await monitored.call('POST', `/admin/models/${MODEL}/alerts/drift/silence`, 'deployer', { for: '0s' });
      expect(lifted.body).toMatchObject({ state: 'firing', silencedUntil: null });
      const bad = await monitored.call('POST', `/admin/models/${MODEL}/alerts/drift/silence`, 'deployer', { for: 'a while' });
      expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.for' });
      const unknown = await monitored.call('POST', `/admin/models/${MODEL}/alerts/nothing/silence`, 'deployer', { for: '1h' });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ code: 'ALERT_RULE_NOT_FOUND', detail: expect.stringMatching(/its rules: accuracy-drop, drift, latency/) });
    });

    it('removes a stored rule, putting back the file rule it replaced, and refuses to remove a file rule', async () => {
      expect((await monitored.call('POST', `/admin/models/${MODEL}/alerts`, 'deployer', rule({ name: 'latency', metric: 'p99_latency_ms', op: '>', threshold: 50, for: '0s', severity: 'warning' }))).body.source).toBe('api');
      expect((await monitored.call('DELETE', `/admin/models/${MODEL}/alerts/latency`, 'viewer')).status).toBe(403);
      const removed = await monitored.call('DELETE', `/admin/models/${MODEL}/alerts/latency`, 'deployer');
      expect(removed.body).toMatchObject({ model: MODEL, rule: 'latency', removed: true, remaining: { source: 'config', threshold: 500 } });
      const fileRule = await monitored.call('DELETE', `/admin/models/${MODEL}/alerts/latency`, 'deployer');
      expect(fileRule.status).toBe(400);
      expect(fileRule.body.detail).toMatch(/comes from the monitoring file/);
      const gone = await monitored.call('DELETE', `/admin/models/${MODEL}/alerts/accuracy-drop`, 'deployer');
      expect(gone.body).toMatchObject({ removed: true, remaining: null });
      expect((await monitored.call('DELETE', `/admin/models/${MODEL}/alerts/accuracy-drop`, 'deployer')).status).toBe(404);
    });

    it('audits every change in the name of the key that made it', async () => {
      const events = await t.stores.listAudit({ model: MODEL, actor: deployerId });
      expect(events.map((e) => e.action)).toEqual(['alert.rule_set', 'alert.silenced', 'alert.silenced', 'alert.rule_set', 'alert.rule_removed', 'alert.rule_removed']);
    });
  });
}
