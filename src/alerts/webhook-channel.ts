// The webhook channel: a signed JSON POST, retried with backoff on network errors, 5xx and 429.
import { DEFAULT_RETRY_POLICY, type RetryPolicy, type WebhookChannelConfig } from './channel-config-schema.js';
import type { Channel, DeliveryResult } from './channel.js';
import type { Notification } from './notification.js';
import { isRetryableStatus, parseRetryAfter, retryDelayMs } from './retry-delay.js';
import { signWebhook } from './webhook-signature.js';

export interface WebhookChannelSettings extends Pick<WebhookChannelConfig, 'name' | 'url' | 'headers'> {
  /** The resolved HMAC key (createChannel reads secretEnv). */
  readonly secret: string;
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
}

/** Seams for tests; production uses the defaults. */
export interface WebhookRuntime {
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => Date;
}

interface AttemptOutcome {
  readonly delivered: boolean;
  readonly status: number | null;
  readonly error: string | null;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
}

export function createWebhookChannel(settings: WebhookChannelSettings, runtime: WebhookRuntime = {}): Channel {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...settings.retry };
  const timeoutMs = settings.timeoutMs ?? 10_000;
  const doFetch = runtime.fetch ?? fetch;
  const sleep = runtime.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = runtime.random ?? Math.random;
  const now = runtime.now ?? (() => new Date());

  async function attempt(notification: Notification, body: string): Promise<AttemptOutcome> {
    // A fresh timestamp per attempt, so that a retry late in the backoff still passes the receiver's tolerance.
    const timestamp = String(Math.floor(now().getTime() / 1000));
    try {
      const response = await doFetch(settings.url, {
        method: 'POST',
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          ...settings.headers,
          'content-type': 'application/json',
          'user-agent': 'pitstop-alerts',
          'x-pitstop-event-id': notification.id,
          'x-pitstop-timestamp': timestamp,
          'x-pitstop-signature': signWebhook(settings.secret, timestamp, body),
        },
      });
      const text = await response.text();
      if (response.status >= 200 && response.status < 300) return { delivered: true, status: response.status, error: null, retryable: false };
      const retryable = isRetryableStatus(response.status);
      const retryAfterMs = retryable ? parseRetryAfter(response.headers.get('retry-after'), now()) : undefined;
      const detail = text.trim().slice(0, 200);
      return { delivered: false, status: response.status, error: `HTTP ${response.status}${detail ? `: ${detail}` : ''}`, retryable, retryAfterMs };
    } catch (error) {
      return { delivered: false, status: null, error: describeFetchError(error, timeoutMs), retryable: true };
    }
  }

  async function deliver(notification: Notification): Promise<DeliveryResult> {
    const result = (attempts: number, outcome: AttemptOutcome): DeliveryResult => ({
      channel: settings.name,
      delivered: outcome.delivered,
      attempts,
      lastStatus: outcome.status,
      error: outcome.error,
    });
    try {
      const body = JSON.stringify(notification);
      for (let n = 1; ; n++) {
        const outcome = await attempt(notification, body);
        if (outcome.delivered || !outcome.retryable || n >= policy.attempts) return result(n, outcome);
        await sleep(retryDelayMs(n, policy, random, outcome.retryAfterMs));
      }
    } catch (error) {
      return result(0, { delivered: false, status: null, error: `could not send: ${(error as Error).message}`, retryable: false });
    }
  }

  return { name: settings.name, type: 'webhook', deliver };
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no response within ${timeoutMs} ms`;
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return cause ? `${message}: ${cause.code ?? cause.message}` : message;
}
