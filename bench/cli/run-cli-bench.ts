// npm run bench:cli — how long a short `pitstop` command takes, start to exit, as a user runs it: the compiled
// bin/pitstop.js (run `npm run build` first) as a child process on a SQLite home made by the demo, with two more
// trained models. Median of 5 runs after one warm-up; targets: `--version` < 150 ms, the registry reads < 300 ms.
// `node -e ''` is timed in the same rounds as the floor no command can go under. BENCH_BASELINE=/path/to/bin/pitstop.js
// times another build (say, a checkout of main) in the same rounds, interleaved, and prints the ratio.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BIN = path.resolve('bin/pitstop.js');
const BASELINE = process.env.BENCH_BASELINE ? path.resolve(process.env.BENCH_BASELINE) : undefined;
const MODEL = 'delivery-eta';

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  readonly targetMs: number;
}

const CASES: readonly Case[] = [
  { name: 'pitstop --version', args: ['--version'], targetMs: 150 },
  { name: 'pitstop models', args: ['models'], targetMs: 300 },
  { name: `pitstop versions ${MODEL}`, args: ['versions', MODEL], targetMs: 300 },
  { name: `pitstop show ${MODEL} 1`, args: ['show', MODEL, '1'], targetMs: 300 },
  { name: `pitstop history ${MODEL}`, args: ['history', MODEL], targetMs: 300 },
];

if (!fs.existsSync(path.resolve('dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pitstop-bench-cli-'));
const home = path.join(work, 'home');
// Only the home: PITSTOP_* variables of the caller's shell must not point the commands elsewhere.
const env = { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PITSTOP_'))), PITSTOP_HOME: home, PITSTOP_ACTOR: 'bench' };

function pitstop(bin: string, args: readonly string[]): void {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: work, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pitstop ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
}

/** Wall-clock milliseconds from spawning the process to its exit. */
function timed(command: readonly string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, command, { cwd: work, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command.join(' ')} exited ${result.status}: ${result.stderr}`);
  return elapsed;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

process.stdout.write(`Making the home in ${work}: the demo (${MODEL} v1 and v2, predictions, archive) and two trained models...\n`);
pitstop(BIN, ['--home', home, 'demo', '--no-serve']);
const data = path.resolve('node_modules/vega-datasets/data');
pitstop(BIN, ['train', '--algo', 'gbdt', '--data', path.join(data, 'penguins.json'), '--target', 'Species', '--name', 'penguins', '--register']);
pitstop(BIN, ['train', '--algo', 'ridge', '--data', path.join(data, 'cars.json'), '--target', 'Miles_per_Gallon', '--exclude', 'Name', '--name', 'cars', '--register']);

const peers = [{ label: 'this build', bin: BIN }, ...(BASELINE ? [{ label: 'baseline', bin: BASELINE }] : [])];
const floor: number[] = [];
const times = new Map(CASES.map((c) => [c.name, new Map(peers.map((p) => [p.label, [] as number[]]))]));
// One warm-up round (file cache, SQLite's WAL), then RUNS rounds; each round runs every case on every peer in turn,
// so that a burst of load on the shared machine falls on all of them alike.
for (let round = 0; round <= RUNS; round++) {
  const floorMs = timed(['-e', '']);
  if (round > 0) floor.push(floorMs);
  for (const c of CASES) {
    for (const peer of peers) {
      const ms = timed([peer.bin, ...c.args]);
      if (round > 0) times.get(c.name)!.get(peer.label)!.push(ms);
    }
  }
}

const rows = CASES.map((c) => {
  const ours = median(times.get(c.name)!.get('this build')!);
  const base = BASELINE ? median(times.get(c.name)!.get('baseline')!) : undefined;
  return [c.name, `< ${c.targetMs}`, ours.toFixed(0), ...(base === undefined ? [] : [base.toFixed(0), `${(ours / base).toFixed(2)}x`]), ours < c.targetMs ? 'PASS' : 'FAIL'];
});
rows.push(["node -e '' (the floor)", '', median(floor).toFixed(0), ...(BASELINE ? ['', ''] : []), '']);
const header = ['command', 'target ms', 'median ms', ...(BASELINE ? ['baseline ms', 'ratio'] : []), ''];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const format = (cells: readonly string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
process.stdout.write(`\nMedian of ${RUNS} runs after one warm-up, node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
process.stdout.write([format(header), format(widths.map((w) => '-'.repeat(w))), ...rows.map(format)].join('\n') + '\n');
fs.rmSync(work, { recursive: true, force: true });
if (rows.some((r) => r.at(-1) === 'FAIL')) process.exitCode = 1;
