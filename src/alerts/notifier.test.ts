import { afterEach, describe, expect, it } from 'vitest';
import type { AlertState } from './alert-state.js';
import type { AlertLogger, Channel, DeliveryResult } from './channel.js';
import { createChannel } from './create-channel.js';
import { evaluateRule } from './evaluate-rule.js';
import { loadAlertConfig } from './load-alert-config.js';
import { notificationFor, type Notification } from './notification.js';
import { Notifier } from './notifier.js';
import { minute, sampleNotification } from './test-fixtures/alert-fixtures.js';
import { startWebhookReceiver, type WebhookReceiver } from './test-fixtures/webhook-receiver.js';
import { verifyWebhookSignature } from './webhook-signature.js';

const silentLogger: AlertLogger = { info: () => {}, warn: () => {}, error: () => {} };

let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

/** A channel that takes `ms` to answer and remembers what it was given. */
function slowChannel(name: string, ms: number, delivered = true): Channel & { received: Notification[] } {
  const received: Notification[] = [];
  return {
    name,
    type: 'log',
    received,
    async deliver(notification): Promise<DeliveryResult> {
      received.push(notification);
      await new Promise((resolve) => setTimeout(resolve, ms));
      return { channel: name, delivered, attempts: 1, lastStatus: null, error: delivered ? null : 'refused' };
    },
  };
}

describe('createChannel', () => {
  it('builds a webhook that signs with the secret named by secretEnv', async () => {
    receiver = await startWebhookReceiver(() => ({ status: 200 }));
    const channel = createChannel(
      { name: 'ops-hook', type: 'webhook', url: receiver.url, secretEnv: 'OPS_HOOK_SECRET', timeoutMs: 5000, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } },
      { env: { OPS_HOOK_SECRET: 'from-the-environment' } },
    );
    expect(await channel.deliver(sampleNotification())).toMatchObject({ delivered: true });
    const { headers, body } = receiver.requests[0]!;
    expect(verifyWebhookSignature('from-the-environment', headers['x-pitstop-timestamp'] as string, body, headers['x-pitstop-signature'] as string)).toBe(true);
  });

  it('refuses at start-up a webhook whose secretEnv is not set, naming the variable', () => {
    const config = { name: 'ops-hook', type: 'webhook', url: 'https://example.com', secretEnv: 'OPS_HOOK_SECRET', timeoutMs: 5000, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } } as const;
    expect(() => createChannel(config, { env: {} })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('OPS_HOOK_SECRET') }));
  });

  it('refuses a log channel when no logger is given', () => {
    expect(() => createChannel({ name: 'log', type: 'log' }, { env: {} })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('builds log and command channels by type', () => {
    expect(createChannel({ name: 'log', type: 'log' }, { env: {}, logger: silentLogger }).type).toBe('log');
    expect(createChannel({ name: 'page', type: 'command', argv: ['true'], timeoutMs: 1000 }, { env: {} }).type).toBe('command');
  });
});

describe('Notifier', () => {
  it("delivers to the rule's channels concurrently and returns every result in the rule's order", async () => {
    const a = slowChannel('a', 150);
    const b = slowChannel('b', 150, false);
    const c = slowChannel('c', 1);
    const started = Date.now();
    const results = await new Notifier([a, b, c]).notify({ channels: ['b', 'a'] }, sampleNotification());
    expect(Date.now() - started).toBeLessThan(290);
    expect(results.map((r) => [r.channel, r.delivered])).toEqual([
      ['b', false],
      ['a', true],
    ]);
    expect(c.received).toEqual([]);
  });

  it('sends a rule that names no channels to every channel, and one with an empty list to none', async () => {
    const notifier = new Notifier([slowChannel('a', 1), slowChannel('b', 1)]);
    expect((await notifier.notify({}, sampleNotification())).map((r) => r.channel)).toEqual(['a', 'b']);
    expect(await notifier.notify({ channels: [] }, sampleNotification())).toEqual([]);
  });

  it('reports a channel nobody registered, and a channel that throws, as failed deliveries', async () => {
    const throwing: Channel = { name: 'bad', type: 'log', deliver: () => Promise.reject(new Error('boom')) };
    const results = await new Notifier([throwing, slowChannel('ok', 1)]).notify({ channels: ['missing', 'bad', 'ok'] }, sampleNotification());
    expect(results).toEqual([
      { channel: 'missing', delivered: false, attempts: 0, lastStatus: null, error: 'no channel is named "missing"' },
      { channel: 'bad', delivered: false, attempts: 1, lastStatus: null, error: 'Error: boom' },
      { channel: 'ok', delivered: true, attempts: 1, lastStatus: null, error: null },
    ]);
  });
});

describe('rules file to webhook, end to end', () => {
  it('posts exactly one firing and one resolved notification over a day of evaluations', async () => {
    receiver = await startWebhookReceiver(() => ({ status: 200 }));
    const config = loadAlertConfig(`
rules:
  - { name: age-drift, model: churn, metric: "psi:age", op: ">", threshold: 0.25, resolveThreshold: 0.2, for: 10m, severity: critical, channels: [ops-hook] }
channels:
  - { name: ops-hook, type: webhook, url: "${receiver.url}", secretEnv: HOOK_SECRET }
`);
    const notifier = Notifier.fromConfig(config.channels, { env: { HOOK_SECRET: 's3cret' } });
    const rule = config.rules[0]!;
    // Evaluated every 5 minutes: clear, drifting, hovering either side of the threshold, then back to normal.
    const values = [...Array(20).fill(0.1), ...Array(10).fill(0.3), ...Array.from({ length: 190 }, (_, i) => (i % 2 === 0 ? 0.22 : 0.27)), ...Array(68).fill(0.15)];
    let state: AlertState | undefined;
    for (const [i, value] of values.entries()) {
      const evaluation = evaluateRule(rule, state, { at: minute(5 * i), value });
      state = evaluation.state;
      const notification = evaluation.transition && notificationFor(rule, evaluation.transition, state);
      if (notification) expect(await notifier.notify(rule, notification)).toMatchObject([{ channel: 'ops-hook', delivered: true }]);
    }
    const received = receiver.requests.map((r) => JSON.parse(r.body) as Notification);
    expect(received.map((n) => n.status)).toEqual(['firing', 'resolved']);
    // Pending at evaluation 20, firing 10 minutes later; resolved at the first value at or below 0.2.
    expect(received.map((n) => [n.startsAt, n.at])).toEqual([
      [minute(110).toISOString(), minute(110).toISOString()],
      [minute(110).toISOString(), minute(1100).toISOString()],
    ]);
  });
});
