// What a CLI command loads: only what it uses. The registry reads never load onnxruntime, the server, the AWS SDK,
// PostgreSQL's driver or the training, serving and archive code; `--version` loads no command at all. These are lists
// of modules, not timings (npm run bench:cli times the commands), so an eager import re-added anywhere fails here.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_GROUPS } from '../src/cli/command-groups.js';
import { runCommand } from '../src/cli/command-runner.js';
import { createProgram } from '../src/cli/main.js';
import { buildRegressorPackage, regressorOnnx } from './fixtures/packages.js';
import { TSX_LOADER } from './fixtures/run-concurrently.js';
import { runCli } from './fixtures/run-cli.js';
import { tempDir } from './fixtures/test-databases.js';

const ENTRY = path.resolve('test/fixtures/pitstop-entry.ts');
const TRACER = path.resolve('test/fixtures/trace-modules.mjs');

/** Packages that only serving, scoring, training, S3 or PostgreSQL need. */
const HEAVY_PACKAGES = ['onnxruntime-node', 'onnx-proto', 'fastify', 'pino', 'prom-client', '@aws-sdk/client-s3', 'pg', 'hyparquet', 'csv-parse', 'yaml'];
/** Source folders the registry reads have no use for. */
const UNUSED_SOURCE = ['training', 'serving', 'archive', 'monitoring', 'runtime', 'onnx', 'explain', 'rules', 'package', 'predictions', 'demo'];

const TEST_TOOLING = ['tsx', 'esbuild'];

interface LoadedModules {
  readonly code: number;
  readonly stderr: string;
  /** node_modules packages, by name (`kysely`, `@aws-sdk/client-s3`). */
  readonly packages: ReadonlySet<string>;
  /** Files under src/, relative to it (`cli/main.ts`). */
  readonly sources: readonly string[];
  /** Every file loaded, as a path. */
  readonly files: readonly string[];
}

/** Runs the CLI from source with trace-modules.mjs preloaded and returns what it loaded. */
function modulesLoadedBy(args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<LoadedModules> {
  // After tsx's hooks, so the trace sees what they resolve a specifier to (src/x.ts for ./x.js).
  return traced(['--import', TSX_LOADER, '--import', TRACER, ENTRY, ...args], options);
}

async function traced(nodeArgs: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<LoadedModules> {
  const trace = path.join(await tempDir('pitstop-trace-'), 'modules.txt');
  const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, nodeArgs, {
      cwd: options.cwd,
      env: { ...process.env, PITSTOP_ACTOR: 'test-user', ...options.env, PITSTOP_TRACE_MODULES: trace },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
  const files = (await fs.readFile(trace, 'utf8')).split('\n').filter((line) => line.startsWith('file:') || line.startsWith('/')).map((line) => (line.startsWith('file:') ? fileURLToPath(line) : line));
  const packages = new Set(files.flatMap((file) => {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file.slice(file.lastIndexOf('node_modules/')));
    // tsx runs the source for the test (with esbuild): what it loads is not the CLI's.
    return match && !TEST_TOOLING.includes(match[1]!) ? [match[1]!] : [];
  }));
  const src = `${path.resolve('src')}${path.sep}`;
  return { code, stderr, packages, files, sources: files.filter((file) => file.startsWith(src)).map((file) => file.slice(src.length)) };
}

const folderOf = (source: string) => source.split('/')[0]!;

describe('the modules a command loads', () => {
  let work: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    work = await tempDir('pitstop-module-loading-');
    env = { PITSTOP_HOME: path.join(work, 'home') };
    const packageFile = path.join(work, 'house.pitstop');
    await fs.writeFile(packageFile, (await buildRegressorPackage()).bytes);
    const registered = await runCli(['register', packageFile], { env });
    expect(registered.code, registered.stderr).toBe(0);
  });

  it.each([
    [['models']],
    [['versions', 'house-prices']],
    [['show', 'house-prices', '1']],
    [['history', 'house-prices']],
    [['--json', '--home', 'home', 'versions', 'house-prices']],
  ])('pitstop %j opens the SQLite store without loading onnxruntime, the server, the AWS SDK, pg or the training code', async (args) => {
    const loaded = await modulesLoadedBy(args, { cwd: work, env });
    expect(loaded.code, loaded.stderr).toBe(0);
    // The trace does see what the command uses, so an empty trace cannot pass.
    expect([...loaded.packages]).toEqual(expect.arrayContaining(['kysely', 'better-sqlite3', 'commander']));
    expect(loaded.sources).toEqual(expect.arrayContaining(['store/open-metadata-store.ts', 'registry/registry.ts', 'cli/registry-commands.ts']));
    expect([...loaded.packages].filter((name) => HEAVY_PACKAGES.includes(name))).toEqual([]);
    expect([...new Set(loaded.sources.map(folderOf))].filter((folder) => UNUSED_SOURCE.includes(folder))).toEqual([]);
    // Only the registry's command group.
    expect(loaded.sources.filter((source) => source.endsWith('-commands.ts'))).toEqual(['cli/registry-commands.ts']);
  });

  it('pitstop --version loads neither a command, the configuration nor the store', async () => {
    const loaded = await modulesLoadedBy(['--version'], { cwd: work, env });
    expect(loaded.code, loaded.stderr).toBe(0);
    expect([...loaded.packages]).toEqual(['commander']);
    expect([...loaded.sources].sort()).toEqual(['cli/command-groups.ts', 'cli/main.ts', 'errors/error-codes.ts', 'errors/index.ts', 'errors/pitstop-error.ts', 'pitstop-version.ts']);
  });

  it('runs the built bin/pitstop.js from its bundle: Kysely and zod inside it, no heavy package for the registry reads', async () => {
    const loaded = await traced(['--import', TRACER, path.resolve('bin/pitstop.js'), 'versions', 'house-prices'], { cwd: work, env });
    expect(loaded.code, loaded.stderr).toBe(0);
    expect([...loaded.packages].sort()).toEqual(['better-sqlite3', 'bindings', 'commander', 'file-uri-to-path']);
    const built = loaded.files.filter((file) => file.startsWith(`${path.resolve('dist')}${path.sep}`));
    expect(built.length).toBeGreaterThan(0);
    expect(built.filter((file) => !file.startsWith(`${path.resolve('dist/cli-bundle')}${path.sep}`))).toEqual([]);
  });

  it('sees a CommonJS package loaded on first use: package init reads the ONNX file with onnx-proto', async () => {
    const model = path.join(work, 'model.onnx');
    await fs.writeFile(model, regressorOnnx());
    const loaded = await modulesLoadedBy(['package', 'init', '--model', model, '--name', 'traced', '--out', path.join(work, 'traced.yaml')], { cwd: work, env });
    expect(loaded.code, loaded.stderr).toBe(0);
    expect(loaded.packages).toContain('onnx-proto');
  });
});

describe('command groups', () => {
  const names = (program: Command) => program.commands.map((command) => command.name());

  it('list the top-level commands each group registers, so a command line finds its group', async () => {
    for (const group of COMMAND_GROUPS) {
      const program = new Command('pitstop');
      (await group.load())(program, runCommand);
      expect(names(program)).toEqual(group.commands);
    }
  });

  it('register only the group of the command named after the global options and their values', async () => {
    const registry = COMMAND_GROUPS.find((group) => group.commands.includes('models'))!.commands;
    expect(names(await createProgram(['node', 'pitstop', 'models']))).toEqual(registry);
    expect(names(await createProgram(['node', 'pitstop', '--json', '--home', 'models-home', '--actor', 'serve', 'history', 'm']))).toEqual(registry);
    expect(names(await createProgram(['node', 'pitstop', '--database-url=sqlite:x.db', 'show', 'm', '1']))).toEqual(registry);
  });

  it('register every group for help, for no command and for an unknown one, so help and suggestions see them all', async () => {
    const all = COMMAND_GROUPS.flatMap((group) => group.commands);
    for (const argv of [['--help'], ['help', 'models'], [], ['modles'], ['--json']]) {
      expect(names(await createProgram(['node', 'pitstop', ...argv])), argv.join(' ')).toEqual(all);
    }
  });
});
