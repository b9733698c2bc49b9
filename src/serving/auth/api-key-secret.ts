// API key secrets: generated, shown once, stored as salted hashes and compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'psk';

export interface GeneratedKey {
  readonly id: string;
  /** The whole key the caller sends (`psk_<id>_<secret>`); never stored. */
  readonly token: string;
  readonly salt: string;
  readonly secretHash: string;
}

export function generateApiKey(): GeneratedKey {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const salt = randomBytes(16).toString('hex');
  return { id: `${PREFIX}_${id}`, token: `${PREFIX}_${id}_${secret}`, salt, secretHash: hashSecret(secret, salt) };
}

/** Splits a presented token into its key id and secret, or null when it is not shaped like a Pitstop key. */
export function parseApiKey(token: string): { id: string; secret: string } | null {
  const match = /^(psk_[0-9a-f]{16})_([A-Za-z0-9_-]{43})$/.exec(token.trim());
  return match ? { id: match[1]!, secret: match[2]! } : null;
}

/**
 * Salted SHA-256. The secret is 256 random bits, so a slow password hash (scrypt, bcrypt) buys nothing
 * against guessing and would cost milliseconds on every request.
 */
export function hashSecret(secret: string, salt: string): string {
  return createHash('sha256').update(salt).update(':').update(secret).digest('hex');
}

export function secretMatches(secret: string, salt: string, expectedHash: string): boolean {
  const actual = Buffer.from(hashSecret(secret, salt), 'hex');
  const expected = Buffer.from(expectedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
