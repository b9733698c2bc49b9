import { afterEach, describe, expect, it } from 'vitest';
import { sampleNotification } from './test-fixtures/alert-fixtures.js';
import { startWebhookReceiver, type Reply, type WebhookReceiver } from './test-fixtures/webhook-receiver.js';
import { createWebhookChannel, type WebhookChannelSettings, type WebhookRuntime } from './webhook-channel.js';
import { verifyWebhookSignature } from './webhook-signature.js';

const SECRET = 'whsec_test';
const FAST_RETRY = { attempts: 5, baseDelayMs: 5, maxDelayMs: 20 };

let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

async function receive(reply: (n: number) => Reply): Promise<WebhookReceiver> {
  receiver = await startWebhookReceiver(reply);
  return receiver;
}

function webhook(url: string, settings: Partial<WebhookChannelSettings> = {}, runtime: WebhookRuntime = {}) {
  return createWebhookChannel({ name: 'ops-hook', url, secret: SECRET, retry: FAST_RETRY, ...settings }, runtime);
}

/** A sleep that records what it was asked to wait and returns at once. */
function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

describe('the webhook channel, against a real HTTP server', () => {
  it('retries two 503s and is delivered on attempt 3, each attempt signed and carrying the same event id', async () => {
    const server = await receive((n) => (n < 2 ? { status: 503, body: 'busy' } : { status: 200 }));
    const notification = sampleNotification();
    const result = await webhook(server.url).deliver(notification);

    expect(result).toEqual({ channel: 'ops-hook', delivered: true, attempts: 3, lastStatus: 200, error: null });
    expect(server.requests).toHaveLength(3);
    for (const request of server.requests) {
      expect(request.method).toBe('POST');
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['x-pitstop-event-id']).toBe(notification.id);
      expect(JSON.parse(request.body)).toEqual(notification);
      const timestamp = request.headers['x-pitstop-timestamp'] as string;
      const signature = request.headers['x-pitstop-signature'] as string;
      expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(verifyWebhookSignature(SECRET, timestamp, request.body, signature, 300)).toBe(true);
    }
  });

  it('sends requests whose signature fails for a tampered body, another secret or a stale timestamp', async () => {
    const server = await receive(() => ({ status: 204 }));
    await webhook(server.url).deliver(sampleNotification());
    const { body, headers } = server.requests[0]!;
    const timestamp = headers['x-pitstop-timestamp'] as string;
    const signature = headers['x-pitstop-signature'] as string;
    expect(verifyWebhookSignature(SECRET, timestamp, body.replace('"critical"', '"info"'), signature, 300)).toBe(false);
    expect(verifyWebhookSignature('not-the-secret', timestamp, body, signature, 300)).toBe(false);
    const tenMinutesLater = new Date(Number(timestamp) * 1000 + 600_000);
    expect(verifyWebhookSignature(SECRET, timestamp, body, signature, 300, tenMinutesLater)).toBe(false);
  });

  it('does not retry a 400: the receiver will not change its mind', async () => {
    const server = await receive(() => ({ status: 400, body: 'unknown field "op"' }));
    const result = await webhook(server.url).deliver(sampleNotification());
    expect(result).toEqual({ channel: 'ops-hook', delivered: false, attempts: 1, lastStatus: 400, error: 'HTTP 400: unknown field "op"' });
    expect(server.requests).toHaveLength(1);
  });

  it('gives up after the configured attempts, backing off exponentially between them', async () => {
    const server = await receive(() => ({ status: 500 }));
    const { sleep, waits } = recordingSleep();
    const result = await webhook(server.url, { retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 250 } }, { sleep, random: () => 1 }).deliver(sampleNotification());
    expect(result).toMatchObject({ delivered: false, attempts: 4, lastStatus: 500, error: 'HTTP 500' });
    expect(server.requests).toHaveLength(4);
    expect(waits).toEqual([100, 200, 250]);
  });

  it('retries a 429, waiting what Retry-After asks', async () => {
    const server = await receive((n) => (n === 0 ? { status: 429, headers: { 'retry-after': '2' } } : { status: 202 }));
    const { sleep, waits } = recordingSleep();
    const result = await webhook(server.url, { retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 5000 } }, { sleep }).deliver(sampleNotification());
    expect(result).toMatchObject({ delivered: true, attempts: 2, lastStatus: 202 });
    expect(waits).toEqual([2000]);
  });

  it('retries a network error and reports it when every attempt fails', async () => {
    const server = await receive(() => ({ status: 200 }));
    const url = server.url;
    await server.close();
    receiver = undefined;
    const result = await webhook(url, { retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 } }).deliver(sampleNotification());
    expect(result).toMatchObject({ delivered: false, attempts: 2, lastStatus: null, error: expect.stringContaining('ECONNREFUSED') });
  });

  it('abandons an attempt that gets no answer within timeoutMs, and retries it', async () => {
    const server = await receive((n) => (n === 0 ? { status: 200, hang: true } : { status: 200 }));
    const { sleep, waits } = recordingSleep();
    const result = await webhook(server.url, { timeoutMs: 200 }, { sleep }).deliver(sampleNotification());
    expect(result).toMatchObject({ delivered: true, attempts: 2, lastStatus: 200 });
    expect(waits).toHaveLength(1);
  });

  it('reports a timeout in words when no attempt is answered', async () => {
    const server = await receive(() => ({ status: 200, hang: true }));
    const result = await webhook(server.url, { timeoutMs: 100, retry: { attempts: 1 } }).deliver(sampleNotification());
    expect(result).toMatchObject({ delivered: false, attempts: 1, lastStatus: null, error: 'no response within 100 ms' });
  });

  it('does not follow a redirect, which would turn the signed POST into something else', async () => {
    const server = await receive(() => ({ status: 302, headers: { location: 'http://127.0.0.1:1/elsewhere' } }));
    const result = await webhook(server.url).deliver(sampleNotification());
    expect(result).toMatchObject({ delivered: false, attempts: 1, lastStatus: 302 });
  });

  it('sends configured headers, but never lets them replace the signature headers', async () => {
    const server = await receive(() => ({ status: 200 }));
    await webhook(server.url, { headers: { authorization: 'Bearer t0k3n', 'x-pitstop-signature': 'sha256=forged' } }).deliver(sampleNotification());
    const { headers, body } = server.requests[0]!;
    expect(headers['authorization']).toBe('Bearer t0k3n');
    expect(verifyWebhookSignature(SECRET, headers['x-pitstop-timestamp'] as string, body, headers['x-pitstop-signature'] as string)).toBe(true);
  });
});
