// Hostile input against a real server: each finding of the hostile-input review is a case here. A caller's mistake is
// a 4xx with a JSON problem, never a 500, and the server answers a valid request afterwards.
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './fixtures/run-cli.js';
import { MODEL, startTestServer, type TestServer } from './fixtures/serving.js';
import { testBackends } from './fixtures/backends.js';
import { buildRegressorPackage, regressorSpec, repackage } from './fixtures/packages.js';
import { tempDir } from './fixtures/test-databases.js';
import { generateSigningKeyPair } from '../src/package/index.js';
import { creditRules, loadCustomers } from './fixtures/credit-app.js';

/** A request whose path is sent exactly as written (fetch would resolve `..` before sending). */
function rawGet(url: string, path: string): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}/`, { method: 'GET', path }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode!, body, headers: response.headers }));
    });
    request.on('error', reject);
    request.end();
  });
}

/** A "billion laughs" rule set: nine aliases of nine aliases of ... */
function aliasBombRuleSet(): string {
  const lines = ['name: laughs', 'l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let level = 1; level <= 9; level++) lines.push(`l${level}: &l${level} [${Array(9).fill(`*l${level - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\nroute: []\n`;
}

const [sqlite] = testBackends();

describe('hostile input against a real server', () => {
  let t: TestServer;
  const stillAnswers = async () => {
    const answer = await t.call('POST', `/v1/models/${MODEL}/predict`, { role: 'predictor', body: { records: [{ x1: 1, x2: 2, x3: 3 }] } });
    expect(answer.status).toBe(200);
  };

  beforeAll(async () => {
    t = await startTestServer(sqlite!);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('the API docs', () => {
    it('answers a path climbing out of the static folder with a 4xx problem, not a 500', async () => {
      const answer = await rawGet(t.url, '/docs/static/../../package.json');
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.body)).toMatchObject({ status: 403, code: 'REQUEST_REFUSED' });
      await stillAnswers();
    });

    it('sends a Content-Security-Policy that allows only its own scripts', async () => {
      const answer = await rawGet(t.url, '/docs/');
      expect(answer.status).toBe(200);
      const policy = String(answer.headers['content-security-policy']);
      expect(policy).toMatch(/script-src 'self'(;|$)/);
      expect(policy).toMatch(/frame-ancestors 'none'/);
      expect(policy).not.toMatch(/https:|unsafe-eval/);
    });
  });

  describe('rule sets', () => {
    it('refuses a YAML alias bomb as RULE_INVALID (400)', async () => {
      const answer = await t.call('POST', '/admin/rules', { role: 'deployer', body: { source: aliasBombRuleSet() } });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: 'RULE_INVALID', detail: expect.stringMatching(/alias/i) });
      await stillAnswers();
    });

    it.each([
      ['flow collections', `name: deep\nroute: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`],
      ['compact sequences', `name: deep\nroute:\n  ${'- '.repeat(20_000)}x\n`],
    ])('refuses YAML nested 20,000 deep in %s as RULE_INVALID (400)', async (_kind, source) => {
      const answer = await t.call('POST', '/admin/rules', { role: 'deployer', body: { source } });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: 'RULE_INVALID', detail: expect.stringMatching(/nested more than 64 levels/) });
      await stillAnswers();
    });
  });

  describe('the CLI', () => {
    it('refuses an alias-bomb rule set in one line with exit code 2, not INTERNAL', async () => {
      const work = await tempDir('pitstop-hostile-');
      await fs.writeFile(`${work}/laughs.yaml`, aliasBombRuleSet());
      const result = await runCli(['rules', 'deploy', 'laughs.yaml'], { cwd: work, env: { PITSTOP_HOME: `${work}/home` } });
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/^pitstop: RULE_INVALID: .*alias/i);
    });

    it('registers with --require-signature only a package signed by a trusted key; a stripped signature is refused', async () => {
      const work = await tempDir('pitstop-signed-');
      const home = path.join(work, 'home');
      const keys = generateSigningKeyPair();
      await fs.mkdir(path.join(home, 'trusted-keys'), { recursive: true });
      await fs.writeFile(path.join(home, 'trusted-keys', 'team.pub.pem'), keys.publicKeyPem);
      const signed = await buildRegressorPackage({ signingKeyPem: keys.privateKeyPem });
      await fs.writeFile(path.join(work, 'signed.pitstop'), signed.bytes);
      await fs.writeFile(path.join(work, 'unsigned.pitstop'), (await buildRegressorPackage({ spec: regressorSpec({ version: '2.0.0' }) })).bytes);
      await fs.writeFile(path.join(work, 'stripped.pitstop'), await repackage(signed.bytes, (files) => files.delete('signature.json')));
      const register = (file: string, ...flags: string[]) => runCli(['register', file, ...flags], { cwd: work, env: { PITSTOP_HOME: home } });

      const unsigned = await register('unsigned.pitstop', '--require-signature');
      expect(unsigned.code).toBe(5);
      expect(unsigned.stderr).toBe('pitstop: SIGNATURE_UNTRUSTED: the package is not signed, and a signature is required\n');
      const stripped = await register('stripped.pitstop');
      expect(stripped.code).toBe(5);
      expect(stripped.stderr).toMatch(/^pitstop: SIGNATURE_INVALID: the manifest says the package is signed by key [0-9a-f]{16}, but it has no signature\.json\n$/);
      const accepted = await register('signed.pitstop', '--require-signature');
      expect(accepted.code, accepted.stderr).toBe(0);
      expect(accepted.stdout).toMatch(/^Registered house-prices v1 /);
    });

    it('lets a model require signed packages by policy, kept by register whichever door sets it', async () => {
      const work = await tempDir('pitstop-signed-policy-');
      const home = path.join(work, 'home');
      const keys = generateSigningKeyPair();
      await fs.mkdir(path.join(home, 'trusted-keys'), { recursive: true });
      await fs.writeFile(path.join(home, 'trusted-keys', 'team.pub.pem'), keys.publicKeyPem);
      await fs.writeFile(path.join(work, 'v1.pitstop'), (await buildRegressorPackage()).bytes);
      await fs.writeFile(path.join(work, 'v2.pitstop'), (await buildRegressorPackage({ spec: regressorSpec({ version: '2.0.0' }) })).bytes);
      await fs.writeFile(path.join(work, 'v3.pitstop'), (await buildRegressorPackage({ spec: regressorSpec({ version: '3.0.0' }), signingKeyPem: keys.privateKeyPem })).bytes);
      const cli = (...args: string[]) => runCli(args, { cwd: work, env: { PITSTOP_HOME: home } });

      expect((await cli('register', 'v1.pitstop')).code).toBe(0);
      const set = await cli('policy', 'house-prices', '--require-signature');
      expect(set.code, set.stderr).toBe(0);
      expect(set.stdout).toMatch(/new versions must be signed by a trusted key/);
      const unsigned = await cli('register', 'v2.pitstop');
      expect(unsigned.code).toBe(5);
      expect(unsigned.stderr).toMatch(/^pitstop: SIGNATURE_UNTRUSTED: house-prices requires packages signed by a trusted key \(policy set by .*\), and this package is not signed\n$/);
      expect((await cli('register', 'v3.pitstop')).code).toBe(0);
      const audit = await cli('--json', 'history', 'house-prices');
      expect(audit.stdout).toMatch(/policy\.updated/);

      // Over HTTP the same operation sets it, for admins only.
      expect((await t.call('PUT', `/admin/models/${MODEL}/policy`, { role: 'deployer', body: { require_signature: true } })).status).toBe(403);
      const http = await t.call('PUT', `/admin/models/${MODEL}/policy`, { role: 'admin', body: { require_signature: true } });
      expect(http.body).toMatchObject({ model: MODEL, requireApproval: false, requireSignature: true });
      await expect(t.registry.register((await buildRegressorPackage({ spec: regressorSpec({ version: '9.0.0' }) })).bytes, 'test')).rejects.toMatchObject({ code: 'SIGNATURE_UNTRUSTED' });
      expect((await t.call('PUT', `/admin/models/${MODEL}/policy`, { role: 'admin', body: {} })).status).toBe(400);
      await t.call('PUT', `/admin/models/${MODEL}/policy`, { role: 'admin', body: { require_signature: false } });
    }, 180_000);
  });

  describe('list limits', () => {
    it.each(['/admin/predictions', '/admin/audit', '/admin/apps/eta/decisions'])('answers %s?limit=1e400 and Infinity with 400', async (route) => {
      for (const limit of ['1e400', 'Infinity', '-1', '1.5', 'NaN']) {
        const answer = await t.call('GET', `${route}?limit=${limit}`, { role: 'viewer' });
        expect(answer.status, `${route}?limit=${limit}`).toBe(400);
        expect(answer.body).toMatchObject({ code: 'VALIDATION_FAILED', field: expect.stringContaining('limit') });
      }
      await stillAnswers();
    });

    it('refuses a non-finite number in a path or a body field that a string was coerced into', async () => {
      const stage = await t.call('POST', `/admin/models/${MODEL}/versions/1e400/stage`, { role: 'deployer', body: { stage: 'staging', reason: 'x' } });
      expect(stage.status).toBe(400);
      const traffic = await t.call('PUT', `/admin/models/${MODEL}/traffic`, { role: 'deployer', body: { canary: { version: 2, percent: '1e400' } } });
      expect(traffic.status).toBe(400);
      expect(traffic.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.canary.percent' });
      expect((await t.call('GET', `/admin/models/${MODEL}/traffic`, { role: 'viewer' })).body).toMatchObject({ canary: null });
    });
  });

  describe('the app endpoint', () => {
    const decide = (body: unknown) => t.call('POST', '/v1/apps/credit/decide', { role: 'predictor', body });
    const loggedPredictions = async () => {
      await t.server.log.flush();
      return (await t.stores.predictions.listPredictions({ model: MODEL, limit: 10_000 })).length;
    };
    const nested = (depth: number, leaf: unknown) => {
      let value = leaf;
      for (let d = 0; d < depth; d++) value = [value];
      return value;
    };

    beforeAll(async () => {
      await loadCustomers(t.stores);
      const deployed = await t.call('POST', '/admin/rules', { role: 'deployer', body: { source: creditRules(10, MODEL) } });
      expect(deployed.status).toBe(201);
    });

    it('refuses a body nested 6,000 deep with a 400 before anything runs, and logs no prediction for it', async () => {
      const before = await loggedPredictions();
      // Written as text: JSON.stringify itself cannot serialise 6,000 levels.
      const deep = await decide(`{"customer_id": 2, "amount": 4, "extra": ${'['.repeat(6000)}1${']'.repeat(6000)}}`);
      expect(deep.status).toBe(400);
      expect(deep.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body', detail: expect.stringMatching(/nests deeper than 64 levels/) });
      const predict = await t.call('POST', `/v1/models/${MODEL}/predict`, { role: 'predictor', body: { records: [{ x1: 1, x2: 2, x3: nested(100, 3) }] } });
      expect(predict.status).toBe(400);
      expect(await loggedPredictions()).toBe(before);
      const fine = await decide({ customer_id: 2, amount: 4, extra: nested(60, 1) });
      expect(fine.status).toBe(200);
      expect(await loggedPredictions()).toBe(before + 1);
    });

    it('refuses a lookup key that is an array or an object, and looks up row 2 by 2 or "2" only', async () => {
      for (const key of [[2], [[2]], nested(50, 2), { id: 2 }, 2.5, '', true]) {
        const answer = await decide({ customer_id: key, amount: 4 });
        expect(answer.status, JSON.stringify(key)).toBe(400);
        expect(answer.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'key', detail: expect.stringMatching(/feature table "customers"/) });
      }
      const byNumber = await decide({ customer_id: 2, amount: 4 });
      const byText = await decide({ customer_id: '2', amount: 4 });
      expect(byNumber.body.decision).toEqual(byText.body.decision);
      expect(byNumber.body.decided_by).toMatchObject({ rule: 'scored' });
      await stillAnswers();
    });
  });
});
