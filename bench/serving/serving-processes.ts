// Starts the two servers bench:serving compares, as separate processes: the hand-written baseline, and `pitstop serve`
// as shipped (the compiled, bundled CLI in bin/pitstop.js, default options) over a prepared home.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const TSX = pathToFileURL(path.resolve('node_modules/tsx/dist/loader.mjs')).href;

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** The gRPC port, when `serve` was given --grpc-port. */
  readonly grpcPort?: number;
  stop(): Promise<void>;
}

function waitFor(child: ChildProcess, stream: NodeJS.ReadableStream, pattern: RegExp, what: string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    stream.on('data', (chunk) => {
      out += chunk;
      const match = pattern.exec(out);
      if (match) resolve(match);
    });
    child.on('exit', (code) => reject(new Error(`${what} exited ${code}: ${out.slice(-500)}`)));
  });
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () => new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** A TypeScript script run with tsx (setup, the baseline); resolves with the first line it prints. */
export async function runScript(script: string, env: Record<string, string>, root = '.'): Promise<ServerProcess & { line: string }> {
  const child = spawn(process.execPath, ['--import', TSX, path.resolve(root, 'bench/serving', script)], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  const [, line = ''] = await waitFor(child, child.stdout!, /^(.*)\n/, script);
  return { child, url: line.trim(), line: line.trim(), stop: stopper(child) };
}

/**
 * `pitstop serve --port 0` with its defaults (log level info: its log goes to a file, as an operator's would); `root`
 * is the checkout whose build runs (another one, e.g. the build before a change, for an A/B in one run).
 */
export async function startPitstop(home: string, nodeFlags: readonly string[] = [], root = '.', serveOptions: readonly string[] = []): Promise<ServerProcess> {
  const log = fs.openSync(path.join(home, 'serve.log'), 'a');
  const child = spawn(process.execPath, [...nodeFlags, path.resolve(root, 'bin/pitstop.js'), 'serve', '--port', '0', ...serveOptions], { stdio: ['ignore', log, 'pipe'], env: { ...process.env, PITSTOP_HOME: home } });
  fs.closeSync(log);
  // The whole start-up line: it names the gRPC port too when there is one.
  const [, url = '', grpcPort] = await waitFor(child, child.stderr!, / at (http:\/\/\S+)(?:[^\n]*on port (\d+))?[^\n]*\n/, 'pitstop serve');
  return { child, url, ...(grpcPort !== undefined && { grpcPort: Number(grpcPort) }), stop: stopper(child) };
}

/** Resident memory of a process now, in MB. */
export function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

/** CPU time a process has used so far (user + system), in seconds. */
export function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
