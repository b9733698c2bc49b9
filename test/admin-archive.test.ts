// Cold storage for the admin GUI over HTTP: archiving a decommissioned version (admin only, verified first), the list
// with retention dates and verifications, re-verifying on demand, and a clear 503 on a server without an archive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPitstopServer } from '../src/serving/index.js';
import { testBackends } from './fixtures/backends.js';
import { MODEL, startTestServer, type TestServer } from './fixtures/serving.js';
import { tempDir } from './fixtures/test-databases.js';

for (const backend of testBackends()) {
  describe.skipIf(backend.skipReason !== '')(`the admin archive API on ${backend.name}${backend.skipReason ? ` (skipped: ${backend.skipReason})` : ''}`, () => {
    let t: TestServer;
    beforeAll(async () => {
      t = await startTestServer(backend);
    });
    afterAll(async () => t?.close());

    it('lists nothing before anything is archived', async () => {
      expect((await t.call('GET', '/admin/archive', { role: 'viewer' })).body).toEqual({ entries: [] });
    });

    it('archives only for an admin, and only a decommissioned version, naming its stage', async () => {
      const asDeployer = await t.call('POST', `/admin/models/${MODEL}/versions/1/archive`, { role: 'deployer', body: { reason: 'replaced' } });
      expect(asDeployer.status).toBe(403);
      const live = await t.call('POST', `/admin/models/${MODEL}/versions/1/archive`, { role: 'admin', body: { reason: 'replaced' } });
      expect(live.status).toBe(409);
      expect(live.body).toMatchObject({ code: 'ILLEGAL_STAGE_TRANSITION', detail: expect.stringMatching(/v1 is production/) });
      const unknown = await t.call('POST', `/admin/models/${MODEL}/versions/9/archive`, { role: 'admin', body: { reason: 'replaced' } });
      expect(unknown.status).toBe(404);
    });

    it('refuses a missing reason and a retention that is not a period', async () => {
      await t.registry.promote(MODEL, 2, 'v2 is better', 'setup');
      const noReason = await t.call('POST', `/admin/models/${MODEL}/versions/1/archive`, { role: 'admin', body: {} });
      expect(noReason.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.reason' });
      const forever = await t.call('POST', `/admin/models/${MODEL}/versions/1/archive`, { role: 'admin', body: { reason: 'replaced', retention: 'forever' } });
      expect(forever.status).toBe(400);
      expect(forever.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.retention' });
      expect((await t.registry.getVersion(MODEL, 1)).stage).toBe('decommissioned');
    });

    it('archives a decommissioned version with its retention, verified, and lists it', async () => {
      const archived = await t.call('POST', `/admin/models/${MODEL}/versions/1/archive`, { role: 'admin', body: { reason: 'replaced by v2', retention: '2y' } });
      expect(archived.status).toBe(200);
      expect(archived.body).toMatchObject({ entry: { model: MODEL, version: 1, reason: 'replaced by v2', deletion: null }, removedLiveCopy: true, earlierEntry: false, verification: { ok: true, problems: [] } });
      expect(Object.keys(archived.body.files)).toContain('package.pitstop');
      expect((await t.registry.getVersion(MODEL, 1)).stage).toBe('archived');
      const { entries } = (await t.call('GET', `/admin/archive?model=${MODEL}`, { role: 'viewer' })).body;
      expect(entries).toEqual([expect.objectContaining({ model: MODEL, version: 1, lastVerification: expect.objectContaining({ ok: true }), deletion: null })]);
      const years = (Date.parse(entries[0].retainUntil) - Date.parse(entries[0].archivedAt)) / (365.25 * 86_400_000);
      expect(years).toBeCloseTo(2, 1);
      expect((await t.call('GET', '/admin/archive?model=other', { role: 'viewer' })).body).toEqual({ entries: [] });
    });

    it('re-verifies every archived file for an admin, recording who asked', async () => {
      expect((await t.call('POST', '/admin/archive/verify', { role: 'deployer' })).status).toBe(403);
      const verified = await t.call('POST', '/admin/archive/verify', { role: 'admin' });
      expect(verified.status).toBe(200);
      expect(verified.body.results).toEqual([expect.objectContaining({ model: MODEL, version: 1, ok: true })]);
      const adminId = (await t.stores.keys.listKeys()).find((k) => k.role === 'admin')!.id;
      const { entries } = (await t.call('GET', '/admin/archive', { role: 'viewer' })).body;
      expect(entries[0].lastVerification).toMatchObject({ checkedBy: adminId, ok: true });
      expect((await t.call('POST', '/admin/archive/verify?model=other', { role: 'admin', body: {} })).body).toEqual({ results: [] });
    });

    it('answers 503 NOT_READY, saying why, on a server without an archive', async () => {
      const bare = await createPitstopServer(t.stores, t.registry, { home: await tempDir('pitstop-bare-'), logLevel: 'silent' });
      try {
        const response = await bare.app.inject({ method: 'GET', url: '/admin/archive', headers: { authorization: `Bearer ${t.keys.viewer}` } });
        expect(response.statusCode).toBe(503);
        expect(response.json()).toMatchObject({ code: 'NOT_READY', detail: expect.stringMatching(/without an archive/) });
      } finally {
        await bare.close();
      }
    });
  });
}
