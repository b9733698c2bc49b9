// The application endpoint: a rule set looks up the caller's features, routes some requests to a provider and the
// rest to the model (through the same serving path, so a promotion changes the model unnoticed), shapes the answer,
// and logs the rule set version and rule that decided. Rule sets deploy without a restart, errors come with line and
// column, and a dry run counts the decisions a candidate would change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAuditBundle, verifyAuditBundle } from '../src/archive/index.js';
import { readPackageArchive } from '../src/package/index.js';
import { testBackends } from './fixtures/backends.js';
import { creditRules, loadCustomers } from './fixtures/credit-app.js';
import { MODEL, startTestServer, type TestServer } from './fixtures/serving.js';

const rules = (threshold: number) => creditRules(threshold, MODEL);

for (const backend of testBackends()) {
  describe.skipIf(backend.skipReason !== '')(`the application endpoint on ${backend.name}${backend.skipReason ? ` (skipped: ${backend.skipReason})` : ''}`, () => {
    let t: TestServer;
    const decide = (body: unknown) => t.call('POST', '/v1/apps/credit/decide', { role: 'predictor', body });
    beforeAll(async () => {
      t = await startTestServer(backend);
      await loadCustomers(t.stores);
    });
    afterAll(async () => t?.close());

    it('refuses a rule set with a mistake, naming line and column, and one naming an unknown table or provider', async () => {
      const typo = await t.call('POST', '/admin/rules', { role: 'deployer', body: { source: rules(10).replace("features.segment == 'vip'", "features.segment = 'vip'") } });
      expect(typo.status).toBe(400);
      expect(typo.body).toMatchObject({ title: 'Invalid rule set', detail: expect.stringMatching(/^rules\.yaml:8:\d+: /) });
      const table = await t.call('POST', '/admin/rules', { role: 'deployer', body: { source: rules(10).replace('table: customers', 'table: clients') } });
      expect(table.body.detail).toMatch(/feature table 'clients', which does not exist/);
      const provider = await t.call('POST', '/admin/rules', { role: 'deployer', body: { source: rules(10).replace('provider: constant', 'provider: magic') } });
      expect(provider.body.detail).toMatch(/unknown provider 'magic'; providers: constant, feature/);
      expect((await t.call('POST', '/admin/rules', { role: 'predictor', body: { source: rules(10) } })).status).toBe(403);
    });

    it('decides with the rules: a provider for vip customers, the model for the others, shaped by the after rule', async () => {
      const deployed = await t.call('POST', '/admin/rules', { role: 'deployer', body: { source: rules(10), description: 'first rules' } });
      expect(deployed.status).toBe(201);
      expect(deployed.body.ruleSet).toMatchObject({ name: 'credit', version: 1 });
      const vip = await decide({ customer_id: 1, amount: 100 });
      expect(vip.status).toBe(200);
      expect(vip.body).toMatchObject({ decision: { decision: 'approve' }, decided_by: { rule_set: 'credit', version: 1, rule: 'vip', kind: 'respond' }, model: null, prediction_id: null });
      expect(vip.body.explanation).toBe("rule 'vip' (route 1 of 2 in credit v1) answered with provider 'constant'");
      // v1 of the test model: x1 + 2·x2 + 3·x3 + 0.5 → 2 + 2·4 + 3 + 0.5 = 13.5 ≥ 10: review.
      const scored = await decide({ customer_id: 2, amount: 4 });
      expect(scored.body).toMatchObject({ decided_by: { rule: 'scored', kind: 'model' }, model: { name: MODEL, version: 1 }, applied: ['threshold'] });
      expect(scored.body.decision).toMatchObject({ value: 13.5, decision: 'review' });
      expect(scored.body.explanation).toMatch(/answered with model house-prices v1; after rules 'threshold' changed it/);
      const low = await decide({ customer_id: 3, amount: 1 });
      expect(low.body.decision.decision).toBe('approve');

      await t.server.log.flush();
      await t.server.decisionLog.flush();
      const prediction = await t.stores.predictions.getPrediction(scored.body.prediction_id);
      expect(prediction?.input).toEqual({ x1: 2, x2: 4, x3: 1 });
      const decisions = await t.call('GET', '/admin/apps/credit/decisions?limit=10', { role: 'viewer' });
      expect(decisions.body.decisions.map((d: { ruleId: string; ruleSetVersion: number }) => `${d.ruleId}@${d.ruleSetVersion}`)).toEqual(['scored@1', 'scored@1', 'vip@1']);
      expect(decisions.body.decisions[1]).toMatchObject({ predictionId: scored.body.prediction_id, features: { segment: 'retail', income: 2 }, model: MODEL, modelVersion: 1 });
      expect(decisions.body.decisions[0].headers.authorization).toBeUndefined();
    });

    it('answers a clear problem for an unknown application and a body that is not an object', async () => {
      const missing = await t.call('POST', '/v1/apps/nope/decide', { role: 'predictor', body: {} });
      expect(missing.status).toBe(404);
      expect(missing.body.detail).toMatch(/no application "nope" is deployed here; deployed: credit/);
      expect((await t.call('POST', '/v1/apps/credit/decide', { role: 'predictor', body: [1, 2] })).status).toBe(400);
    });

    it('dry-runs a candidate against logged decisions, then deploys it without a restart', async () => {
      await t.server.decisionLog.flush();
      const dry = await t.call('POST', '/admin/rules/dry-run', { role: 'deployer', body: { source: rules(14) } });
      expect(dry.status).toBe(200);
      expect(dry.body).toMatchObject({ app: 'credit', baselineVersion: 1, considered: 3, compared: 3, changed: 1, unchanged: 2 });
      await t.call('POST', '/admin/rules', { role: 'deployer', body: { source: rules(14) } });
      const again = await decide({ customer_id: 2, amount: 4 });
      expect(again.body).toMatchObject({ decided_by: { version: 2 }, decision: { decision: 'approve' } });
      const same = await t.call('POST', '/admin/rules', { role: 'deployer', body: { source: rules(14) } });
      expect(same.status).toBe(200);
      expect(same.body.changed).toBe(false);
      const versions = await t.call('GET', '/admin/rules/credit', { role: 'viewer' });
      expect(versions.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
      expect((await t.stores.listAudit({ action: 'rules.deployed' })).map((e) => e.details.version)).toEqual([1, 2]);
    });

    it('keeps the application contract while the model behind it is replaced', async () => {
      await t.registry.promote(MODEL, 2, 'v2', 'test');
      await t.server.deployment.sync();
      // v2: 2·x1 + 2·x2 + 2·x3 + 1 = 4 + 8 + 2 + 1 = 15 ≥ 14: review.
      const after = await decide({ customer_id: 2, amount: 4 });
      expect(after.body).toMatchObject({ model: { name: MODEL, version: 2 }, decision: { value: 15, decision: 'review' }, decided_by: { rule: 'scored', version: 2 } });
    });

    it("puts the rule sets and the deciding rule in an auditor's bundle, and the bundle verifies", async () => {
      await t.server.log.flush();
      await t.server.decisionLog.flush();
      const exported = await exportAuditBundle({ store: t.stores, registry: t.registry, actor: 'auditor' }, { model: MODEL });
      const files = await readPackageArchive(exported.bytes);
      const rules = JSON.parse(files.get('rules.json')!.toString('utf8')) as { ruleSets: { name: string; version: number }[] };
      expect(rules.ruleSets.map((r) => `${r.name}@${r.version}`)).toEqual(['credit@1', 'credit@2']);
      const decisions = files.get('decisions.jsonl')!.toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as { ruleId: string; ruleSetVersion: number; predictionId: string });
      expect(decisions.map((d) => `${d.ruleId}@${d.ruleSetVersion}`)).toEqual(['scored@1', 'scored@1', 'scored@2', 'scored@2']);
      expect((await verifyAuditBundle(exported.bytes)).ok).toBe(true);
    });
  });
}
