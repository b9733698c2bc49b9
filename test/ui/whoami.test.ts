// GET /admin/whoami: how the GUI learns which key signed in and what its role may do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../src/store/index.js';
import { testBackends } from '../fixtures/backends.js';
import { startTestServer, type TestServer } from '../fixtures/serving.js';

const sqlite = testBackends().find((b) => b.name === 'sqlite')!;

describe('GET /admin/whoami', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(sqlite);
  });
  afterAll(async () => t?.close());

  it("answers every role's key with its id, name and role", async () => {
    const keys = await t.stores.keys.listKeys();
    for (const role of ROLES) {
      const { status, body } = await t.call('GET', '/admin/whoami', { role });
      expect(status, role).toBe(200);
      expect(body).toEqual({ keyId: keys.find((k) => k.role === role)!.id, name: `${role} key`, role, auth: 'required' });
    }
  });

  it('refuses a missing or revoked key', async () => {
    expect((await t.call('GET', '/admin/whoami', { role: null })).status).toBe(401);
    const created = await t.call('POST', '/admin/keys', { body: { role: 'viewer', name: 'short-lived' } });
    await t.call('DELETE', `/admin/keys/${created.body.id}`);
    // A revocation reaches the key cache within a refresh (500 ms).
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect((await t.call('GET', '/admin/whoami', { role: null, headers: { authorization: `Bearer ${created.body.key}` } })).status).toBe(401);
  });

  it('says everyone may do everything when the server runs without keys', async () => {
    const open = await startTestServer(sqlite, { auth: 'disabled' });
    try {
      expect((await open.call('GET', '/admin/whoami', { role: null })).body).toEqual({ keyId: null, name: null, role: 'admin', auth: 'disabled' });
    } finally {
      await open.close();
    }
  });
});
