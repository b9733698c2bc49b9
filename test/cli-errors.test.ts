// What a user sees when something is wrong: one line on stderr naming the problem, a specific exit code, nothing changed.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { createProgram } from '../src/cli/main.js';
import { buildRegressorPackage, regressorSpecInput } from './fixtures/packages.js';
import { runCli } from './fixtures/run-cli.js';
import { tempDir } from './fixtures/test-databases.js';

function expectOneLineError(result: { code: number; stderr: string }, exitCode: number, pattern: RegExp): void {
  expect(result.code).toBe(exitCode);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
}

describe('CLI errors', () => {
  let work: string;
  let env: NodeJS.ProcessEnv;
  let packageFile: string;
  beforeAll(async () => {
    work = await tempDir('pitstop-cli-errors-');
    env = { PITSTOP_HOME: path.join(work, 'home') };
    packageFile = path.join(work, 'house.pitstop');
    await fs.writeFile(packageFile, (await buildRegressorPackage()).bytes);
  });

  it('names the manifest field that is wrong', async () => {
    const manifest = path.join(work, 'bad.json');
    const spec = regressorSpecInput() as Record<string, unknown> & { features: Record<string, unknown>[] };
    spec.features[1] = { ...spec.features[1], type: 'decimal' };
    await fs.writeFile(manifest, JSON.stringify(spec));
    await fs.writeFile(path.join(work, 'm.onnx'), Buffer.from('x'));
    const result = await runCli(['package', 'build', '--model', path.join(work, 'm.onnx'), '--manifest', manifest], { env, cwd: work });
    expectOneLineError(result, 2, /^pitstop: MANIFEST_INVALID: .*features\[1\]\.type/);
  });

  it('says which file is missing', async () => {
    expectOneLineError(await runCli(['register', path.join(work, 'nope.pitstop')], { env }), 3, /FILE_NOT_FOUND: FILE: no such file .*nope\.pitstop/);
  });

  it('refuses an illegal stage move and lists the legal ones', async () => {
    expect((await runCli(['register', packageFile], { env })).code).toBe(0);
    expectOneLineError(await runCli(['stage', 'house-prices', '1', 'archived', '--reason', 'x'], { env }), 4, /ILLEGAL_STAGE_TRANSITION: .*legal moves from registered: staging, decommissioned/);
  });

  it('refuses a stage that does not exist and a version that is not a number', async () => {
    expectOneLineError(await runCli(['stage', 'house-prices', '1', 'prod', '--reason', 'x'], { env }), 2, /USAGE: unknown stage "prod"; stages are registered, staging/);
    expectOneLineError(await runCli(['stage', 'house-prices', 'one', 'staging', '--reason', 'x'], { env }), 2, /USAGE: VERSION must be a positive whole number/);
  });

  it('reports an unknown model and version with what does exist', async () => {
    expectOneLineError(await runCli(['show', 'houses', '1'], { env }), 3, /MODEL_NOT_FOUND: no model named "houses"; registered models: house-prices/);
    expectOneLineError(await runCli(['show', 'house-prices', '9'], { env }), 3, /VERSION_NOT_FOUND: model "house-prices" has no version 9; it has 1/);
  });

  it('says the database is unavailable, without printing its password', async () => {
    const result = await runCli(['models'], { env: { ...env, PITSTOP_DATABASE_URL: 'postgres://pitstop:hunter2@127.0.0.1:1/pitstop' } });
    expectOneLineError(result, 6, /DATABASE_UNAVAILABLE: cannot reach PostgreSQL at postgres:\/\/pitstop:\*\*\*@127\.0\.0\.1:1\/pitstop/);
    expect(result.stderr).not.toContain('hunter2');
  });

  it('lists the known database schemes for an unknown one', async () => {
    expectOneLineError(await runCli(['models'], { env: { ...env, PITSTOP_DATABASE_URL: 'mysql://x/y' } }), 2, /UNKNOWN_URL_SCHEME: .*known schemes: sqlite:, postgres:, postgresql:/);
  });

  it('exits 2 with commander\'s one-line message for a missing argument or option', async () => {
    const result = await runCli(['stage', 'house-prices', '1', 'staging'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/required option '--reason <text>' not specified/);
  });

  it('leaves the registry unchanged after the refusals above', async () => {
    const versions = JSON.parse((await runCli(['--json', 'versions', 'house-prices'], { env })).stdout) as { stage: string }[];
    expect(versions.map((v) => v.stage)).toEqual(['registered']);
  });
});

describe('CLI help', () => {
  it('has --help on every command', async () => {
    const names: string[] = [];
    const walk = (command: Command, prefix: string[]) => {
      for (const sub of command.commands) {
        const path = [...prefix, sub.name()];
        expect(sub.description(), path.join(' ')).not.toBe('');
        expect(sub.helpInformation()).toContain('-h, --help');
        names.push(path.join(' '));
        walk(sub, path);
      }
    };
    walk(await createProgram(), []);
    expect(names).toEqual(expect.arrayContaining(['package build', 'package init', 'package verify', 'package inspect', 'register', 'models', 'versions', 'show', 'stage', 'alias set', 'alias rm', 'history', 'init']));
  });

  it('runs as the package bin after a build', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['bin/pitstop.js', '--help']);
    expect(stdout).toContain('Usage: pitstop');
  });
});
