// The registry with its packages in S3 (s3rver on loopback), wired as createServices wires it: config from the
// environment, an s3: artifacts URL, and a read-through cache on each replica.
import fs from 'node:fs/promises';
import path from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/index.js';
import { buildRegressorPackage, regressorSpec } from './fixtures/packages.js';
import { S3RVER_CREDENTIALS, startS3Server, type S3TestServer } from './fixtures/s3-server.js';
import { tempDir } from './fixtures/test-databases.js';

let server: S3TestServer;
let databaseUrl: string;
const opened: Services[] = [];

beforeAll(async () => {
  server = await startS3Server();
  databaseUrl = `sqlite:${path.join(await tempDir(), 'pitstop.db')}`;
});

afterAll(async () => {
  for (const services of opened) await services.close();
  await server?.stop();
});

/** One replica: its own PITSTOP_HOME (and so its own artifact cache), sharing the database and the bucket. */
async function replica(): Promise<Services> {
  const config = loadConfig({
    PITSTOP_HOME: await tempDir('pitstop-home-'),
    PITSTOP_DATABASE_URL: databaseUrl,
    PITSTOP_ARTIFACTS_URL: server.url('artifacts'),
    PITSTOP_ARCHIVE_URL: server.url('archive'),
    AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
  });
  const services = await createServices(config);
  opened.push(services);
  return services;
}

function cachedCopy(services: Services, key: string): string {
  return path.join(services.config.artifactCacheDir, 'sha256', key.slice(0, 2), key);
}

describe('the registry over the S3 artifact store', () => {
  it('registers a real package into the bucket and loads it back, verified, through each replica\'s cache', async () => {
    const first = await replica();
    const built = await buildRegressorPackage();
    const { version } = await first.registry.register(built.bytes, 'alice');
    expect(first.artifacts.location).toBe(`s3://${server.bucket}/artifacts`);
    const head = await server.client.send(new HeadObjectCommand({ Bucket: server.bucket, Key: server.objectKey('artifacts', version.artifactKey) }));
    expect(head.ContentLength).toBe(built.bytes.length);

    const loaded = await first.registry.loadPackage('house-prices', version.version);
    expect(loaded.digest).toBe(built.digest);
    expect((await fs.readFile(cachedCopy(first, version.artifactKey))).equals(Buffer.from(built.bytes))).toBe(true);

    const second = await replica();
    await expect(fs.access(cachedCopy(second, version.artifactKey))).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await second.registry.loadPackage('house-prices', version.version)).manifest.name).toBe('house-prices');
    await fs.access(cachedCopy(second, version.artifactKey));
  });

  it('refuses a package whose object was changed in the bucket', async () => {
    const services = await replica();
    const built = await buildRegressorPackage({ spec: regressorSpec({ version: 'to-be-tampered-with' }) });
    const { version } = await services.registry.register(built.bytes, 'alice');
    await server.overwrite(server.objectKey('artifacts', version.artifactKey), Buffer.from(built.bytes).subarray(0, 100));
    const fresh = await replica();
    await expect(fresh.registry.loadPackage('house-prices', version.version)).rejects.toMatchObject({ code: 'ARTIFACT_DIGEST_MISMATCH' });
  });
});
