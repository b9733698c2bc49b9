// CachedArtifactStore: a remote store (S3) with a read-through copy on this replica's disk, so each replica downloads a
// package once. Both sides verify digests; the remote stays the truth for put, has and delete.
import { isPitstopError } from '../errors/index.js';
import { assertArtifactKey } from './artifact-key.js';
import type { ArtifactStore, StoredArtifact } from './artifact-store.js';

export class CachedArtifactStore implements ArtifactStore {
  readonly location: string;

  constructor(
    readonly remote: ArtifactStore,
    readonly cache: ArtifactStore,
  ) {
    this.location = remote.location;
  }

  put(bytes: Uint8Array): Promise<StoredArtifact> {
    return this.remote.put(bytes);
  }

  /** From the cache when it holds a copy that still verifies; otherwise from the remote, keeping a copy. */
  async get(key: string): Promise<Buffer> {
    assertArtifactKey(key);
    const cached = await this.fromCache(key);
    if (cached) return cached;
    const bytes = await this.remote.get(key);
    // A cache that cannot be written only costs the next read a download.
    await this.cache.put(bytes).catch(() => undefined);
    return bytes;
  }

  has(key: string): Promise<boolean> {
    return this.remote.has(key);
  }

  /** Drops the local copy first, so a failed remote delete never leaves this replica serving what it reports as gone. */
  async delete(key: string): Promise<boolean> {
    await this.cache.delete(key);
    return this.remote.delete(key);
  }

  async close(): Promise<void> {
    await this.remote.close?.();
    await this.cache.close?.();
  }

  private async fromCache(key: string): Promise<Buffer | undefined> {
    try {
      return await this.cache.get(key);
    } catch (error) {
      // A damaged copy is not the artifact's fault: drop it and fetch the remote one, which is verified in turn.
      // Any other trouble with the cache (a missing entry, an unreadable folder) only costs a download.
      if (isPitstopError(error) && error.code === 'ARTIFACT_DIGEST_MISMATCH') await this.cache.delete(key).catch(() => false);
      return undefined;
    }
  }
}
