// The behaviour every ArtifactStore must have; each implementation's test runs this suite against a real backend.
import { describe, expect, it } from 'vitest';
import type { ArtifactStore } from './artifact-store.js';
import { sha256Hex } from './artifact-key.js';

export interface ArtifactStoreHarness {
  store: ArtifactStore;
  /** Overwrites the stored bytes behind the store's back, to prove reads verify digests. */
  corrupt(key: string, bytes: Uint8Array): Promise<void>;
}

export function describeArtifactStoreContract(name: string, createHarness: () => Promise<ArtifactStoreHarness>): void {
  describe(`ArtifactStore contract: ${name}`, () => {
    it('stores bytes under their SHA-256 and reads them back', async () => {
      const { store } = await createHarness();
      const bytes = Buffer.from('a model package');
      const stored = await store.put(bytes);
      expect(stored).toEqual({ key: sha256Hex(bytes), size: bytes.length, created: true });
      expect(await store.has(stored.key)).toBe(true);
      expect((await store.get(stored.key)).equals(bytes)).toBe(true);
    });

    it('keeps identical bytes once', async () => {
      const { store } = await createHarness();
      const first = await store.put(Buffer.from('same'));
      const second = await store.put(Buffer.from('same'));
      expect(second.key).toBe(first.key);
      expect(second.created).toBe(false);
    });

    it('says ARTIFACT_NOT_FOUND for an unknown key', async () => {
      const { store } = await createHarness();
      await expect(store.get('0'.repeat(64))).rejects.toMatchObject({ code: 'ARTIFACT_NOT_FOUND' });
      expect(await store.has('0'.repeat(64))).toBe(false);
    });

    it('refuses to return bytes that no longer match their digest', async () => {
      const harness = await createHarness();
      const stored = await harness.store.put(Buffer.from('original'));
      await harness.corrupt(stored.key, Buffer.from('tampered'));
      await expect(harness.store.get(stored.key)).rejects.toMatchObject({ code: 'ARTIFACT_DIGEST_MISMATCH' });
    });

    it('deletes a blob once, and says so', async () => {
      const { store } = await createHarness();
      const stored = await store.put(Buffer.from('to be deleted'));
      expect(await store.delete(stored.key)).toBe(true);
      expect(await store.has(stored.key)).toBe(false);
      await expect(store.get(stored.key)).rejects.toMatchObject({ code: 'ARTIFACT_NOT_FOUND' });
      expect(await store.delete(stored.key)).toBe(false);
    });

    it('rejects keys that are not SHA-256 hex', async () => {
      const { store } = await createHarness();
      await expect(store.get('../../etc/passwd')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });
  });
}
