// The four-eyes rule for production: under a model's approval policy a promotion is a request that another admin
// key must approve; direct moves to production are refused; a rollback stays available; everything is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey } from '../src/serving/auth/index.js';
import { testBackends } from './fixtures/backends.js';
import { MODEL, startTestServer, type TestServer } from './fixtures/serving.js';

for (const backend of testBackends()) {
  describe.skipIf(backend.skipReason !== '')(`promotion approvals on ${backend.name}${backend.skipReason ? ` (skipped: ${backend.skipReason})` : ''}`, () => {
    let t: TestServer;
    let secondAdmin: string;
    let secondAdminId: string;
    const as = (token: string, method: string, route: string, body?: unknown) =>
      fetch(`${t.url}${route}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined })
        .then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
    beforeAll(async () => {
      t = await startTestServer(backend);
      const key = generateApiKey();
      await t.stores.keys.createKey({ id: key.id, name: 'second admin', role: 'admin', secretHash: key.secretHash, salt: key.salt, createdBy: 'setup', rateLimit: null });
      secondAdmin = key.token;
      secondAdminId = key.id;
    });
    afterAll(async () => t?.close());

    it('promotes at once while the model has no policy', async () => {
      const policy = await t.call('GET', `/admin/models/${MODEL}/policy`, { role: 'viewer' });
      expect(policy.body).toMatchObject({ model: MODEL, requireApproval: false });
      const promoted = await t.call('POST', `/admin/models/${MODEL}/promotions`, { role: 'deployer', body: { version: 2, reason: 'v2 is better' } });
      expect(promoted.status).toBe(200);
      expect(promoted.body.status).toBe('promoted');
      expect((await t.registry.getVersion(MODEL, 2)).stage).toBe('production');
    });

    it('lets only an admin set the policy', async () => {
      expect((await t.call('PUT', `/admin/models/${MODEL}/policy`, { role: 'deployer', body: { require_approval: true } })).status).toBe(403);
      const set = await t.call('PUT', `/admin/models/${MODEL}/policy`, { role: 'admin', body: { require_approval: true } });
      expect(set.body).toMatchObject({ model: MODEL, requireApproval: true });
    });

    it('turns a promotion into a pending request, and refuses a direct move to production', async () => {
      const direct = await t.call('POST', `/admin/models/${MODEL}/versions/1/stage`, { role: 'admin', body: { stage: 'production', reason: 'sneak it in' } });
      expect(direct.status).toBe(409);
      expect(direct.body).toMatchObject({ title: 'Promotion needs an approval', errors: [{ field: 'stage' }] });
      const asked = await t.call('POST', `/admin/models/${MODEL}/promotions`, { role: 'admin', body: { version: 1, reason: 'v1 was safer' } });
      expect(asked.status).toBe(202);
      expect(asked.body).toMatchObject({ status: 'pending', request: { model: MODEL, version: 1, status: 'pending', requestedBy: expect.any(String) } });
      expect((await t.registry.getVersion(MODEL, 1)).stage).toBe('decommissioned');
      const again = await t.call('POST', `/admin/models/${MODEL}/promotions`, { role: 'admin', body: { version: 1, reason: 'twice' } });
      expect(again.status).toBe(409);
      const queue = await t.call('GET', '/admin/promotions?status=pending', { role: 'viewer' });
      expect(queue.body.requests.map((r: { id: number }) => r.id)).toEqual([asked.body.request.id]);
    });

    it('refuses an approval by the requester, then promotes on a second admin\'s approval', async () => {
      const [request] = (await t.call('GET', '/admin/promotions?status=pending', { role: 'viewer' })).body.requests;
      const own = await t.call('POST', `/admin/promotions/${request.id}/approve`, { role: 'admin', body: { reason: 'looks fine to me' } });
      expect(own.status).toBe(409);
      expect(own.body.detail).toMatch(/another person must approve it/);
      const approved = await as(secondAdmin, 'POST', `/admin/promotions/${request.id}/approve`, { reason: 'checked the evaluation' });
      expect(approved.status).toBe(200);
      expect(approved.body.request).toMatchObject({ status: 'approved', decidedBy: secondAdminId });
      expect(approved.body.moves.map((m: { version: number; to: string }) => `${m.version}:${m.to}`)).toEqual(['2:decommissioned', '1:production']);
      const served = await t.call('POST', `/v1/models/${MODEL}/predict`, { role: 'predictor', body: { records: [{ x1: 1, x2: 1, x3: 1 }] } });
      expect(served.body.model.version).toBe(1);
      const late = await as(secondAdmin, 'POST', `/admin/promotions/${request.id}/approve`, { reason: 'again' });
      expect(late.status).toBe(409);
      const audit = await t.stores.listAudit({ model: MODEL });
      expect(audit.filter((e) => e.action.startsWith('promotion.')).map((e) => e.action)).toEqual(['promotion.requested', 'promotion.approved']);
      expect(audit.find((e) => e.action === 'promotion.approved')).toMatchObject({ actor: secondAdminId, details: { requestedBy: request.requestedBy } });
    });

    it('rejects a request without promoting, and still allows a rollback', async () => {
      const asked = await t.call('POST', `/admin/models/${MODEL}/promotions`, { role: 'deployer', body: { version: 2, reason: 'try v2 again' } });
      const rejected = await as(secondAdmin, 'POST', `/admin/promotions/${asked.body.request.id}/reject`, { reason: 'not until the drift is explained' });
      expect(rejected.body.request).toMatchObject({ status: 'rejected', decisionReason: 'not until the drift is explained' });
      expect((await t.registry.getVersion(MODEL, 2)).stage).toBe('decommissioned');
      const moves = await t.registry.rollback(MODEL, 'emergency', 'on-call');
      expect(moves.map((m) => `${m.version}:${m.to}`)).toEqual(['1:decommissioned', '2:production']);
      expect((await t.call('POST', '/admin/promotions/99999/approve', { role: 'admin', body: { reason: 'x' } })).status).toBe(404);
    });
  });
}
