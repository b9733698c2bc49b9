// Serving the built GUI at /ui: files without a key, index.html for the GUI's own paths, long caching for hashed
// assets only, a content security policy, nothing outside the build directory, and a clear problem when not built.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { sendError } from '../../src/serving/http-errors.js';
import { registerAdminUi } from '../../src/serving/ui-static.js';
import { tempDir } from '../fixtures/test-databases.js';

let app: FastifyInstance | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

async function serve(directory: string): Promise<FastifyInstance> {
  app = Fastify({ logger: false });
  app.setErrorHandler((error: Error, request, reply) => sendError(error, request, reply));
  await registerAdminUi(app, directory);
  return app;
}

async function builtUi(): Promise<string> {
  const directory = await tempDir('pitstop-ui-');
  await mkdir(path.join(directory, 'assets'), { recursive: true });
  await writeFile(path.join(directory, 'index.html'), '<!doctype html><title>Pitstop admin</title>');
  await writeFile(path.join(directory, 'assets', 'index-abc123.js'), 'console.log(1)');
  await writeFile(path.join(directory, 'robots.txt'), 'User-agent: *');
  await writeFile(path.join(path.dirname(directory), 'secret.txt'), 'not for the web');
  return directory;
}

describe('the admin GUI files at /ui', () => {
  it('answers index.html for /ui and for any GUI path, never cached, with a content security policy', async () => {
    const server = await serve(await builtUi());
    for (const url of ['/ui', '/ui/', '/ui/models/churn', '/ui/predictions/01K?x=1']) {
      const response = await server.inject(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toContain('<title>Pitstop admin</title>');
      expect(response.headers['cache-control'], url).toBe('public, max-age=0');
      expect(response.headers['content-security-policy'], url).toContain("script-src 'self'");
    }
  });

  it('serves hashed assets as immutable and other files as they are', async () => {
    const server = await serve(await builtUi());
    const asset = await server.inject('/ui/assets/index-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await server.inject('/ui/robots.txt')).body).toBe('User-agent: *');
  });

  it('never serves a file outside the build directory', async () => {
    const server = await serve(await builtUi());
    for (const url of ['/ui/../secret.txt', '/ui/%2e%2e/secret.txt', '/ui/..%2fsecret.txt', '/ui/assets/../../secret.txt']) {
      const response = await server.inject(url);
      expect(response.body, url).not.toContain('not for the web');
    }
  });

  it('answers a 404 problem that says to build the GUI when it is not built', async () => {
    const server = await serve(path.join(await tempDir('pitstop-ui-'), 'missing'));
    const response = await server.inject('/ui/models');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ status: 404, code: 'FILE_NOT_FOUND', detail: expect.stringContaining('run `npm run build`') });
  });
});
