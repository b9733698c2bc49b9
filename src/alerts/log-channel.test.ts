import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { AlertLogger } from './channel.js';
import { createLogChannel } from './log-channel.js';
import { sampleNotification } from './test-fixtures/alert-fixtures.js';

interface Line {
  level: 'info' | 'warn' | 'error';
  obj: object;
  msg: string | undefined;
}

function recordingLogger(): AlertLogger & { lines: Line[] } {
  const lines: Line[] = [];
  const at = (level: Line['level']) => (obj: object, msg?: string) => void lines.push({ level, obj, msg });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

describe('the log channel', () => {
  it('writes one structured line with the whole notification and a readable message', async () => {
    const logger = recordingLogger();
    const notification = sampleNotification();
    const result = await createLogChannel('log', logger).deliver(notification);
    expect(result).toEqual({ channel: 'log', delivered: true, attempts: 1, lastStatus: null, error: null });
    expect(logger.lines).toEqual([{ level: 'error', obj: { alert: notification }, msg: '[FIRING critical] churn/psi-age: psi:age = 0.31 (> 0.25)' }]);
  });

  it('logs critical alerts as errors, warnings as warnings, and info alerts and resolutions as info', async () => {
    const logger = recordingLogger();
    const channel = createLogChannel('log', logger);
    await channel.deliver(sampleNotification({ severity: 'critical' }));
    await channel.deliver(sampleNotification({ severity: 'warning' }));
    await channel.deliver(sampleNotification({ severity: 'info' }));
    await channel.deliver(sampleNotification({ severity: 'critical', status: 'resolved' }));
    expect(logger.lines.map((line) => line.level)).toEqual(['error', 'warn', 'info', 'info']);
  });

  it('reports a logger that throws as a failed delivery', async () => {
    const broken: AlertLogger = { info: () => {}, warn: () => {}, error: () => { throw new Error('stream closed'); } };
    expect(await createLogChannel('log', broken).deliver(sampleNotification())).toMatchObject({ delivered: false, error: 'logger failed: stream closed' });
  });

  it('accepts a pino logger as it is', async () => {
    const written: string[] = [];
    const logger = pino({ base: null }, { write: (line: string) => void written.push(line) });
    await createLogChannel('log', logger).deliver(sampleNotification({ severity: 'warning' }));
    expect(JSON.parse(written[0]!)).toMatchObject({ level: 40, msg: '[FIRING warning] churn/psi-age: psi:age = 0.31 (> 0.25)', alert: { rule: 'psi-age' } });
  });
});
