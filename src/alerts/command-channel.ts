// The command channel: runs a local executable (no shell) with the notification as JSON on stdin and as PITSTOP_ALERT_* variables.
import { spawn } from 'node:child_process';
import type { CommandChannelConfig } from './channel-config-schema.js';
import type { Channel, DeliveryResult } from './channel.js';
import type { Notification } from './notification.js';

export interface CommandChannelSettings extends Pick<CommandChannelConfig, 'name' | 'argv'> {
  readonly timeoutMs?: number;
  /** The environment the command starts from (PATH, HOME, ...); the PITSTOP_ALERT_* variables are added to it. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const STDERR_TAIL = 500;
// Linux refuses to start a process with one environment string over 128 KiB (E2BIG); stdin always has the whole text.
const ENV_VALUE_LIMIT = 4096;

export function createCommandChannel(settings: CommandChannelSettings): Channel {
  const timeoutMs = settings.timeoutMs ?? 10_000;
  const [executable, ...args] = settings.argv;
  return {
    name: settings.name,
    type: 'command',
    deliver: (notification) =>
      new Promise<DeliveryResult>((resolve) => {
        let settled = false;
        const settle = (lastStatus: number | null, error: string | null): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ channel: settings.name, delivered: error === null, attempts: 1, lastStatus, error });
        };
        let stderr = '';
        let timer: NodeJS.Timeout | undefined;
        try {
          const child = spawn(executable!, args, { env: { ...settings.env, ...alertEnvironment(notification) }, stdio: ['pipe', 'ignore', 'pipe'], shell: false });
          timer = setTimeout(() => {
            child.kill('SIGKILL');
            settle(null, `${executable} did not exit within ${timeoutMs} ms and was killed`);
          }, timeoutMs);
          child.on('error', (error) => settle(null, `could not run ${executable}: ${error.message}`));
          child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
            stderr = (stderr + chunk).slice(-STDERR_TAIL);
          });
          child.on('close', (code, signal) => {
            if (code === 0) return settle(0, null);
            const how = code === null ? `was killed by ${signal}` : `exited with code ${code}`;
            settle(code, `${executable} ${how}${stderr.trim() ? `: ${stderr.trim()}` : ''}`);
          });
          // A command that does not read its stdin closes the pipe early; that is its business, not a failed delivery.
          child.stdin.on('error', () => {});
          child.stdin.end(JSON.stringify(notification));
        } catch (error) {
          settle(null, `could not run ${executable}: ${(error as Error).message}`);
        }
      }),
  };
}

/** The notification as environment variables, for scripts that would rather not parse JSON; long values are cut at 4 KiB. */
export function alertEnvironment(notification: Notification): Record<string, string> {
  const variables: Record<string, string> = {
    PITSTOP_ALERT_ID: notification.id,
    PITSTOP_ALERT_RULE: notification.rule,
    PITSTOP_ALERT_MODEL: notification.model,
    PITSTOP_ALERT_METRIC: notification.metric,
    PITSTOP_ALERT_VALUE: String(notification.value),
    PITSTOP_ALERT_OP: notification.op,
    PITSTOP_ALERT_THRESHOLD: String(notification.threshold),
    PITSTOP_ALERT_SEVERITY: notification.severity,
    PITSTOP_ALERT_STATUS: notification.status,
    PITSTOP_ALERT_STARTS_AT: notification.startsAt,
    PITSTOP_ALERT_AT: notification.at,
    PITSTOP_ALERT_DESCRIPTION: notification.description,
    PITSTOP_ALERT_FINGERPRINT: notification.labels['fingerprint'] ?? '',
  };
  for (const [key, value] of Object.entries(variables)) variables[key] = value.slice(0, ENV_VALUE_LIMIT);
  return variables;
}
