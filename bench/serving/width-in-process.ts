// The width measure in-process (npm run bench:serving runs it over HTTP too): CPU per V2 request through the whole
// server (Fastify via inject, validation, batching, journal, log flush), one 1,000-feature tensor against a
// 20-feature one, onnxruntime's own CPU time left out. One process and no sockets: steadier on a busy machine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ort from 'onnxruntime-node';
import { createServices } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config/index.js';
import { createPitstopServer } from '../../src/serving/index.js';
import { BENCH_MODELS, modelCpuMicros, v2Body, type BenchModel } from './bench-models.js';
import { runScript } from './serving-processes.js';

const REQUESTS = Number(process.env.BENCH_WIDTH_REQUESTS ?? 3000);
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pitstop-width-'));
const token = (await runScript('prepare-pitstop-home.ts', { PITSTOP_HOME: home }, path.resolve(import.meta.dirname, '../..'))).line;
const services = await createServices(loadConfig({ PITSTOP_HOME: home }));
const server = await createPitstopServer(services.store, services.registry, { home, logLevel: 'info', pollIntervalMs: 60_000 });
const logFile = fs.openSync(path.join(home, 'log'), 'a');

async function cost(model: BenchModel): Promise<number> {
  const payload = v2Body(model);
  const send = () => server.app.inject({ method: 'POST', url: `/v2/models/${model.name}/infer`, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, payload });
  for (let i = 0; i < 300; i++) await send();
  const started = process.cpuUsage();
  for (let i = 0; i < REQUESTS; i++) {
    const answer = await send();
    if (answer.statusCode !== 200) throw new Error(`${model.name}: ${answer.statusCode} ${answer.body}`);
  }
  await server.log.flush();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / REQUESTS - (await modelCpuMicros(model));
}

const narrow = await cost(BENCH_MODELS.narrow);
const wide = await cost(BENCH_MODELS.wide);
console.log(`width in-process (CPU per request, model time excluded): 20 features ${narrow.toFixed(0)} µs, 1,000 features ${wide.toFixed(0)} µs: ${(wide / narrow).toFixed(2)}x`);
await server.close();
await services.close();
fs.closeSync(logFile);
fs.rmSync(home, { recursive: true, force: true });
