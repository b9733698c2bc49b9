// npm run bench:serving — `pitstop serve` (compiled, as shipped, default options, V2 infer, one record per request)
// against a hand-written node:http + onnxruntime server, for the tree ensemble and the dense network, A/B interleaved
// per concurrency, medians over BENCH_ROUNDS runs; then the width measure, and with BENCH_PROFILE=1 a CPU profile.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import ort from 'onnxruntime-node';
import { BENCH_MODELS, v2Body, type BenchModel } from './bench-models.js';
import { topSelfTime } from './cpu-profile-summary.js';
import { cpuSeconds, rssMb, runScript, startPitstop, type ServerProcess } from './serving-processes.js';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? '1,16,64').split(',').map(Number);
const MODELS = (process.env.BENCH_MODELS ?? 'trees,dense').split(',') as (keyof typeof BENCH_MODELS)[];

interface Run { rps: number; p99: number; requests: number }

async function load(url: string, connections: number, body: string, headers: Record<string, string>, duration = DURATION_S): Promise<Run> {
  const result = await autocannon({ url, method: 'POST', connections, duration, headers: { 'content-type': 'application/json', ...headers }, body });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx responses and ${result.errors} errors`);
  return { rps: result.requests.average, p99: result.latency.p99, requests: result.requests.total };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

async function compare(model: BenchModel, pitstop: ServerProcess, auth: Record<string, string>): Promise<string[][]> {
  const baseline = await runScript('baseline-server.ts', { BENCH_MODEL: model.name });
  const body = v2Body(model);
  const ours = `${pitstop.url}/v2/models/${model.name}/infer`;
  const rows: string[][] = [];
  try {
    for (const c of CONCURRENCIES) {
      await load(baseline.url, c, body, {}, 2);
      await load(ours, c, body, auth, 2);
      const base: Run[] = [];
      const mine: Run[] = [];
      const cpu: number[] = [];
      let rss = 0;
      for (let round = 0; round < ROUNDS; round++) {
        // Alternate which server goes first, so drift in the machine's load falls on both alike.
        if (round % 2 === 0) base.push(await load(baseline.url, c, body, {}));
        const before = cpuSeconds(pitstop.child.pid!);
        mine.push(await load(ours, c, body, auth));
        cpu.push(((cpuSeconds(pitstop.child.pid!) - before) * 1e6) / mine.at(-1)!.requests);
        rss = Math.max(rss, rssMb(pitstop.child.pid!));
        if (round % 2 === 1) base.push(await load(baseline.url, c, body, {}));
      }
      const [b, m] = [median(base.map((r) => r.rps)), median(mine.map((r) => r.rps))];
      rows.push([model.name, String(c), b.toFixed(0), String(median(base.map((r) => r.p99))), m.toFixed(0), String(median(mine.map((r) => r.p99))), `${(m / b).toFixed(2)}x`, median(cpu).toFixed(0), rss.toFixed(0)]);
      console.error(rows.at(-1)!.join('  '));
    }
  } finally {
    await baseline.stop();
  }
  return rows;
}

/** onnxruntime's own time for one single-row run of a model, in µs (the part of a request the width measure leaves out). */
async function modelMicros(model: BenchModel): Promise<number> {
  const session = await ort.InferenceSession.create(model.onnx(), { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const feeds = { input: new ort.Tensor('float32', new Float32Array(model.features), [1, model.features]) };
  for (let i = 0; i < 200; i++) await session.run(feeds);
  const started = performance.now();
  for (let i = 0; i < 2000; i++) await session.run(feeds);
  await session.release();
  return ((performance.now() - started) * 1000) / 2000;
}

/** Server CPU µs per request for one [1, k] tensor, model time excluded. */
async function widthCost(model: BenchModel, pitstop: ServerProcess, auth: Record<string, string>): Promise<number> {
  const url = `${pitstop.url}/v2/models/${model.name}/infer`;
  await load(url, 16, v2Body(model), auth, 2);
  const costs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const before = cpuSeconds(pitstop.child.pid!);
    const run = await load(url, 16, v2Body(model), auth);
    costs.push(((cpuSeconds(pitstop.child.pid!) - before) * 1e6) / run.requests);
  }
  return median(costs) - (await modelMicros(model));
}

async function profile(home: string, auth: Record<string, string>): Promise<string> {
  const dir = path.join(home, 'profile');
  const pitstop = await startPitstop(home, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  const model = BENCH_MODELS.dense;
  await load(`${pitstop.url}/v2/models/dense/infer`, 16, v2Body(model), auth, DURATION_S);
  await pitstop.stop();
  const file = path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!);
  return topSelfTime(file, 15).map((e) => `${(e.share * 100).toFixed(1).padStart(5)}%  ${e.name}`).join('\n');
}

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pitstop-bench-'));
const token = (await runScript('prepare-pitstop-home.ts', { PITSTOP_HOME: home })).line;
const auth = { authorization: `Bearer ${token}` };
const pitstop = await startPitstop(home);
const rows: string[][] = [];
let width = '';
try {
  for (const name of MODELS) rows.push(...(await compare(BENCH_MODELS[name], pitstop, auth)));
  if (process.env.BENCH_WIDTH !== '0') {
    const narrow = await widthCost(BENCH_MODELS.narrow, pitstop, auth);
    const wide = await widthCost(BENCH_MODELS.wide, pitstop, auth);
    width = `Width (server CPU per request, model time excluded): 20 features ${narrow.toFixed(0)} µs, 1,000 features ${wide.toFixed(0)} µs: ${(wide / narrow).toFixed(2)}x`;
  }
} finally {
  await pitstop.stop();
}
console.log(`Serving benchmark: pitstop serve (V2 infer, one record per request) vs node:http + onnxruntime, ${DURATION_S} s runs, median of ${ROUNDS}, interleaved; baseline onnxruntime threads: ${process.env.BENCH_BASELINE_THREADS ?? 'default'}`);
for (const name of MODELS) console.log(`- ${name}: ${BENCH_MODELS[name].description}`);
console.log(table(['model', 'concurrency', 'baseline req/s', 'baseline p99 ms', 'pitstop req/s', 'pitstop p99 ms', 'pitstop/baseline', 'pitstop CPU µs/req', 'pitstop RSS MB'], rows));
if (width) console.log(width);
if (process.env.BENCH_PROFILE === '1') console.log(`CPU profile of pitstop serve, dense network at concurrency 16 (self time):\n${await profile(home, auth)}`);
fs.rmSync(home, { recursive: true, force: true });
