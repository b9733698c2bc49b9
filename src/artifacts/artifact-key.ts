// Artifact keys: the hex SHA-256 of a blob's bytes, the one name every ArtifactStore files a blob under.
import { createHash } from 'node:crypto';
import { PitstopError } from '../errors/index.js';

const KEY_PATTERN = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Refuses anything but 64 lowercase hex characters, so a key can never name a path or object outside the store. */
export function assertArtifactKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new PitstopError('VALIDATION_FAILED', `not an artifact key: ${key}`, { field: 'key' });
}

/** ARTIFACT_DIGEST_MISMATCH unless `bytes` still hash to `key`. */
export function verifyArtifactDigest(key: string, bytes: Uint8Array, location: string): void {
  const actual = sha256Hex(bytes);
  if (actual !== key) {
    throw new PitstopError('ARTIFACT_DIGEST_MISMATCH', `artifact ${key} in ${location} now hashes to ${actual}: it was changed or corrupted`);
  }
}
