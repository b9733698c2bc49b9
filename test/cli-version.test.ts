// `pitstop --version` prints the version, and a subcommand's own --version option reaches the subcommand.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './fixtures/run-cli.js';
import { tempDir } from './fixtures/test-databases.js';
import { SKLEARN_ONNX_DIR } from './fixtures/third-party-data.js';

describe('--version', () => {
  it('prints the version alone, and leaves `package init --version 3` to package init', async () => {
    const version = await runCli(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: '0.1.0\n' });
    const work = await tempDir('pitstop-version-');
    const init = await runCli(['package', 'init', '--model', path.join(SKLEARN_ONNX_DIR, 'rf_iris.onnx'), '--name', 'iris', '--version', '3', '--out', 'm.yaml'], { cwd: work });
    expect(init.code, init.stderr).toBe(0);
    expect(await fs.readFile(path.join(work, 'm.yaml'), 'utf8')).toMatch(/^version: "3"$/m);
  });
});
