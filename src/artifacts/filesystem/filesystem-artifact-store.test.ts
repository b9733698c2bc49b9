import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeArtifactStoreContract } from '../artifact-store-contract.js';
import { createArtifactStore } from '../create-artifact-store.js';
import { FilesystemArtifactStore } from './filesystem-artifact-store.js';

describeArtifactStoreContract('filesystem', async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'pitstop-artifacts-'));
  return {
    store: new FilesystemArtifactStore(root),
    async corrupt(key, bytes) {
      const file = path.join(root, 'sha256', key.slice(0, 2), key);
      await fs.chmod(file, 0o644);
      await fs.writeFile(file, bytes);
    },
  };
});

describe('createArtifactStore', () => {
  it('chooses the filesystem store for file: URLs', async () => {
    expect(await createArtifactStore('file:/tmp/x')).toBeInstanceOf(FilesystemArtifactStore);
    expect((await createArtifactStore('file:///tmp/x')).location).toBe('/tmp/x');
  });

  it('names the known schemes when the scheme is unknown', async () => {
    await expect(createArtifactStore('gopher://host/x')).rejects.toThrow(/unknown artifact store scheme "gopher:".*known schemes: file:/);
  });

  it('leaves no temp files after writing', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'pitstop-artifacts-'));
    const stored = await new FilesystemArtifactStore(root).put(Buffer.from('x'));
    const files = await fs.readdir(path.join(root, 'sha256', stored.key.slice(0, 2)));
    expect(files).toEqual([stored.key]);
  });
});
