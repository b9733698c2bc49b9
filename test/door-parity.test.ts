// Every change is audited once, the same whichever door it came through: two identically seeded worlds, one driven by
// the real `pitstop` CLI, the other over HTTP, step by step, and the audit rows each step writes compared. They differ
// only in the door, and in the key (the CLI holds none).
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FilesystemArtifactStore } from '../src/artifacts/index.js';
import { Registry } from '../src/registry/index.js';
import { createPitstopServer, type PitstopServer } from '../src/serving/index.js';
import { generateApiKey } from '../src/serving/auth/index.js';
import { openMetadataStore, type AuditEvent, type Stores } from '../src/store/index.js';
import { creditRules } from './fixtures/credit-app.js';
import { buildWorldPackages, seedWorld, WORLD_MODEL as M, type World } from './fixtures/operation-scenarios.js';
import { runCli } from './fixtures/run-cli.js';
import { tempDir } from './fixtures/test-databases.js';

interface Step {
  readonly operation: string;
  /** The person acting (PITSTOP_ACTOR on the CLI, the key's owner over HTTP). */
  readonly person?: string;
  readonly cli: readonly string[];
  readonly http: readonly [method: string, route: string, body?: unknown];
}

const STEPS = (pending: number): Step[] => [
  { operation: 'registry.set_policy', cli: ['policy', M, '--no-require-approval'], http: ['PUT', `/admin/models/${M}/policy`, { require_approval: false }] },
  { operation: 'registry.set_policy', cli: ['policy', M, '--require-approval'], http: ['PUT', `/admin/models/${M}/policy`, { require_approval: true }] },
  { operation: 'registry.set_stage', cli: ['stage', M, '3', 'registered', '--reason', 'not yet'], http: ['POST', `/admin/models/${M}/versions/3/stage`, { stage: 'registered', reason: 'not yet' }] },
  { operation: 'registry.set_stage', cli: ['stage', M, '3', 'staging', '--reason', 'again'], http: ['POST', `/admin/models/${M}/versions/3/stage`, { stage: 'staging', reason: 'again' }] },
  { operation: 'registry.set_alias', cli: ['alias', 'set', M, 'challenger', '3'], http: ['PUT', `/admin/models/${M}/aliases/challenger`, { version: 3 }] },
  { operation: 'registry.remove_alias', cli: ['alias', 'rm', M, 'challenger'], http: ['DELETE', `/admin/models/${M}/aliases/challenger`] },
  { operation: 'registry.set_traffic', cli: ['traffic', M, '--shadow', '3:50'], http: ['PUT', `/admin/models/${M}/traffic`, { shadow: { version: 3, percent: 50 } }] },
  { operation: 'registry.reject_promotion', cli: ['reject', String(pending), '--reason', 'drift first'], http: ['POST', `/admin/promotions/${pending}/reject`, { reason: 'drift first' }] },
  { operation: 'registry.request_promotion', cli: ['promote', M, '3', '--reason', 'drift explained'], http: ['POST', `/admin/models/${M}/promotions`, { version: 3, reason: 'drift explained' }] },
  { operation: 'registry.approve_promotion', person: 'dave', cli: ['approve', String(pending + 1), '--reason', 'checked'], http: ['POST', `/admin/promotions/${pending + 1}/approve`, { reason: 'checked' }] },
  { operation: 'registry.rollback', cli: ['rollback', M, '--reason', 'v3 misbehaves'], http: ['POST', `/admin/models/${M}/rollback`, { reason: 'v3 misbehaves' }] },
  { operation: 'auth.create_key', cli: ['keys', 'create', '--role', 'viewer', '--name', 'erin', '--person', 'erin'], http: ['POST', '/admin/keys', { role: 'viewer', name: 'erin', person: 'erin' }] },
  { operation: 'auth.revoke_key', cli: ['keys', 'revoke', 'psk_bob'], http: ['DELETE', '/admin/keys/psk_bob'] },
  { operation: 'rules.deploy', cli: ['rules', 'deploy', 'credit.yaml'], http: ['POST', '/admin/rules', { source: creditRules(14, M) }] },
  { operation: 'rules.rollback', cli: ['rules', 'rollback', 'credit', '--to', '1'], http: ['POST', '/admin/rules/credit/rollback', { to: 1 }] },
  { operation: 'rules.dry_run', cli: ['rules', 'test', 'credit.yaml', '--against-log'], http: ['POST', '/admin/rules/dry-run', { source: creditRules(14, M) }] },
];

/** An audit row without what differs between doors by design: its id, time, actors (a key, or the CLI's person), key and door. */
function comparable(event: AuditEvent): unknown {
  const { id: _id, at: _at, actor: _actor, keyId: _key, door: _door, details, ...rest } = event;
  const { id: _keyId, requestedBy: _requester, ...sameDetails } = details as Record<string, unknown>;
  return { ...rest, details: sameDetails };
}

describe('each operation through the CLI and over HTTP', () => {
  let work: string;
  let cliWorld: World;
  let httpWorld: World;
  let server: PitstopServer;
  let url: string;
  const tokens = new Map<string, string>();
  const opened: Stores[] = [];

  beforeAll(async () => {
    work = await tempDir('pitstop-doors-');
    const packages = await buildWorldPackages();
    const world = async (name: string) => {
      const store = await openMetadataStore(`sqlite:${path.join(work, `${name}.db`)}`);
      opened.push(store);
      return seedWorld(store, packages, true);
    };
    [cliWorld, httpWorld] = [await world('cli'), await world('http')];
    await fs.cp(packages.artifactsDir, path.join(work, 'home', 'artifacts'), { recursive: true });
    await fs.writeFile(path.join(work, 'credit.yaml'), creditRules(14, M));
    for (const person of ['carol', 'dave']) {
      const key = generateApiKey();
      await httpWorld.stores.keys.createKey({ id: key.id, name: person, role: 'admin', secretHash: key.secretHash, salt: key.salt, createdBy: 'setup', rateLimit: null, person });
      tokens.set(person, key.token);
    }
    const registry = new Registry(httpWorld.stores, new FilesystemArtifactStore(packages.artifactsDir), { approvals: httpWorld.stores.approvals });
    server = await createPitstopServer(httpWorld.stores, registry, { home: path.join(work, 'server'), logLevel: 'silent', pollIntervalMs: 100 });
    url = await server.listen(0);
  });
  afterAll(async () => {
    await server?.close();
    for (const store of opened) await store.close();
  });

  it('writes the same audit rows for every step, differing only in door and key', async () => {
    for (const step of STEPS(cliWorld.pendingRequest)) {
      const person = step.person ?? 'carol';
      const [cliBefore, httpBefore] = [(await cliWorld.stores.listAudit()).length, (await httpWorld.stores.listAudit()).length];
      const cli = await runCli(step.cli, { cwd: work, env: { PITSTOP_HOME: path.join(work, 'home'), PITSTOP_DATABASE_URL: `sqlite:${path.join(work, 'cli.db')}`, PITSTOP_ACTOR: person } });
      expect(cli.code, `${step.cli.join(' ')}: ${cli.stderr}`).toBe(0);
      const [method, route, body] = step.http;
      const http = await fetch(`${url}${route}`, { method, headers: { authorization: `Bearer ${tokens.get(person)}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
      expect(http.status, `${method} ${route}: ${await http.clone().text()}`).toBeLessThan(300);
      const cliRows = (await cliWorld.stores.listAudit()).slice(cliBefore);
      const httpRows = (await httpWorld.stores.listAudit()).slice(httpBefore);
      expect(cliRows.length, step.operation).toBeGreaterThan(0);
      expect(cliRows.map(comparable), step.operation).toEqual(httpRows.map(comparable));
      for (const row of cliRows) expect(row, step.operation).toMatchObject({ operation: step.operation, person, door: 'cli', keyId: null });
      for (const row of httpRows) expect(row, step.operation).toMatchObject({ operation: step.operation, person, door: 'http', keyId: expect.stringMatching(/^psk_/) });
    }
  }, 240_000);

  it('records the GUI as the door of a change the admin GUI sends (it says so in x-pitstop-door)', async () => {
    const before = (await httpWorld.stores.listAudit()).length;
    const response = await fetch(`${url}/admin/models/${M}/policy`, {
      method: 'PUT', headers: { authorization: `Bearer ${tokens.get('carol')}`, 'content-type': 'application/json', 'x-pitstop-door': 'gui' }, body: JSON.stringify({ require_approval: false }),
    });
    expect(response.status).toBe(200);
    expect((await httpWorld.stores.listAudit()).slice(before)).toEqual([expect.objectContaining({ action: 'policy.updated', operation: 'registry.set_policy', person: 'carol', door: 'gui' })]);
  });
});
