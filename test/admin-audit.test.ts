// The audit log for the admin GUI over HTTP: newest first in keyset pages without gaps or duplicates, filters on
// model, action, actor and time, and the same selection downloaded as CSV or JSON Lines (streamed past one page).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from './fixtures/backends.js';
import { MODEL, startTestServer, type TestServer } from './fixtures/serving.js';

/** More events than the export reads per query, so the download must go on past its first page. */
const BULK = 1005;

interface Event { id: number; at: string; actor: string; action: string; model: string | null }

for (const backend of testBackends()) {
  describe.skipIf(backend.skipReason !== '')(`the admin audit API on ${backend.name}${backend.skipReason ? ` (skipped: ${backend.skipReason})` : ''}`, () => {
    let t: TestServer;
    let deployerId: string;
    let all: Event[];
    beforeAll(async () => {
      t = await startTestServer(backend);
      deployerId = (await t.stores.keys.listKeys()).find((k) => k.role === 'deployer')!.id;
      expect((await t.call('PUT', `/admin/models/${MODEL}/aliases/beta`, { role: 'deployer', body: { version: 2 } })).status).toBe(200);
      expect((await t.call('PUT', `/admin/models/${MODEL}/aliases/beta`, { role: 'deployer', body: { version: 1 } })).status).toBe(200);
      for (let i = 0; i < BULK; i++) await t.stores.recordAudit({ actor: 'bulk-loader', action: 'test.bulk', model: null, version: null, fromStage: null, toStage: null, reason: `row ${i}, "quoted"`, details: { i } });
      all = (await t.stores.listAudit()) as Event[];
    });
    afterAll(async () => t?.close());

    it('pages the log newest first by id, without gaps or duplicates, until nextBefore is null', async () => {
      const seen: number[] = [];
      let before: number | null = null;
      let pages = 0;
      do {
        const page = await t.call('GET', `/admin/audit?limit=250${before ? `&before=${before}` : ''}`, { role: 'viewer' });
        expect(page.status).toBe(200);
        seen.push(...page.body.events.map((e: Event) => e.id));
        before = page.body.nextBefore;
        pages++;
      } while (before !== null);
      expect(seen).toEqual(all.map((e) => e.id).reverse());
      expect(pages).toBe(Math.ceil(all.length / 250));
    });

    it('filters by model, action, actor and time', async () => {
      const aliases = await t.call('GET', `/admin/audit?model=${MODEL}&action=alias.set`, { role: 'viewer' });
      expect(aliases.body.events.map((e: Event & { version: number }) => e.version)).toEqual([1, 2]);
      const byDeployer = await t.call('GET', `/admin/audit?actor=${deployerId}`, { role: 'viewer' });
      expect(byDeployer.body.events).toHaveLength(2);
      expect(byDeployer.body.events.every((e: Event) => e.actor === deployerId)).toBe(true);
      const future = await t.call('GET', '/admin/audit?from=2999-01-01T00:00:00Z', { role: 'viewer' });
      expect(future.body).toEqual({ events: [], nextBefore: null });
      const first = all[0]!;
      const upToFirst = await t.call('GET', `/admin/audit?to=${encodeURIComponent(new Date(Date.parse(first.at) + 1).toISOString())}&action=${first.action}`, { role: 'viewer' });
      expect(upToFirst.body.events.map((e: Event) => e.id)).toContain(first.id);
    });

    it('downloads the selection as CSV, newest first, with a header, quoting, and every row past the first page', async () => {
      const response = await fetch(`${t.url}/admin/audit/export?format=csv&action=test.bulk`, { headers: { authorization: `Bearer ${t.keys.viewer}` } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="pitstop-audit-.*\.csv"$/);
      const lines = (await response.text()).split('\r\n').filter(Boolean);
      expect(lines[0]).toBe('id,at,actor,action,model,version,fromStage,toStage,reason,details');
      expect(lines).toHaveLength(BULK + 1);
      expect(lines[1]).toMatch(new RegExp(`^\\d+,[^,]+,bulk-loader,test\\.bulk,,,,,"row ${BULK - 1}, ""quoted""","{""i"":${BULK - 1}}"$`));
      expect(lines[BULK]).toMatch(/"row 0, ""quoted"""/);
    });

    it('downloads JSON Lines, one event per line, the same events the list shows', async () => {
      const response = await fetch(`${t.url}/admin/audit/export?format=jsonl&model=${MODEL}`, { headers: { authorization: `Bearer ${t.keys.viewer}` } });
      expect(response.headers.get('content-disposition')).toMatch(/\.jsonl"$/);
      const events = (await response.text()).trim().split('\n').map((line) => JSON.parse(line) as Event);
      const listed = await t.call('GET', `/admin/audit?model=${MODEL}&limit=1000`, { role: 'viewer' });
      expect(events).toEqual(listed.body.events);
    });

    it('refuses bad input as problems naming the field, and callers without a key', async () => {
      for (const [route, field] of [
        ['/admin/audit?from=soon', 'querystring.from'], ['/admin/audit?limit=0', 'querystring.limit'], ['/admin/audit?before=-3', 'querystring.before'],
        ['/admin/audit/export?format=xml', 'querystring.format'], ['/admin/audit/export?to=later', 'querystring.to'],
      ] as const) {
        const response = await t.call('GET', route, { role: 'viewer' });
        expect(response.status, route).toBe(400);
        expect(response.body, route).toMatchObject({ code: 'VALIDATION_FAILED', field });
      }
      expect((await t.call('GET', '/admin/audit', { role: null })).status).toBe(401);
      expect((await t.call('GET', '/admin/audit/export', { role: null })).status).toBe(401);
    });
  });
}
