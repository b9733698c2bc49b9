import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alertEnvironment, createCommandChannel } from './command-channel.js';
import { sampleNotification } from './test-fixtures/alert-fixtures.js';

/** Node script: writes what it received (stdin, argv, PITSTOP_* and TEAM variables) as JSON to the file named by its first argument. */
const RECORDER = `
const fs = require('node:fs');
let stdin = '';
process.stdin.setEncoding('utf8').on('data', (c) => (stdin += c)).on('end', () => {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('PITSTOP_') || k === 'TEAM'));
  fs.writeFileSync(process.argv[1], JSON.stringify({ stdin, argv: process.argv.slice(2), env }));
});
`;

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pitstop-command-channel-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function nodeCommand(script: string, args: string[] = [], options: { timeoutMs?: number; env?: Record<string, string> } = {}) {
  return createCommandChannel({ name: 'page', argv: [process.execPath, '-e', script, ...args], timeoutMs: options.timeoutMs ?? 10_000, env: options.env });
}

describe('the command channel', () => {
  it('runs the executable with the notification as JSON on stdin and as PITSTOP_ALERT_* variables', async () => {
    const out = path.join(dir, 'received.json');
    const notification = sampleNotification();
    const result = await nodeCommand(RECORDER, [out], { env: { TEAM: 'ml' } }).deliver(notification);

    expect(result).toEqual({ channel: 'page', delivered: true, attempts: 1, lastStatus: 0, error: null });
    const received = JSON.parse(await fs.readFile(out, 'utf8'));
    expect(JSON.parse(received.stdin)).toEqual(notification);
    expect(received.env).toEqual({ ...alertEnvironment(notification), TEAM: 'ml' });
    expect(received.env).toMatchObject({ PITSTOP_ALERT_RULE: 'psi-age', PITSTOP_ALERT_STATUS: 'firing', PITSTOP_ALERT_VALUE: '0.31', PITSTOP_ALERT_FINGERPRINT: 'fedcba9876543210' });
  });

  it('passes arguments literally, with no shell to interpret them', async () => {
    const out = path.join(dir, 'received.json');
    const marker = path.join(dir, 'pwned');
    const hostile = `$(touch ${marker}); touch ${marker} | echo *`;
    await nodeCommand(RECORDER, [out, hostile]).deliver(sampleNotification());
    expect(JSON.parse(await fs.readFile(out, 'utf8')).argv).toEqual([hostile]);
    await expect(fs.access(marker)).rejects.toThrow();
  });

  it('counts a non-zero exit as a failed delivery, with the end of what the command said on stderr', async () => {
    const result = await nodeCommand('process.stderr.write("pager service refused the token\\n"); process.exit(1)').deliver(sampleNotification());
    expect(result).toEqual({ channel: 'page', delivered: false, attempts: 1, lastStatus: 1, error: `${process.execPath} exited with code 1: pager service refused the token` });
  });

  it('kills a command that outlives its timeout and reports the delivery as failed', async () => {
    const started = Date.now();
    const result = await nodeCommand('setTimeout(() => {}, 30000)', [], { timeoutMs: 200 }).deliver(sampleNotification());
    expect(result).toMatchObject({ delivered: false, lastStatus: null, error: `${process.execPath} did not exit within 200 ms and was killed` });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reports an executable that does not exist as a failed delivery, not an exception', async () => {
    const missing = path.join(dir, 'no-such-command');
    const result = await createCommandChannel({ name: 'page', argv: [missing] }).deliver(sampleNotification());
    expect(result).toMatchObject({ delivered: false, attempts: 1, lastStatus: null, error: expect.stringMatching(/^could not run .*ENOENT/) });
  });

  it('delivers to a command that ignores its stdin and exits 0', async () => {
    const result = await nodeCommand('process.exit(0)').deliver(sampleNotification({ description: 'x'.repeat(1_000_000) }));
    expect(result).toMatchObject({ delivered: true, lastStatus: 0 });
  });

  it('cuts long values in the environment, which the OS would refuse, while stdin carries them whole', async () => {
    const out = path.join(dir, 'received.json');
    const description = 'drift '.repeat(100_000);
    const result = await nodeCommand(RECORDER, [out]).deliver(sampleNotification({ description }));
    expect(result.delivered).toBe(true);
    const received = JSON.parse(await fs.readFile(out, 'utf8'));
    expect(JSON.parse(received.stdin).description).toBe(description);
    expect(received.env.PITSTOP_ALERT_DESCRIPTION).toBe(description.slice(0, 4096));
  });
});
