// Filesystem ArtifactStore: blobs under ROOT/sha256/ab/<hex>, written atomically (temp file, fsync, rename).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PitstopError } from '../../errors/index.js';
import { assertArtifactKey, sha256Hex, verifyArtifactDigest } from '../artifact-key.js';
import type { ArtifactStore, StoredArtifact } from '../artifact-store.js';

export class FilesystemArtifactStore implements ArtifactStore {
  readonly location: string;

  constructor(private readonly root: string) {
    this.location = root;
  }

  async put(bytes: Uint8Array): Promise<StoredArtifact> {
    const key = sha256Hex(bytes);
    const target = this.pathOf(key);
    if (await exists(target)) return { key, size: bytes.byteLength, created: false };
    await fs.mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await fs.open(temp, 'wx', 0o444);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // rename is atomic on POSIX: readers see either no file or the whole file.
    await fs.rename(temp, target);
    return { key, size: bytes.byteLength, created: true };
  }

  async get(key: string): Promise<Buffer> {
    const file = this.pathOf(key);
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new PitstopError('ARTIFACT_NOT_FOUND', `artifact ${key} is not in ${this.location}`);
      }
      throw error;
    }
    verifyArtifactDigest(key, bytes, this.location);
    return bytes;
  }

  async has(key: string): Promise<boolean> {
    return exists(this.pathOf(key));
  }

  async delete(key: string): Promise<boolean> {
    try {
      await fs.unlink(this.pathOf(key));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  private pathOf(key: string): string {
    assertArtifactKey(key);
    return path.join(this.root, 'sha256', key.slice(0, 2), key);
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
