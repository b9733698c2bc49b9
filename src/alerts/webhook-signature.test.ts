import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from './webhook-signature.js';

const SECRET = 'whsec_test';
const BODY = '{"rule":"psi-age","status":"firing"}';
const NOW = new Date('2025-03-01T12:00:00Z');
const TIMESTAMP = String(NOW.getTime() / 1000);

describe('webhook signatures', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256, as "sha256=<hex>"', () => {
    // printf '%s' '1740830400.{"rule":"psi-age","status":"firing"}' | openssl dgst -sha256 -hmac whsec_test
    expect(signWebhook(SECRET, TIMESTAMP, BODY)).toBe('sha256=55a9425b9a55a3552b3131fcd1c1f711edd5245856219082e8b1bfbfd10dc99b');
    expect(signWebhook(SECRET, TIMESTAMP, BODY)).toBe(signWebhook(SECRET, TIMESTAMP, Buffer.from(BODY)));
  });

  it('verifies a signature made with the same secret, timestamp and body', () => {
    expect(verifyWebhookSignature(SECRET, TIMESTAMP, BODY, signWebhook(SECRET, TIMESTAMP, BODY), 300, NOW)).toBe(true);
  });

  it('refuses a tampered body, another secret, and a timestamp moved to fit a replay', () => {
    const signature = signWebhook(SECRET, TIMESTAMP, BODY);
    expect(verifyWebhookSignature(SECRET, TIMESTAMP, BODY.replace('firing', 'resolved'), signature, 300, NOW)).toBe(false);
    expect(verifyWebhookSignature('another', TIMESTAMP, BODY, signature, 300, NOW)).toBe(false);
    expect(verifyWebhookSignature(SECRET, String(Number(TIMESTAMP) + 1), BODY, signature, 300, new Date(NOW.getTime() + 1000))).toBe(false);
  });

  it('refuses a timestamp outside the tolerance, in either direction', () => {
    const old = String(Number(TIMESTAMP) - 301);
    const future = String(Number(TIMESTAMP) + 301);
    expect(verifyWebhookSignature(SECRET, old, BODY, signWebhook(SECRET, old, BODY), 300, NOW)).toBe(false);
    expect(verifyWebhookSignature(SECRET, future, BODY, signWebhook(SECRET, future, BODY), 300, NOW)).toBe(false);
    const edge = String(Number(TIMESTAMP) - 300);
    expect(verifyWebhookSignature(SECRET, edge, BODY, signWebhook(SECRET, edge, BODY), 300, NOW)).toBe(true);
  });

  it.each([
    ['no prefix', (s: string) => s.slice('sha256='.length)],
    ['another algorithm', (s: string) => s.replace('sha256=', 'sha1=')],
    ['a truncated digest', (s: string) => s.slice(0, -2)],
    ['non-hex characters', (s: string) => `${s.slice(0, -1)}z`],
    ['an empty string', () => ''],
  ])('refuses a malformed signature (%s) without throwing', (_, mangle) => {
    expect(verifyWebhookSignature(SECRET, TIMESTAMP, BODY, mangle(signWebhook(SECRET, TIMESTAMP, BODY)), 300, NOW)).toBe(false);
  });

  it('refuses a timestamp that is not whole seconds', () => {
    for (const timestamp of ['', 'abc', '1740830400.5', '-1740830400']) {
      expect(verifyWebhookSignature(SECRET, timestamp, BODY, signWebhook(SECRET, timestamp, BODY), 300, NOW)).toBe(false);
    }
  });
});
