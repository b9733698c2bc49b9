// npm run bench:app — the application endpoint (one feature-table lookup + a 3-rule set + the model) against the bare
// predict endpoint of the same model, same server and load (autocannon on loopback). Target: added p50 < 0.3 ms and
// throughput ≥ 0.8× of predict.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? '1,16').split(',').map(Number);
const TSX = pathToFileURL(path.resolve('node_modules/tsx/dist/loader.mjs')).href;
const ENTITIES = 10_000;
const FEATURES = 20;
const LOOKED_UP = 10;

const child = spawn(process.execPath, ['--import', TSX, path.resolve('bench/app/app-server.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
const line = await new Promise<string>((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
    if (out.includes('\n')) resolve(out.trim());
  });
  child.on('exit', (code) => reject(new Error(`app-server exited ${code}`)));
});
const [url, token] = line.split(' ');

let state = 11;
const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const value = () => Math.round(random() * 1000) / 1000;
/** The predict body carries all 20 features; the decide body an entity id and the 10 features the table does not hold. */
const predictBody = () => JSON.stringify({ records: [Object.fromEntries(Array.from({ length: FEATURES }, (_, i) => [`f${i}`, value()]))] });
const decideBody = () => JSON.stringify({ id: Math.floor(random() * ENTITIES), ...Object.fromEntries(Array.from({ length: FEATURES - LOOKED_UP }, (_, i) => [`f${i + LOOKED_UP}`, value()])) });

async function load(route: string, body: () => string, connections: number) {
  const result = await autocannon({
    url: `${url}${route}`, method: 'POST', connections, duration: DURATION_S,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    requests: [{ setupRequest: (request) => ({ ...request, body: body() }) }],
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${route}: ${result.non2xx} non-2xx responses and ${result.errors} errors`);
  // autocannon records whole milliseconds, too coarse for a 0.3 ms target; in a closed loop the mean time per
  // request is connections / throughput, which keeps the fraction.
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, mean: (1000 * connections) / result.requests.average };
}

const rows: string[][] = [];
try {
  for (const connections of CONCURRENCIES) {
    await load('/v1/models/trees/predict', predictBody, connections); // warm-up
    const predict = await load('/v1/models/trees/predict', predictBody, connections);
    await load('/v1/apps/bench/decide', decideBody, connections);
    const decide = await load('/v1/apps/bench/decide', decideBody, connections);
    rows.push([String(connections), predict.rps.toFixed(0), `${predict.mean.toFixed(2)} / ${predict.p50} / ${predict.p99}`, decide.rps.toFixed(0), `${decide.mean.toFixed(2)} / ${decide.p50} / ${decide.p99}`, `${(decide.mean - predict.mean).toFixed(2)}`, `${(decide.rps / predict.rps).toFixed(2)}x`]);
  }
} finally {
  child.kill('SIGTERM');
}
const header = ['concurrency', 'predict req/s', 'predict mean/p50/p99 ms', 'decide req/s', 'decide mean/p50/p99 ms', 'added mean ms', 'decide/predict'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(`App benchmark: decide (1 lookup of ${LOOKED_UP} features among ${ENTITIES} entities, 3 rules) vs predict (all ${FEATURES} features sent), tree model 100×6, ${DURATION_S}s per run`);
console.log(format(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of rows) console.log(format(row));
