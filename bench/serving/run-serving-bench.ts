// npm run bench:serving — pitstop serve versus a hand-written node:http + onnxruntime baseline, same model and load,
// at concurrency 1, 16 and 64 (autocannon on loopback). Prints requests/s, p50/p99 latency and the ratio.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { FEATURES, MODEL_SHAPE } from './tree-ensemble-model.js';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? '1,16,64').split(',').map(Number);
const TSX = pathToFileURL(path.resolve('node_modules/tsx/dist/loader.mjs')).href;

function start(script: string): Promise<{ child: ChildProcess; line: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, path.resolve('bench/serving', script)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve({ child, line: out.trim() });
    });
    child.on('exit', (code) => reject(new Error(`${script} exited ${code}`)));
  });
}

function body(): string {
  const record: Record<string, number> = {};
  for (let f = 0; f < FEATURES; f++) record[`f${f}`] = Math.round(Math.random() * 1000) / 1000;
  return JSON.stringify({ records: [record] });
}

async function load(url: string, connections: number, headers: Record<string, string>) {
  const result = await autocannon({ url, method: 'POST', connections, duration: DURATION_S, headers: { 'content-type': 'application/json', ...headers }, body: body() });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx responses and ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

const baseline = await start('baseline-server.ts');
const pitstop = await start('pitstop-server.ts');
const [pitstopUrl, token] = pitstop.line.split(' ');
const rows: string[][] = [];
try {
  for (const connections of CONCURRENCIES) {
    await load(`${baseline.line}/`, connections, {}); // warm-up
    const base = await load(`${baseline.line}/`, connections, {});
    await load(`${pitstopUrl}/v1/models/trees/predict`, connections, { authorization: `Bearer ${token}` });
    const ours = await load(`${pitstopUrl}/v1/models/trees/predict`, connections, { authorization: `Bearer ${token}` });
    rows.push([String(connections), base.rps.toFixed(0), `${base.p50} / ${base.p99}`, ours.rps.toFixed(0), `${ours.p50} / ${ours.p99}`, `${(ours.rps / base.rps).toFixed(2)}x`]);
  }
} finally {
  baseline.child.kill('SIGTERM');
  pitstop.child.kill('SIGTERM');
}
const header = ['concurrency', 'baseline req/s', 'baseline p50/p99 ms', 'pitstop req/s', 'pitstop p50/p99 ms', 'pitstop/baseline'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(`Serving benchmark: TreeEnsembleRegressor, ${MODEL_SHAPE.trees} trees of depth ${MODEL_SHAPE.depth}, ${FEATURES} features, one record per request, ${DURATION_S}s per run; baseline onnxruntime threads: ${process.env.BENCH_BASELINE_THREADS ?? 'default'}`);
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
