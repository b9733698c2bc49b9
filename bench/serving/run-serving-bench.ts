// npm run bench:serving — `pitstop serve` (compiled, as shipped, default options, V2 infer, one record per request)
// against a hand-written node:http + onnxruntime server, for the tree ensemble and the dense network, A/B interleaved
// per concurrency, medians over BENCH_ROUNDS runs; then the width measure, and with BENCH_PROFILE=1 a CPU profile.
// BENCH_BEFORE_ROOT names another checkout, built (e.g. the commit before a change): its server runs in the same
// interleaving, so before and after are measured under the same machine load.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { BENCH_MODELS, modelCpuMicros, v2Body, type BenchModel } from './bench-models.js';
import { topSelfTime } from './cpu-profile-summary.js';
import { cpuSeconds, rssMb, runScript, startPitstop, type ServerProcess } from './serving-processes.js';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? '1,16,64').split(',').map(Number);
const MODELS = (process.env.BENCH_MODELS ?? 'trees,dense').split(',').filter(Boolean) as (keyof typeof BENCH_MODELS)[];
const BEFORE_ROOT = process.env.BENCH_BEFORE_ROOT;

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

interface Target { readonly server: ServerProcess; readonly auth: Record<string, string> }

async function compare(model: BenchModel, pitstop: Target, before: Target | null): Promise<string[][]> {
  const baseline = await runScript('baseline-server.ts', { BENCH_MODEL: model.name });
  const body = v2Body(model);
  const urlOf = (t: Target) => `${t.server.url}/v2/models/${model.name}/infer`;
  const rows: string[][] = [];
  try {
    for (const c of CONCURRENCIES) {
      await load(baseline.url, c, body, {}, 2);
      for (const t of before ? [before, pitstop] : [pitstop]) await load(urlOf(t), c, body, t.auth, 2);
      const base: Run[] = [];
      const mine: Run[] = [];
      const old: Run[] = [];
      const cpu: number[] = [];
      let rss = 0;
      for (let round = 0; round < ROUNDS; round++) {
        // Alternate which server goes first, so drift in the machine's load falls on all alike.
        if (round % 2 === 0) base.push(await load(baseline.url, c, body, {}));
        if (before) old.push(await load(urlOf(before), c, body, before.auth));
        const cpuBefore = cpuSeconds(pitstop.server.child.pid!);
        mine.push(await load(urlOf(pitstop), c, body, pitstop.auth));
        cpu.push(((cpuSeconds(pitstop.server.child.pid!) - cpuBefore) * 1e6) / mine.at(-1)!.requests);
        rss = Math.max(rss, rssMb(pitstop.server.child.pid!));
        if (round % 2 === 1) base.push(await load(baseline.url, c, body, {}));
      }
      const [b, m] = [median(base.map((r) => r.rps)), median(mine.map((r) => r.rps))];
      const o = before ? median(old.map((r) => r.rps)) : 0;
      rows.push([
        model.name, String(c), b.toFixed(0), String(median(base.map((r) => r.p99))),
        ...(before ? [o.toFixed(0), `${(o / b).toFixed(2)}x`] : []),
        m.toFixed(0), String(median(mine.map((r) => r.p99))), `${(m / b).toFixed(2)}x`, median(cpu).toFixed(0), rss.toFixed(0),
      ]);
      console.error(rows.at(-1)!.join('  '));
    }
  } finally {
    await baseline.stop();
  }
  return rows;
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
  return median(costs) - (await modelCpuMicros(model));
}

async function profile(home: string, auth: Record<string, string>, root = '.'): Promise<string> {
  const dir = path.join(home, `profile-${Date.now()}`);
  const started = performance.now();
  const pitstop = await startPitstop(home, ['--cpu-prof', `--cpu-prof-dir=${dir}`], root);
  const model = BENCH_MODELS.dense;
  // Warmed up first, and the start-up and warm-up samples left out: the profile is of the steady state.
  await load(`${pitstop.url}/v2/models/dense/infer`, 16, v2Body(model), auth, 3);
  const skipMs = performance.now() - started;
  await load(`${pitstop.url}/v2/models/dense/infer`, 16, v2Body(model), auth, DURATION_S);
  await pitstop.stop();
  const file = path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!);
  return topSelfTime(file, 15, skipMs).map((e) => `${(e.share * 100).toFixed(1).padStart(5)}%  ${e.name}`).join('\n');
}

async function prepare(root = '.'): Promise<{ home: string; auth: Record<string, string> }> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pitstop-bench-'));
  const token = (await runScript('prepare-pitstop-home.ts', { PITSTOP_HOME: home }, root)).line;
  return { home, auth: { authorization: `Bearer ${token}` } };
}

const after = await prepare();
const previous = BEFORE_ROOT ? await prepare(BEFORE_ROOT) : null;
const pitstop: Target = { server: await startPitstop(after.home), auth: after.auth };
const before: Target | null = previous ? { server: await startPitstop(previous.home, [], BEFORE_ROOT), auth: previous.auth } : null;
const rows: string[][] = [];
let width = '';
try {
  for (const name of MODELS) rows.push(...(await compare(BENCH_MODELS[name], pitstop, before)));
  if (process.env.BENCH_WIDTH !== '0') {
    const narrow = await widthCost(BENCH_MODELS.narrow, pitstop.server, pitstop.auth);
    const wide = await widthCost(BENCH_MODELS.wide, pitstop.server, pitstop.auth);
    width = `Width (server CPU per request, model time excluded): 20 features ${narrow.toFixed(0)} µs, 1,000 features ${wide.toFixed(0)} µs: ${(wide / narrow).toFixed(2)}x`;
    if (before) {
      const [n0, w0] = [await widthCost(BENCH_MODELS.narrow, before.server, before.auth), await widthCost(BENCH_MODELS.wide, before.server, before.auth)];
      width += `\n  before: 20 features ${n0.toFixed(0)} µs, 1,000 features ${w0.toFixed(0)} µs: ${(w0 / n0).toFixed(2)}x`;
    }
  }
} finally {
  await pitstop.server.stop();
  await before?.server.stop();
}
console.log(`Serving benchmark: pitstop serve (V2 infer, one record per request) vs node:http + onnxruntime, ${DURATION_S} s runs, median of ${ROUNDS}, interleaved; baseline onnxruntime threads: ${process.env.BENCH_BASELINE_THREADS ?? 'default'}`);
for (const name of MODELS) console.log(`- ${name}: ${BENCH_MODELS[name].description}`);
const header = ['model', 'concurrency', 'baseline req/s', 'baseline p99 ms', ...(before ? ['before req/s', 'before/baseline'] : []), 'pitstop req/s', 'pitstop p99 ms', 'pitstop/baseline', 'pitstop CPU µs/req', 'pitstop RSS MB'];
console.log(table(header, rows));
if (width) console.log(width);
if (process.env.BENCH_PROFILE === '1') {
  console.log(`CPU profile of pitstop serve, dense network at concurrency 16 (self time, steady state):\n${await profile(after.home, after.auth)}`);
  if (previous) console.log(`The same, before:\n${await profile(previous.home, previous.auth, BEFORE_ROOT)}`);
}
for (const p of [after, previous]) if (p) fs.rmSync(p.home, { recursive: true, force: true });
