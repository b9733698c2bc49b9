// Delivers a notification to the channels its rule names, all at once, and reports every delivery.
import type { AlertRule } from './alert-rule-schema.js';
import type { ChannelConfig } from './channel-config-schema.js';
import type { Channel, DeliveryResult } from './channel.js';
import { createChannel, type ChannelDependencies } from './create-channel.js';
import type { Notification } from './notification.js';

export class Notifier {
  private readonly channels: ReadonlyMap<string, Channel>;

  constructor(channels: readonly Channel[]) {
    this.channels = new Map(channels.map((channel) => [channel.name, channel]));
  }

  static fromConfig(configs: readonly ChannelConfig[], dependencies: ChannelDependencies): Notifier {
    return new Notifier(configs.map((config) => createChannel(config, dependencies)));
  }

  /** The rule's channels; a rule that names none goes to every channel. */
  channelsFor(rule: Pick<AlertRule, 'channels'>): readonly string[] {
    return rule.channels ?? [...this.channels.keys()];
  }

  /** Never rejects; a channel name nothing is registered under is reported as a failed delivery. */
  async notify(rule: Pick<AlertRule, 'channels'>, notification: Notification): Promise<DeliveryResult[]> {
    return Promise.all(
      this.channelsFor(rule).map((name) => {
        const channel = this.channels.get(name);
        if (!channel) return { channel: name, delivered: false, attempts: 0, lastStatus: null, error: `no channel is named "${name}"` };
        // A channel written elsewhere might break the never-reject contract; one bad channel must not hide the others' results.
        return channel.deliver(notification).catch((error: unknown) => ({ channel: name, delivered: false, attempts: 1, lastStatus: null, error: String(error) }));
      }),
    );
  }
}
