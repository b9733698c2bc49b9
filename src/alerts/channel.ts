// What every notification channel offers: deliver one notification and say how it went, without throwing.
import type { ChannelType } from './channel-config-schema.js';
import type { Notification } from './notification.js';

export interface DeliveryResult {
  readonly channel: string;
  readonly delivered: boolean;
  readonly attempts: number;
  /** The last HTTP status (webhook) or exit code (command); null when there was none (network error, timeout, log). */
  readonly lastStatus: number | null;
  /** Why the delivery failed, or null when it succeeded. */
  readonly error: string | null;
}

export interface Channel {
  readonly name: string;
  readonly type: ChannelType;
  /** Never rejects: every failure is reported in the result. */
  deliver(notification: Notification): Promise<DeliveryResult>;
}

/** The subset of pino's Logger the log channel needs. */
export interface AlertLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
