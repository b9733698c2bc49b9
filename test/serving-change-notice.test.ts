// How fast a server notices a registry change made elsewhere: within 2 s by polling on SQLite; on PostgreSQL through
// LISTEN/NOTIFY, even with polling slowed to once a minute.
import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { FilesystemArtifactStore } from '../src/artifacts/index.js';
import { Registry } from '../src/registry/index.js';
import { openMetadataStore } from '../src/store/index.js';
import { testBackends } from './fixtures/backends.js';
import { MODEL, startTestServer, type TestServer } from './fixtures/serving.js';

async function servedVersion(t: TestServer): Promise<number> {
  const answer = await t.call('POST', `/v1/models/${MODEL}/predict`, { role: 'predictor', body: { records: [{ x1: 1, x2: 1, x3: 1 }] } });
  return answer.body.model.version;
}

/** Milliseconds until the server answers with `version`, or Infinity after 2 s. */
async function timeUntilServed(t: TestServer, version: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < 2_000) {
    if ((await servedVersion(t)) === version) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Number.POSITIVE_INFINITY;
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

for (const backend of testBackends()) {
  describe.skipIf(backend.skipReason !== '')(`noticing registry changes on ${backend.name}${backend.skipReason ? ` (skipped: ${backend.skipReason})` : ''}`, () => {
    it(backend.name === 'postgres' ? 'is told of a change by NOTIFY, without waiting for a poll' : 'notices a change within 2 s by polling', async () => {
      const viaNotify = backend.name === 'postgres';
      server = await startTestServer(backend, { pollIntervalMs: viaNotify ? 60_000 : 500 });
      expect(server.server.deployment.isSubscribed).toBe(viaNotify);
      expect(await servedVersion(server)).toBe(1);
      // Another process's connection makes the change.
      const other = await openMetadataStore(server.databaseUrl);
      try {
        const registry = new Registry(other, new FilesystemArtifactStore(path.join(server.home, 'artifacts')));
        await registry.setStage(MODEL, 2, 'staging', 'next', 'test');
        await registry.setStage(MODEL, 2, 'production', 'next', 'test');
      } finally {
        await other.close();
      }
      expect(await timeUntilServed(server, 2)).toBeLessThan(2_000);
    });
  });
}
