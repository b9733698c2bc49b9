import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { inspect } from 'node:util';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3RVER_CREDENTIALS, startS3Server, type S3TestServer } from '../../../test/fixtures/s3-server.js';
import { tempDir } from '../../../test/fixtures/test-databases.js';
import { sha256Hex } from '../artifact-key.js';
import { describeArtifactStoreContract } from '../artifact-store-contract.js';
import type { ArtifactStore } from '../artifact-store.js';
import { CachedArtifactStore } from '../cached-artifact-store.js';
import { createArtifactStore } from '../create-artifact-store.js';
import { FilesystemArtifactStore } from '../filesystem/filesystem-artifact-store.js';
import { createS3ArtifactStore, createS3Client } from './create-s3-artifact-store.js';
import { S3ArtifactStore } from './s3-artifact-store.js';
import { parseS3ArtifactUrl } from './s3-artifact-url.js';

let server: S3TestServer;
const opened: ArtifactStore[] = [];

beforeAll(async () => {
  server = await startS3Server();
});

afterAll(async () => {
  for (const store of opened) await store.close?.();
  await server?.stop();
});

/** A store on a fresh prefix of the test bucket, closed after the file. */
async function freshStore(options: { cacheDir?: string } = {}): Promise<{ store: ArtifactStore; prefix: string }> {
  const prefix = `p-${randomBytes(6).toString('hex')}`;
  const store = await createArtifactStore(server.url(prefix), { s3Credentials: S3RVER_CREDENTIALS, ...options });
  opened.push(store);
  return { store, prefix };
}

describeArtifactStoreContract('s3 (s3rver on loopback)', async () => {
  const { store, prefix } = await freshStore();
  return { store, corrupt: (key, bytes) => server.overwrite(server.objectKey(prefix, key), bytes) };
});

describeArtifactStoreContract('s3 behind a local read-through cache', async () => {
  const { store, prefix } = await freshStore({ cacheDir: await tempDir('pitstop-artifact-cache-') });
  return { store, corrupt: (key, bytes) => server.overwrite(server.objectKey(prefix, key), bytes) };
});

describe('S3ArtifactStore', () => {
  it('files a blob under PREFIX/sha256/ab/<hex>, with its SHA-256 in the object metadata', async () => {
    const { store, prefix } = await freshStore();
    const { key } = await store.put(Buffer.from('laid out like the filesystem store'));
    const head = await server.client.send(new HeadObjectCommand({ Bucket: server.bucket, Key: `${prefix}/sha256/${key.slice(0, 2)}/${key}` }));
    expect(head.Metadata).toEqual({ sha256: key });
  });

  it('uploads a 20 MB package in 8 MiB parts and reads back the same bytes', async () => {
    const commands: string[] = [];
    const client = createS3Client(parseS3ArtifactUrl(server.url()), S3RVER_CREDENTIALS);
    client.middlewareStack.add(
      (next, context) => async (args) => {
        commands.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'recordCommands' },
    );
    const store = new S3ArtifactStore({ client, bucket: server.bucket, prefix: `p-${randomBytes(6).toString('hex')}`, endpoint: server.endpoint });
    opened.push(store);
    const bytes = randomBytes(20 * 1000 * 1000);
    const stored = await store.put(bytes);
    expect(stored).toEqual({ key: sha256Hex(bytes), size: bytes.length, created: true });
    expect(commands.filter((c) => c !== 'HeadObjectCommand')).toEqual([
      'CreateMultipartUploadCommand',
      'UploadPartCommand',
      'UploadPartCommand',
      'UploadPartCommand',
      'CompleteMultipartUploadCommand',
    ]);
    expect((await store.get(stored.key)).equals(bytes)).toBe(true);
  });

  it('sends a small blob in one request', async () => {
    const commands: string[] = [];
    const client = createS3Client(parseS3ArtifactUrl(server.url()), S3RVER_CREDENTIALS);
    client.middlewareStack.add(
      (next, context) => async (args) => {
        commands.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'recordCommands' },
    );
    const store = new S3ArtifactStore({ client, bucket: server.bucket, prefix: 'small' });
    opened.push(store);
    await store.put(Buffer.from(`small ${randomBytes(4).toString('hex')}`));
    expect(commands).toEqual(['HeadObjectCommand', 'PutObjectCommand']);
  });

  it('names the bucket, prefix and endpoint in its location, never the credentials', async () => {
    const credentials = { accessKeyId: 'AKIAPITSTOPEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI-secret-value' };
    const store = createS3ArtifactStore(server.url('models/prod'), { credentials });
    opened.push(store);
    expect(store.location).toBe(`s3://${server.bucket}/models/prod`);
    const shown = `${store.location} ${inspect(store, { depth: 8 })}`;
    expect(shown).not.toContain(credentials.secretAccessKey);
    expect(shown).not.toContain(credentials.accessKeyId);
  });

  it('says ARTIFACT_STORE_UNAVAILABLE, naming the endpoint, when nothing listens there', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const store = createS3ArtifactStore(`s3://pitstop-test/x?endpoint=${endpoint}`, { credentials: S3RVER_CREDENTIALS });
    opened.push(store);
    const failure = store.get('a'.repeat(64));
    await expect(failure).rejects.toMatchObject({ code: 'ARTIFACT_STORE_UNAVAILABLE', status: 503, exitCode: 6 });
    await expect(failure).rejects.toThrow(`cannot read artifact ${'a'.repeat(64)} in s3://pitstop-test/x (endpoint ${endpoint}): connection refused (ECONNREFUSED)`);
  });

  it('says ARTIFACT_STORE_UNAVAILABLE when the server refuses the credentials, without repeating them', async () => {
    const credentials = { accessKeyId: 'NOT-S3RVER', secretAccessKey: 'a-secret-that-must-not-show' };
    const store = createS3ArtifactStore(server.url(), { credentials });
    opened.push(store);
    const error = (await store.put(Buffer.from('refused')).catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ code: 'ARTIFACT_STORE_UNAVAILABLE' });
    expect(error.message).toMatch(/access denied \(HTTP 403\): check the credentials/);
    expect(error.message).not.toContain(credentials.secretAccessKey);
  });

  it('says ARTIFACT_STORE_UNAVAILABLE when the bucket does not exist', async () => {
    const store = createS3ArtifactStore(`s3://no-such-bucket/x?endpoint=${server.endpoint}`, { credentials: S3RVER_CREDENTIALS });
    opened.push(store);
    await expect(store.put(Buffer.from('nowhere to go'))).rejects.toMatchObject({
      code: 'ARTIFACT_STORE_UNAVAILABLE',
      message: expect.stringContaining('bucket "no-such-bucket" does not exist'),
    });
  });
});

describe('the local read-through cache over S3', () => {
  async function cachedStore() {
    const cacheDir = await tempDir('pitstop-artifact-cache-');
    const { store, prefix } = await freshStore({ cacheDir });
    expect(store).toBeInstanceOf(CachedArtifactStore);
    return { store, prefix, cacheDir, cacheFile: (key: string) => path.join(cacheDir, 'sha256', key.slice(0, 2), key) };
  }

  it('serves a second read from the cache, even once the object is gone from S3', async () => {
    const { store, prefix } = await cachedStore();
    const bytes = Buffer.from('read once from S3');
    const { key } = await store.put(bytes);
    expect((await store.get(key)).equals(bytes)).toBe(true);
    await server.remove(server.objectKey(prefix, key));
    expect((await store.get(key)).equals(bytes)).toBe(true);
    expect(await store.has(key)).toBe(false);
  });

  it('drops a cached copy that fails verification and fetches the object from S3 again', async () => {
    const { store, cacheFile } = await cachedStore();
    const bytes = Buffer.from('the registered package');
    const { key } = await store.put(bytes);
    await store.get(key);
    await fs.chmod(cacheFile(key), 0o644);
    await fs.writeFile(cacheFile(key), 'bit rot');
    expect((await store.get(key)).equals(bytes)).toBe(true);
    expect((await fs.readFile(cacheFile(key))).equals(bytes)).toBe(true);
  });

  it('keeps no copy of an object that fails verification in S3', async () => {
    const { store, prefix, cacheFile } = await cachedStore();
    const { key } = await store.put(Buffer.from('about to be tampered with'));
    await server.overwrite(server.objectKey(prefix, key), Buffer.from('tampered'));
    await expect(store.get(key)).rejects.toMatchObject({ code: 'ARTIFACT_DIGEST_MISMATCH' });
    await expect(fs.access(cacheFile(key))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('is a FilesystemArtifactStore under the configured folder', async () => {
    const { store, cacheDir } = await cachedStore();
    const cached = store as CachedArtifactStore;
    expect(cached.cache).toBeInstanceOf(FilesystemArtifactStore);
    expect(cached.cache.location).toBe(cacheDir);
    expect(cached.location).toMatch(/^s3:\/\/pitstop-test\/p-/);
  });
});

/** A loopback port nothing listens on: one the OS just handed out and took back. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
