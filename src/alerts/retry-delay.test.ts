import { describe, expect, it } from 'vitest';
import { isRetryableStatus, parseRetryAfter, retryDelayMs } from './retry-delay.js';

const POLICY = { baseDelayMs: 500, maxDelayMs: 30_000 };
const NOW = new Date('2025-03-01T12:00:00Z');

describe('retryDelayMs', () => {
  it('doubles from the base delay, jittered within the upper half of each step', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, POLICY, () => 0))).toEqual([250, 500, 1000, 2000]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, POLICY, () => 1))).toEqual([500, 1000, 2000, 4000]);
  });

  it('never waits longer than maxDelayMs', () => {
    expect(retryDelayMs(20, POLICY, () => 1)).toBe(30_000);
    expect(retryDelayMs(20, POLICY, () => 0)).toBe(15_000);
  });

  it("waits what the server's Retry-After asks instead, within maxDelayMs", () => {
    expect(retryDelayMs(1, POLICY, () => 0.5, 2000)).toBe(2000);
    expect(retryDelayMs(1, POLICY, () => 0.5, 0)).toBe(0);
    expect(retryDelayMs(1, POLICY, () => 0.5, 3_600_000)).toBe(30_000);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', NOW)).toBe(3000);
    expect(parseRetryAfter('Sat, 01 Mar 2025 12:00:10 GMT', NOW)).toBe(10_000);
    expect(parseRetryAfter('Sat, 01 Mar 2025 11:00:00 GMT', NOW)).toBe(0);
  });

  it('ignores an absent or unreadable header', () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter('', NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
  });
});

describe('isRetryableStatus', () => {
  it('retries 5xx and 429 only', () => {
    expect([500, 502, 503, 504, 429].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 410, 422].some(isRetryableStatus)).toBe(false);
  });
});
