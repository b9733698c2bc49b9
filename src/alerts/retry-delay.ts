// How long a webhook waits before its next attempt: exponential backoff with jitter, or what the server asked. Pure.
import type { RetryPolicy } from './channel-config-schema.js';

/**
 * The wait after failed attempt `attempt` (1-based): base·2^(attempt−1), capped at maxDelayMs, then drawn uniformly from
 * its upper half ("equal jitter": receivers recovering from an outage are not hit by every sender at once, and the wait
 * never collapses to zero). A Retry-After from the server replaces it, still capped so one delivery cannot stall for hours.
 */
export function retryDelayMs(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs);
  const backoff = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  return Math.round(backoff / 2 + random() * (backoff / 2));
}

/** A Retry-After header (seconds, or an HTTP date) in milliseconds from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: Date): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}

/** Network errors, 5xx and 429 are worth another try; any other status is the receiver's final answer. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}
