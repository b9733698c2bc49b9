// Builds a channel from its declaration in the rules file, resolving what the declaration only names (secretEnv).
import { PitstopError } from '../errors/index.js';
import type { ChannelConfig } from './channel-config-schema.js';
import type { AlertLogger, Channel } from './channel.js';
import { createCommandChannel } from './command-channel.js';
import { createLogChannel } from './log-channel.js';
import { createWebhookChannel, type WebhookRuntime } from './webhook-channel.js';

export interface ChannelDependencies {
  /** Needed by log channels. */
  readonly logger?: AlertLogger;
  /** Where secretEnv is looked up, and the environment commands start from. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly webhook?: WebhookRuntime;
}

/** Throws CONFIG_INVALID at start-up (an unset secretEnv, a log channel without a logger) rather than at the first alert. */
export function createChannel(config: ChannelConfig, dependencies: ChannelDependencies): Channel {
  switch (config.type) {
    case 'webhook': {
      const secret = config.secret ?? dependencies.env[config.secretEnv!];
      if (!secret) {
        throw new PitstopError('CONFIG_INVALID', `channel "${config.name}": environment variable ${config.secretEnv} (its secretEnv) is not set`, {
          field: 'secretEnv',
        });
      }
      return createWebhookChannel({ ...config, secret }, dependencies.webhook);
    }
    case 'log':
      if (!dependencies.logger) throw new PitstopError('CONFIG_INVALID', `channel "${config.name}": a log channel needs a logger`);
      return createLogChannel(config.name, dependencies.logger);
    case 'command':
      return createCommandChannel({ ...config, env: dependencies.env });
  }
}
