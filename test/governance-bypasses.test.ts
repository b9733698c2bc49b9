// The three ways around Pitstop's governance found against a running server (issue 17), each one a door that must stay
// shut: a canary walking around the approval policy, an admin approving with a key minted for themselves, and a viewer
// running any registered model through the rules dry run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey } from '../src/serving/auth/index.js';
import { testBackends } from './fixtures/backends.js';
import { creditRules, loadCustomers } from './fixtures/credit-app.js';
import { MODEL, startTestServer, type TestServer } from './fixtures/serving.js';

for (const backend of testBackends()) {
  describe.skipIf(backend.skipReason !== '')(`governance bypasses on ${backend.name}${backend.skipReason ? ` (skipped: ${backend.skipReason})` : ''}`, () => {
    let t: TestServer;
    const as = (token: string, method: string, route: string, body?: unknown) =>
      fetch(`${t.url}${route}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined })
        .then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
    const servedVersion = async () => (await t.call('POST', `/v1/models/${MODEL}/predict`, { role: 'predictor', body: { records: [{ x1: 1, x2: 1, x3: 1 }] } })).body.model.version;

    beforeAll(async () => {
      t = await startTestServer(backend);
      await loadCustomers(t.stores);
      expect((await t.call('PUT', `/admin/models/${MODEL}/policy`, { role: 'admin', body: { require_approval: true } })).status).toBe(200);
    });
    afterAll(async () => t?.close());

    it('refuses a 100% canary of an unapproved version under the approval policy, so production keeps answering', async () => {
      const canary = await t.call('PUT', `/admin/models/${MODEL}/traffic`, { role: 'deployer', body: { canary: { version: 2, percent: 100 } } });
      expect(canary.status).toBe(409);
      expect(canary.body).toMatchObject({ title: 'Promotion needs an approval', errors: [{ field: 'canary' }] });
      await t.server.deployment.sync();
      expect(await servedVersion()).toBe(1);
      // A shadow changes no answer, so it needs no approval.
      expect((await t.call('PUT', `/admin/models/${MODEL}/traffic`, { role: 'deployer', body: { shadow: { version: 2, percent: 50 } } })).status).toBe(200);
    });

    it('refuses to point the protected production alias at an unapproved version under the policy', async () => {
      const alias = await t.call('PUT', `/admin/models/${MODEL}/aliases/champion`, { role: 'admin', body: { version: 2 } });
      expect(alias.status).toBe(409);
      expect(alias.body.title).toBe('Promotion needs an approval');
    });

    it('binds the two-person rule to people: an approval with a key the requester minted for themselves is refused', async () => {
      const asked = await t.call('POST', `/admin/models/${MODEL}/promotions`, { role: 'admin', body: { version: 2, reason: 'v2 is better' } });
      expect(asked.status).toBe(202);
      const minted = await t.call('POST', '/admin/keys', { role: 'admin', body: { role: 'admin', name: 'my other laptop' } });
      expect(minted.status).toBe(201);
      const approved = await as(minted.body.key, 'POST', `/admin/promotions/${asked.body.request.id}/approve`, { reason: 'looks good to me' });
      expect(approved.status).toBe(409);
      expect(approved.body).toMatchObject({ title: 'Promotion request cannot be decided', detail: expect.stringMatching(/another person must approve it/) });
      expect((await t.registry.getVersion(MODEL, 2)).stage).not.toBe('production');
      expect(await servedVersion()).toBe(1);
    });

    it('refuses a key the requester minted in another name too, and a key that key minted', async () => {
      const [request] = (await t.call('GET', '/admin/promotions?status=pending', { role: 'viewer' })).body.requests;
      const puppet = await t.call('POST', '/admin/keys', { role: 'admin', body: { role: 'admin', name: 'dana', person: 'dana' } });
      expect(puppet.status).toBe(201);
      const approved = await as(puppet.body.key, 'POST', `/admin/promotions/${request.id}/approve`, { reason: 'looks fine' });
      expect(approved.status).toBe(409);
      expect(approved.body.detail).toMatch(/was issued by .*, who asked for promotion request/);
      const second = await as(puppet.body.key, 'POST', '/admin/keys', { role: 'admin', name: 'eve', person: 'eve' });
      expect((await as(second.body.key, 'POST', `/admin/promotions/${request.id}/approve`, { reason: 'looks fine' })).status).toBe(409);
      expect((await t.registry.getVersion(MODEL, 2)).stage).not.toBe('production');
    });

    it("lets another person's key approve, and records person and key in the audit log", async () => {
      const [request] = (await t.call('GET', '/admin/promotions?status=pending', { role: 'viewer' })).body.requests;
      const colleague = generateApiKey();
      await t.stores.keys.createKey({ id: colleague.id, name: 'frank', role: 'admin', secretHash: colleague.secretHash, salt: colleague.salt, createdBy: 'setup', rateLimit: null, person: 'frank' });
      const approved = await as(colleague.token, 'POST', `/admin/promotions/${request.id}/approve`, { reason: 'checked the evaluation' });
      expect(approved.status).toBe(200);
      const event = (await t.stores.listAudit({ model: MODEL, action: 'promotion.approved' }))[0]!;
      expect(event).toMatchObject({ actor: colleague.id, person: 'frank', keyId: colleague.id, door: 'http' });
    });

    it('refuses a rules dry run to a viewer, and runs only served versions for a deployer, recording the run', async () => {
      expect((await t.call('POST', '/admin/rules', { role: 'deployer', body: { source: creditRules(10, MODEL) } })).status).toBe(201);
      expect((await t.call('POST', '/v1/apps/credit/decide', { role: 'predictor', body: { customer_id: 1, amount: 1 } })).status).toBe(200);
      await t.server.decisionLog.flush();
      // Every decision goes to version 1, decommissioned by the approval above: registered, no longer served.
      const unservedRules = creditRules(10, MODEL).replace("features.segment == 'vip'", 'false').replace(`name: ${MODEL},`, `name: ${MODEL}, version: 1,`);
      const viewer = await t.call('POST', '/admin/rules/dry-run', { role: 'viewer', body: { source: unservedRules } });
      expect(viewer.status).toBe(403);
      const unserved = await t.call('POST', '/admin/rules/dry-run', { role: 'deployer', body: { source: unservedRules } });
      expect(unserved.status).toBe(200);
      expect(unserved.body.examples[0].candidate.error).toMatch(/^VERSION_NOT_FOUND: version 1 of "house-prices" is not served/);
      const served = await t.call('POST', '/admin/rules/dry-run', { role: 'deployer', body: { source: creditRules(14, MODEL).replace("features.segment == 'vip'", 'false') } });
      expect(served.status).toBe(200);
      expect(served.body).toMatchObject({ app: 'credit', compared: 1 });
      const runs = await t.stores.listAudit({ action: 'rules.dry_run' });
      expect(runs).toHaveLength(2);
      expect(runs[0]).toMatchObject({ door: 'http', details: { ruleSet: 'credit' } });
    });
  });
}
