// The log channel: one structured line per notification, at a level that follows its severity.
import type { AlertLogger, Channel } from './channel.js';
import { notificationSummary, type Notification } from './notification.js';

export function createLogChannel(name: string, logger: AlertLogger): Channel {
  return {
    name,
    type: 'log',
    async deliver(notification: Notification) {
      try {
        logger[levelOf(notification)]({ alert: notification }, notificationSummary(notification));
        return { channel: name, delivered: true, attempts: 1, lastStatus: null, error: null };
      } catch (error) {
        return { channel: name, delivered: false, attempts: 1, lastStatus: null, error: `logger failed: ${(error as Error).message}` };
      }
    },
  };
}

function levelOf(notification: Notification): keyof AlertLogger {
  if (notification.status === 'resolved' || notification.severity === 'info') return 'info';
  return notification.severity === 'critical' ? 'error' : 'warn';
}
