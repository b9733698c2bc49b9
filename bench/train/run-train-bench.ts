// npm run bench:train — `pitstop train --algo gbdt` end to end on a 100,000 × 20 binary CSV beside pandas `read_csv` +
// XGBoost `hist` on the same file, both on one thread, interleaved, run by this script in the same run (the peer needs
// Debian's python3-xgboost, python3-sklearn and python3-pandas; without them it prints "peer not installed").
// Also times the GBDT alone in this process against XGBoost's fit. Needs `npm run build` (the CLI runs from dist/).
// BENCH_ROWS, BENCH_COLS, BENCH_TREES and BENCH_RUNS change the run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { readTable } from '../../src/dataset/index.js';
import type { ClassLabels, FeatureMatrix } from '../../src/training/feature-matrix.js';
import { resolveGbdtParams, trainGbdt } from '../../src/training/gbdt/index.js';
import { median, runMeasured, type Measured } from './measured-process.js';
import { writeSyntheticBinaryCsv } from './synthetic-binary-csv.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const COLS = Number(process.env.BENCH_COLS ?? 20);
const TREES = Number(process.env.BENCH_TREES ?? 100);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DEPTH = 6;
const PYTHON = '/usr/bin/python3';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PEER_SCRIPT = path.join(ROOT, 'bench/train/xgboost_peer.py');
// One thread everywhere: the peer's OpenMP, and onnxruntime's in the package build's smoke run.
const ONE_THREAD = { OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' };

interface PeerResult {
  version: string;
  readSeconds: number;
  readCpuSeconds: number;
  fitSeconds: number;
  fitCpuSeconds: number;
  auc: number;
  peakRss: number;
}

if (!fs.existsSync(path.join(ROOT, 'dist/cli/main.js'))) {
  console.error('bench:train runs the built CLI: run `npm run build` first');
  process.exit(1);
}
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pitstop-bench-train-'));
const csv = path.join(work, 'binary.csv');
writeSyntheticBinaryCsv(csv, ROWS, COLS, 42);
const peerInstalled = peerAvailable();

const gbdtInput = await trainingRows(csv);
const pitstopRuns: { measured: Measured; auc: number }[] = [];
const peerRuns: { measured: Measured; result: PeerResult }[] = [];
const gbdtSeconds: { wall: number; cpu: number }[] = [];
for (let run = 0; run < RUNS; run++) {
  pitstopRuns.push(await runPitstop(run));
  if (peerInstalled) peerRuns.push(await runPeer());
  gbdtSeconds.push(timeGbdtAlone(gbdtInput));
}

const load = os.loadavg()[0]!.toFixed(1);
console.log(`Training benchmark: binary, ${ROWS} rows × ${COLS} features (80% train, 20% holdout), ${TREES} trees of depth ${DEPTH}, learning rate 0.1, one thread`);
console.log(`Medians of ${RUNS} interleaved runs; load average ${load} on ${os.cpus().length} cores at the end`);
const pitstopWall = median(pitstopRuns.map((r) => r.measured.seconds));
const pitstopPeak = median(pitstopRuns.map((r) => r.measured.peakRss));
const pitstopCpu = median(pitstopRuns.map((r) => r.measured.cpuSeconds));
const rows: string[][] = [[
  'pitstop train --algo gbdt (process, start-up included)', pitstopWall.toFixed(2), pitstopCpu.toFixed(2), mib(pitstopPeak), median(pitstopRuns.map((r) => r.auc)).toFixed(4),
]];
rows.push(['pitstop GBDT alone (in process, same 80,000 rows)', median(gbdtSeconds.map((g) => g.wall)).toFixed(2), median(gbdtSeconds.map((g) => g.cpu)).toFixed(2), '', '']);
if (peerInstalled) {
  const peer = (pick: (r: PeerResult) => number) => median(peerRuns.map((r) => pick(r.result)));
  const version = peerRuns[0]!.result.version;
  rows.push([`peer: pandas read_csv + XGBoost ${version} hist fit`, (peer((r) => r.readSeconds) + peer((r) => r.fitSeconds)).toFixed(2), (peer((r) => r.readCpuSeconds) + peer((r) => r.fitCpuSeconds)).toFixed(2), mib(peer((r) => r.peakRss)), peer((r) => r.auc).toFixed(4)]);
  rows.push(['peer: read_csv', peer((r) => r.readSeconds).toFixed(2), peer((r) => r.readCpuSeconds).toFixed(2), '', '']);
  rows.push(['peer: XGBoost fit', peer((r) => r.fitSeconds).toFixed(2), peer((r) => r.fitCpuSeconds).toFixed(2), '', '']);
  rows.push(['peer: python process (imports included)', median(peerRuns.map((r) => r.measured.seconds)).toFixed(2), median(peerRuns.map((r) => r.measured.cpuSeconds)).toFixed(2), '', '']);
} else {
  rows.push(['peer: pandas + XGBoost', 'peer not installed', '', '', '']);
}
printTable(['run', 'wall s', 'CPU s', 'peak RSS', 'holdout AUC'], rows);
if (peerInstalled) {
  const peerTotal = median(peerRuns.map((r) => r.result.readSeconds + r.result.fitSeconds));
  const peerFit = median(peerRuns.map((r) => r.result.fitSeconds));
  const peerTotalCpu = median(peerRuns.map((r) => r.result.readCpuSeconds + r.result.fitCpuSeconds));
  const peerProcess = median(peerRuns.map((r) => r.measured.seconds));
  console.log(`pitstop train / (read_csv + fit): ${(pitstopWall / peerTotal).toFixed(2)}x wall, ${(pitstopCpu / peerTotalCpu).toFixed(2)}x CPU (target ≤ 2x); peak RSS ${mib(pitstopPeak)} (target < 300 MiB)`);
  console.log(`pitstop train process / python process, both with start-up: ${(pitstopWall / peerProcess).toFixed(2)}x wall`);
  const fitCpu = median(peerRuns.map((r) => r.result.fitCpuSeconds));
  console.log(`GBDT alone / XGBoost fit: ${(median(gbdtSeconds.map((g) => g.wall)) / peerFit).toFixed(2)}x wall, ${(median(gbdtSeconds.map((g) => g.cpu)) / fitCpu).toFixed(2)}x CPU (target ≤ 1.5x); AUC difference ${(median(pitstopRuns.map((r) => r.auc)) - median(peerRuns.map((r) => r.result.auc))).toFixed(4)} (target ±0.003)`);
}
fs.rmSync(work, { recursive: true, force: true });

async function runPitstop(run: number): Promise<{ measured: Measured; auc: number }> {
  const home = path.join(work, `home-${run}`);
  const args = [
    path.join(ROOT, 'bin/pitstop.js'), '--json', '--home', home, 'train', '--algo', 'gbdt', '--data', csv, '--target', 'label', '--task', 'classification',
    '--validation', '0', '--holdout', '0.2', '--params', `nTrees=${TREES},maxDepth=${DEPTH},learningRate=0.1`, '--name', 'bench', '--out', path.join(work, `bench-${run}.pitstop`),
  ];
  const measured = await runMeasured(process.execPath, args, ONE_THREAD);
  const output = JSON.parse(measured.stdout) as { run: { metrics: { holdout: { auc: number } } } };
  return { measured, auc: output.run.metrics.holdout.auc };
}

async function runPeer(): Promise<{ measured: Measured; result: PeerResult }> {
  const measured = await runMeasured(PYTHON, [PEER_SCRIPT, csv, 'label', String(TREES), String(DEPTH)], ONE_THREAD);
  return { measured, result: JSON.parse(measured.stdout) as PeerResult };
}

/** The first 80% of rows (those the peer fits on) as a feature matrix and labels, read through Pitstop's CSV reader. */
async function trainingRows(file: string): Promise<{ matrix: FeatureMatrix; labels: ClassLabels }> {
  const table = await readTable(file);
  const names = [...table.columns.keys()].filter((name) => name !== 'label');
  const rows = Math.floor(table.rowCount * 0.8);
  const values = new Float32Array(rows * names.length);
  names.forEach((name, f) => {
    const column = table.columns.get(name)!.values as Float64Array;
    for (let r = 0; r < rows; r++) values[r * names.length + f] = column[r]!;
  });
  const label = table.columns.get('label')!.values as Float64Array;
  return { matrix: { rows, cols: names.length, values, columnNames: names }, labels: { classes: ['0', '1'], indices: Int32Array.from({ length: rows }, (_, r) => label[r]!) } };
}

function timeGbdtAlone({ matrix, labels }: { matrix: FeatureMatrix; labels: ClassLabels }): { wall: number; cpu: number } {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  trainGbdt(matrix, labels, resolveGbdtParams('binary', { nTrees: TREES, maxDepth: DEPTH, learningRate: 0.1 }));
  const cpu = process.cpuUsage(cpuBefore);
  return { wall: (performance.now() - started) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}

function peerAvailable(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import xgboost, sklearn, pandas'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}

function printTable(header: string[], body: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => (cell ?? '').padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of body) console.log(line(row));
}
