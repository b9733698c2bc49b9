import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/fixtures/test-databases.js';
import { describeArtifactStoreContract } from './artifact-store-contract.js';
import type { ArtifactStore } from './artifact-store.js';
import { CachedArtifactStore } from './cached-artifact-store.js';
import { FilesystemArtifactStore } from './filesystem/filesystem-artifact-store.js';

/** A remote and a cache, both folders, and a way to reach each blob's file. */
async function cachedFolders() {
  const remoteRoot = await tempDir('pitstop-remote-');
  const cacheRoot = await tempDir('pitstop-cache-');
  const remote = new CountingStore(new FilesystemArtifactStore(remoteRoot));
  const store = new CachedArtifactStore(remote, new FilesystemArtifactStore(cacheRoot));
  const fileIn = (root: string) => (key: string) => path.join(root, 'sha256', key.slice(0, 2), key);
  return { store, remote, remoteFile: fileIn(remoteRoot), cacheFile: fileIn(cacheRoot) };
}

async function overwrite(file: string, bytes: Uint8Array | string): Promise<void> {
  await fs.chmod(file, 0o644);
  await fs.writeFile(file, bytes);
}

describeArtifactStoreContract('a read-through cache over the filesystem', async () => {
  const { store, remoteFile } = await cachedFolders();
  return { store, corrupt: (key, bytes) => overwrite(remoteFile(key), bytes) };
});

describe('CachedArtifactStore', () => {
  it('downloads a blob once and then reads it from the cache', async () => {
    const { store, remote } = await cachedFolders();
    const { key } = await store.put(Buffer.from('a package'));
    await store.get(key);
    await store.get(key);
    expect(remote.gets).toBe(1);
  });

  it('keeps serving a cached blob after the remote lost it, while has() asks the remote', async () => {
    const { store, remoteFile } = await cachedFolders();
    const { key } = await store.put(Buffer.from('cached before it went'));
    await store.get(key);
    await fs.rm(remoteFile(key));
    expect((await store.get(key)).toString()).toBe('cached before it went');
    expect(await store.has(key)).toBe(false);
  });

  it('replaces a cached copy that no longer verifies with the remote one', async () => {
    const { store, remote, cacheFile } = await cachedFolders();
    const { key } = await store.put(Buffer.from('the real bytes'));
    await store.get(key);
    await overwrite(cacheFile(key), 'flipped bits');
    expect((await store.get(key)).toString()).toBe('the real bytes');
    expect(remote.gets).toBe(2);
    expect((await fs.readFile(cacheFile(key))).toString()).toBe('the real bytes');
  });

  it('deletes the cached copy with the remote one', async () => {
    const { store, cacheFile } = await cachedFolders();
    const { key } = await store.put(Buffer.from('going'));
    await store.get(key);
    expect(await store.delete(key)).toBe(true);
    await expect(fs.access(cacheFile(key))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(store.get(key)).rejects.toMatchObject({ code: 'ARTIFACT_NOT_FOUND' });
  });

  it('still answers when the cache cannot be written', async () => {
    const remoteRoot = await tempDir('pitstop-remote-');
    const blocked = path.join(await tempDir('pitstop-cache-'), 'a-file-not-a-folder');
    await fs.writeFile(blocked, '');
    const store = new CachedArtifactStore(new FilesystemArtifactStore(remoteRoot), new FilesystemArtifactStore(blocked));
    const { key } = await store.put(Buffer.from('no room in the cache'));
    expect((await store.get(key)).toString()).toBe('no room in the cache');
  });

  it('names the remote as its location', async () => {
    const { store, remote } = await cachedFolders();
    expect(store.location).toBe(remote.location);
  });
});

/** Counts reads that reach the remote. */
class CountingStore implements ArtifactStore {
  gets = 0;
  constructor(private readonly inner: ArtifactStore) {}
  get location() {
    return this.inner.location;
  }
  put(bytes: Uint8Array) {
    return this.inner.put(bytes);
  }
  get(key: string) {
    this.gets += 1;
    return this.inner.get(key);
  }
  has(key: string) {
    return this.inner.has(key);
  }
  delete(key: string) {
    return this.inner.delete(key);
  }
}
