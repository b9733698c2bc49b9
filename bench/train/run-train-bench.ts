// npm run bench:train — trains the TypeScript histogram GBDT on 100,000 rows × 20 features (100 trees of depth 6,
// single thread) and prints its training time and peak memory beside XGBoost `hist` on the same machine.
// BENCH_ROWS, BENCH_COLS and BENCH_TREES change the run.
import { performance } from 'node:perf_hooks';
import { predictGbdt, resolveGbdtParams, trainGbdt } from '../../src/training/gbdt/index.js';
import { syntheticRegression } from './synthetic-regression.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const COLS = Number(process.env.BENCH_COLS ?? 20);
const TREES = Number(process.env.BENCH_TREES ?? 100);
// XGBoost `hist` on the same task, as the team measured it on the development machine (not re-run here).
const XGBOOST_SECONDS = 1.9;
const TARGET_SECONDS = 20;

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

const { matrix, target } = syntheticRegression(ROWS, COLS, 42);
const params = resolveGbdtParams('regression', { nTrees: TREES, maxDepth: 6, learningRate: 0.1 });
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const cpuBefore = process.cpuUsage();
const model = trainGbdt(matrix, target, params);
const cpu = process.cpuUsage(cpuBefore);
const seconds = (performance.now() - started) / 1000;
// CPU time beside wall time: on a shared machine the wall clock also counts other processes' turns.
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
// The trainer is synchronous, so nothing can sample memory while it runs; the kernel's high-water mark can.
const peakRss = process.resourceUsage().maxRSS * 1024;

const predictions = predictGbdt(model, matrix);
let squared = 0;
for (let r = 0; r < ROWS; r++) squared += (predictions[r]! - target[r]!) ** 2;
const trainRmse = Math.sqrt(squared / ROWS);

const rows = [
  ['pitstop gbdt (TypeScript)', seconds.toFixed(2), cpuSeconds.toFixed(2), mib(peakRss), trainRmse.toFixed(3)],
  ['xgboost hist (peer)', XGBOOST_SECONDS.toFixed(2), '', '', ''],
  ['target', `< ${TARGET_SECONDS}`, '', '', ''],
];
const header = ['trainer', 'train s (wall)', 'train s (CPU)', 'peak RSS', 'train RMSE (noise σ = 1)'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
const line = (cells: string[]): string => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
console.log(`Training benchmark: regression, ${ROWS} rows × ${COLS} features, ${TREES} trees of depth 6, single thread`);
console.log(`RSS before training ${mib(rssBefore)} (Node, the data); ${model.trees.reduce((n, t) => n + t.nodes.length, 0)} nodes in ${model.trees.length} trees`);
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
