// Signing webhook requests the way Stripe and GitHub do: HMAC-SHA256 over "<timestamp>.<body>", sent as "sha256=<hex>".
// Receivers verify with verifyWebhookSignature; the timestamp inside the signature stops old requests being replayed.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_PREFIX = 'sha256=';

/** The x-pitstop-signature value for a body sent at `timestamp` (Unix seconds, as sent in x-pitstop-timestamp). */
export function signWebhook(secret: string, timestamp: string, body: string | Buffer): string {
  return SIGNATURE_PREFIX + createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/**
 * Whether `signature` was made with `secret` over this timestamp and body, and the timestamp is within
 * `toleranceSeconds` of `now`. Compares in constant time, so the answer leaks nothing about the expected signature.
 */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string,
  body: string | Buffer,
  signature: string,
  toleranceSeconds = 300,
  now: Date = new Date(),
): boolean {
  if (!/^\d{1,15}$/.test(timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  if (!signature.startsWith(SIGNATURE_PREFIX) || !/^[0-9a-f]{64}$/i.test(signature.slice(SIGNATURE_PREFIX.length))) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body).slice(SIGNATURE_PREFIX.length), 'hex');
  const given = Buffer.from(signature.slice(SIGNATURE_PREFIX.length), 'hex');
  return timingSafeEqual(expected, given);
}
