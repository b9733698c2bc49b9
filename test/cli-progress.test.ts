// The progress line as a user sees it: `pitstop train` under a pseudo-terminal (util-linux `script`) draws rows read
// and trees built on the terminal, rewritten in place; piped, or with --json, nothing but the result is printed.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from './fixtures/run-cli.js';
import { tsxArgs } from './fixtures/run-concurrently.js';
import { tempDir } from './fixtures/test-databases.js';

const ENTRY = path.resolve('test/fixtures/pitstop-entry.ts');
const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;

async function writeCsv(file: string, rows: number): Promise<void> {
  const lines = ['x1,x2,y'];
  for (let i = 0; i < rows; i++) lines.push(`${(i % 97) / 97},${(i % 13) / 13},${(i % 97) / 97 + ((i % 13) / 13) * 2}`);
  await fs.writeFile(file, `${lines.join('\n')}\n`);
}

/** Runs the CLI with a pseudo-terminal as its stdin, stdout and stderr, as in an interactive shell. */
async function runInTerminal(args: string[], cwd: string, env: Record<string, string>): Promise<string> {
  const command = [process.execPath, ...tsxArgs(ENTRY, ...args)].map(quote).join(' ');
  const { stdout } = await promisify(execFile)('script', ['-qec', command, '/dev/null'], { cwd, env: { ...process.env, PITSTOP_ACTOR: 'test-user', ...env } });
  return stdout;
}

describe('progress of pitstop train', () => {
  it('draws rows read and trees built on a terminal, and prints only the result without one', async () => {
    const work = await tempDir('pitstop-progress-');
    await writeCsv(path.join(work, 'data.csv'), 5000);
    const env = { PITSTOP_HOME: path.join(work, 'home') };
    const args = (label: string) => ['train', '--algo', 'gbdt', '--data', 'data.csv', '--target', 'y', '--name', 'm', '--label', label, '--params', 'nTrees=30'];

    const screen = await runInTerminal(args('tty'), work, env);
    expect(screen).toContain('\r\x1b[2Kreading data.csv: 0 rows');
    expect(screen).toMatch(/\r\x1b\[2Ktraining gbdt: \d+\/30 trees, \d+\.\d s/);
    expect(screen).toContain('\r\x1b[2Kbuilding the package');
    // The line is cleared before the result, which starts on a clean line.
    expect(screen).toMatch(/\r\x1b\[2KRun \w+: gbdt on data\.csv \(5000 rows\)/);

    const piped = await runCli(args('pipe'), { env, cwd: work });
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toMatch(/^Run \w+: gbdt on data\.csv \(5000 rows\) in [\d.]+s\n\nSPLIT/);
    expect(piped.stdout).not.toContain('\x1b');

    const json = await runInTerminal(['--json', ...args('json')], work, env);
    expect(json).not.toContain('\x1b');
    expect(JSON.parse(json.replaceAll('\r\n', '\n'))).toMatchObject({ run: { status: 'completed' } });
  });
});
