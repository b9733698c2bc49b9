// npm run bench:serving (second part) — the same `pitstop serve` process (as shipped, with --grpc-port) answering the
// dense network over three V2 wire forms: HTTP JSON, HTTP with binary tensors (Triton's extension), and gRPC with raw
// contents; one record per request, medians over BENCH_ROUNDS interleaved runs, ratios against HTTP JSON.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import autocannon from 'autocannon';
import { BENCH_MODELS, v2Body } from './bench-models.js';
import { rssMb, runScript, startPitstop } from './serving-processes.js';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCIES = (process.env.BENCH_PROTOCOL_CONCURRENCY ?? '1,16,64').split(',').map(Number);
const model = BENCH_MODELS.dense;

interface Run { rps: number; p99: number }

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function http(url: string, connections: number, body: string | Buffer, headers: Record<string, string>, duration = DURATION_S): Promise<Run> {
  const result = await autocannon({ url, method: 'POST', connections, duration, headers, body });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx responses and ${result.errors} errors`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

/**
 * gRPC load from h2load (Debian's nghttp2-client), a C load generator as autocannon is for HTTP: the ModelInfer
 * message framed as gRPC frames it, `concurrency` streams over at most 4 connections. h2load sees HTTP status only, so
 * the server's own count of answered predictions must grow by the number of requests (no gRPC error hides in them).
 */
function h2loadRun(port: number, token: string, concurrency: number, framed: string, duration = DURATION_S): Run {
  const connections = Math.min(concurrency, 4);
  const result = spawnSync('h2load', ['-D', String(duration), '-c', String(connections), '-m', String(Math.ceil(concurrency / connections)), '-d', framed,
    '-H', 'content-type: application/grpc', '-H', 'te: trailers', '-H', `authorization: Bearer ${token}`, `http://127.0.0.1:${port}/inference.GRPCInferenceService/ModelInfer`], { encoding: 'utf8' });
  const rps = Number(/finished in [\d.]+s, ([\d.]+) req\/s/.exec(result.stdout)?.[1]);
  const failed = Number(/(\d+) failed/.exec(result.stdout)?.[1] ?? 1) + Number(/(\d+) errored/.exec(result.stdout)?.[1] ?? 1);
  if (!Number.isFinite(rps) || failed > 0) throw new Error(`h2load failed: ${result.stdout.slice(-800)} ${result.stderr}`);
  // h2load gives no percentiles; the p99 column shows the mean request time for these rows.
  const mean = /time for request:\s+\S+\s+\S+\s+(\S+)/.exec(result.stdout)?.[1] ?? '';
  return { rps, p99: mean.endsWith('ms') ? Number(mean.slice(0, -2)) : mean.endsWith('us') ? Number(mean.slice(0, -2)) / 1000 : Number(mean.replace(/s$/, '')) * 1000 };
}

/** The ModelInfer request as gRPC frames it on the wire: a 0 byte (not compressed), a 4-byte length, the message. */
async function framedGrpcRequest(dir: string): Promise<string> {
  const { default: protobuf } = await import('protobufjs');
  // Field names as written in the .proto (protobufjs would otherwise expect modelName, rawInputContents).
  const type = new protobuf.Root().loadSync(path.resolve('proto/grpc_predict_v2.proto'), { keepCase: true }).lookupType('inference.ModelInferRequest');
  const message = Buffer.from(type.encode(type.fromObject(grpcRequest())).finish());
  const frame = Buffer.alloc(5 + message.length);
  frame.writeUInt32BE(message.length, 1);
  message.copy(frame, 5);
  const file = path.join(dir, 'model-infer.grpc');
  fs.writeFileSync(file, frame);
  return file;
}

async function answeredPredictions(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return [...text.matchAll(/^pitstop_predictions_requests_total\{[^}]*model="dense"[^}]*\} (\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
}

/** `concurrency` loops of unary ModelInfer calls on one channel for `duration` seconds. */
async function grpcLoad(client: any, token: string, concurrency: number, request: object, duration = DURATION_S): Promise<Run> {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${token}`);
  const latencies: number[] = [];
  const deadline = performance.now() + duration * 1000;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline) {
      const started = performance.now();
      await new Promise<void>((resolve, reject) => client.ModelInfer(request, metadata, (error: Error | null) => (error ? reject(error) : resolve())));
      latencies.push(performance.now() - started);
    }
  }));
  const sorted = latencies.sort((a, b) => a - b);
  return { rps: latencies.length / duration, p99: Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!) };
}

function binaryBody(): { body: Buffer; headers: Record<string, string> } {
  const data = (JSON.parse(v2Body(model)) as { inputs: { data: number[] }[] }).inputs[0]!.data;
  const raw = Buffer.alloc(data.length * 4);
  data.forEach((v, i) => raw.writeFloatLE(v, i * 4));
  const header = Buffer.from(JSON.stringify({ inputs: [{ name: 'input', shape: [1, model.features], datatype: 'FP32', parameters: { binary_data_size: raw.length } }], parameters: { binary_data_output: true } }));
  return { body: Buffer.concat([header, raw]), headers: { 'content-type': 'application/octet-stream', 'inference-header-content-length': String(header.length) } };
}

function grpcRequest(): object {
  const { body } = binaryBody();
  const headerLength = body.length - model.features * 4;
  return { model_name: model.name, inputs: [{ name: 'input', datatype: 'FP32', shape: [1, model.features] }], raw_input_contents: [body.subarray(headerLength)] };
}

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pitstop-bench-protocols-'));
const token = (await runScript('prepare-pitstop-home.ts', { PITSTOP_HOME: home })).line;
const pitstop = await startPitstop(home, [], '.', ['--grpc-port', '0']);
const grpcPort = pitstop.grpcPort!;
const { inference } = grpc.loadPackageDefinition(protoLoader.loadSync(path.resolve('proto/grpc_predict_v2.proto'), { keepCase: true, longs: Number, defaults: true })) as any;
const client = new inference.GRPCInferenceService(`127.0.0.1:${grpcPort}`, grpc.credentials.createInsecure());
const url = `${pitstop.url}/v2/models/${model.name}/infer`;
const auth = { authorization: `Bearer ${token}` };
const json = { body: v2Body(model), headers: { ...auth, 'content-type': 'application/json' } };
const binary = binaryBody();
const hasH2load = spawnSync('h2load', ['--version']).status === 0;
const framed = await framedGrpcRequest(home);
const forms: Record<string, (c: number, duration?: number) => Promise<Run>> = {
  'HTTP JSON': (c, d) => http(url, c, json.body, json.headers, d),
  'HTTP binary': (c, d) => http(url, c, binary.body, { ...auth, ...binary.headers }, d),
  'gRPC raw': hasH2load
    ? async (c, d) => {
      const before = await answeredPredictions(pitstop.url);
      const run = h2loadRun(grpcPort, token, c, framed, d);
      const answered = (await answeredPredictions(pitstop.url)) - before;
      if (answered < run.rps * (d ?? DURATION_S) * 0.9) throw new Error(`h2load counted ${run.rps} req/s, but the server answered ${answered} predictions: gRPC calls failed`);
      return run;
    }
    : (c, d) => grpcLoad(client, token, c, grpcRequest(), d),
};
const rows: string[][] = [];
let rss = 0;
try {
  for (const c of CONCURRENCIES) {
    const runs: Record<string, Run[]> = Object.fromEntries(Object.keys(forms).map((f) => [f, []]));
    for (const form of Object.values(forms)) await form(c, 1);
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate the order each round, so drift in the machine's load falls on every form alike.
      const order = Object.keys(forms).map((_, i, all) => all[(i + round) % all.length]!);
      for (const name of order) {
        runs[name]!.push(await forms[name]!(c));
        rss = Math.max(rss, rssMb(pitstop.child.pid!));
      }
    }
    const jsonRps = median(runs['HTTP JSON']!.map((r) => r.rps));
    for (const [name, measured] of Object.entries(runs)) {
      const rps = median(measured.map((r) => r.rps));
      rows.push([String(c), name, rps.toFixed(0), String(median(measured.map((r) => r.p99))), `${(rps / jsonRps).toFixed(2)}x`]);
      console.error(rows.at(-1)!.join('  '));
    }
  }
} finally {
  client.close();
  await pitstop.stop();
  fs.rmSync(home, { recursive: true, force: true });
}
const widths = [11, 11, 7, 6, 12];
const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
console.log(`\nV2 wire forms on one pitstop serve: ${model.description}, one record per request, ${DURATION_S} s runs, median of ${ROUNDS}, rotated order; peak RSS ${rss.toFixed(0)} MB`);
console.log(hasH2load ? 'HTTP load from autocannon, gRPC load from h2load (at most 4 connections; its p99 column is the mean request time)' : 'gRPC load from a @grpc/grpc-js client in the benchmark process (h2load not installed: apt-get install nghttp2-client)');
console.log([line(['concurrency', 'form', 'req/s', 'p99 ms', 'vs HTTP JSON']), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
