// npm run bench:replicas — three `pitstop serve` replicas on one PostgreSQL database and one artifact store, behind a
// round-robin proxy on loopback, under steady mixed load (predict, feedback, admin reads) for BENCH_DURATION seconds
// (default 300). During it: a promotion, a canary change, kill -9 of one replica and its restart, and one PostgreSQL
// restart. Afterwards it checks that every answered prediction is logged exactly once, counts 5xx answers by cause,
// and checks that every replica serves the promoted version. Needs a local PostgreSQL it may restart (pg_ctlcluster).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FilesystemArtifactStore } from '../../src/artifacts/index.js';
import { buildPackage } from '../../src/package/index.js';
import { Registry } from '../../src/registry/index.js';
import { generateApiKey } from '../../src/serving/auth/index.js';
import { openMetadataStore } from '../../src/store/index.js';
import { linearRegressorOnnx } from '../../test/fixtures/onnx-models.js';
import { buildRegressorPackage, regressorSpec } from '../../test/fixtures/packages.js';
import { startServerProcess, type ServerProcess } from '../../test/fixtures/server-process.js';
import { freshSchemaName, postgresUrlWithSchema, tempDir } from '../../test/fixtures/test-databases.js';
import { RoundRobinProxy } from './round-robin-proxy.js';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 300);
const LANES = Number(process.env.BENCH_LANES ?? 12);
/** Pause between a lane's requests: 12 lanes × ~40 req/s each, well below saturation, so the rate stays steady. */
const PAUSE_MS = Number(process.env.BENCH_PAUSE_MS ?? 20);
const MODEL = 'house-prices';

const schema = freshSchemaName();
const url = postgresUrlWithSchema(schema);
const work = await tempDir('pitstop-replicas-');
const artifactsUrl = `file:${path.join(work, 'artifacts')}`;

// Seed: two versions, v1 in production, one admin key.
const seedStore = await openMetadataStore(url);
const registry = new Registry(seedStore, new FilesystemArtifactStore(path.join(work, 'artifacts')));
await registry.register((await buildRegressorPackage()).bytes, 'bench');
await registry.register((await buildPackage({ modelBytes: linearRegressorOnnx({ weights: [2, 2, 2], bias: 1 }), spec: regressorSpec({ version: '2.0.0' }), createdBy: 'bench' })).bytes, 'bench');
await registry.register((await buildPackage({ modelBytes: linearRegressorOnnx({ weights: [1, 1, 1], bias: 0 }), spec: regressorSpec({ version: '3.0.0' }), createdBy: 'bench' })).bytes, 'bench');
await registry.promote(MODEL, 1, 'bench start', 'bench');
await registry.setStage(MODEL, 3, 'staging', 'the canary to be', 'bench');
const key = generateApiKey();
await seedStore.keys.createKey({ id: key.id, name: 'bench', role: 'admin', secretHash: key.secretHash, salt: key.salt, createdBy: 'bench', rateLimit: null });
const auth = { authorization: `Bearer ${key.token}`, 'content-type': 'application/json' };

const envOf = (i: number) => ({ PITSTOP_DATABASE_URL: url, PITSTOP_ARTIFACTS_URL: artifactsUrl, PITSTOP_HOME: path.join(work, `replica-${i}`), PITSTOP_ACTOR: `replica-${i}` });
const replicas: ServerProcess[] = [];
for (let i = 0; i < 3; i++) replicas.push(await startServerProcess(envOf(i)));
const proxy = new RoundRobinProxy(replicas.map((r) => r.url));
const proxyUrl = await proxy.start();

interface Outcome { kind: 'predict' | 'feedback' | 'admin'; status: number; cause?: string }
const outcomes: Outcome[] = [];
const answered: string[] = [];
let running = true;
const started = Date.now();

async function lane(index: number): Promise<void> {
  for (let n = 0; running; n++) {
    const roll = (index * 7 + n) % 20;
    const kind: Outcome['kind'] = roll < 14 ? 'predict' : roll < 17 ? 'feedback' : 'admin';
    try {
      let response: Response;
      if (kind === 'predict') {
        response = await fetch(`${proxyUrl}/v1/models/${MODEL}/predict`, { method: 'POST', headers: auth, body: JSON.stringify({ records: [{ x1: n % 10, x2: index, x3: 1 }] }) });
        if (response.status === 200) answered.push(...((await response.json()) as { prediction_ids: string[] }).prediction_ids);
      } else if (kind === 'feedback' && answered.length > 0) {
        const id = answered[Math.floor(Math.random() * answered.length)]!;
        response = await fetch(`${proxyUrl}/v1/feedback`, { method: 'POST', headers: auth, body: JSON.stringify({ labels: [{ prediction_id: id, actual: n % 7 }], correct: true }) });
      } else {
        response = await fetch(`${proxyUrl}/admin/models?limit=10`, { headers: auth });
      }
      await response.arrayBuffer().catch(() => undefined);
      outcomes.push({ kind, status: response.status, ...(response.headers.get('x-proxy-error') ? { cause: response.headers.get('x-proxy-error')! } : {}) });
    } catch (error) {
      outcomes.push({ kind, status: 0, cause: (error as Error).message });
    }
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
  }
}

const at = (share: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, started + share * DURATION_S * 1000 - Date.now())));
const events: string[] = [];
const note = (text: string) => events.push(`${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${text}`);

async function servedVersion(replica: string): Promise<number | null> {
  try {
    const response = await fetch(`${replica}/v1/models/${MODEL}/predict`, { method: 'POST', headers: auth, body: JSON.stringify({ records: [{ x1: 0, x2: 0, x3: 0 }] }) });
    return response.status === 200 ? ((await response.json()) as { model: { version: number } }).model.version : null;
  } catch {
    return null;
  }
}

async function swapTime(version: number): Promise<number> {
  const from = Date.now();
  while (Date.now() - from < 30_000) {
    const versions = await Promise.all(replicas.map((r) => servedVersion(r.url)));
    if (versions.every((v) => v === version)) return Date.now() - from;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return Number.NaN;
}

const lanes = Array.from({ length: LANES }, (_, i) => lane(i));
const script = (async () => {
  await at(0.2);
  await registry.promote(MODEL, 2, 'bench: promote under load', 'bench');
  note(`promoted v2; every replica served it after ${await swapTime(2)} ms`);
  await at(0.35);
  const canary = await fetch(`${proxyUrl}/admin/models/${MODEL}/traffic`, { method: 'PUT', headers: auth, body: JSON.stringify({ canary: { version: 3, percent: 10 } }) });
  note(`canary v3 (staging) at 10%: HTTP ${canary.status}`);
  await at(0.5);
  replicas[1]!.child.kill('SIGKILL');
  note('kill -9 replica 1');
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  replicas[1] = await startServerProcess(envOf(1));
  proxy.replace(1, replicas[1].url);
  note('replica 1 restarted (its journal replays)');
  await at(0.7);
  const cluster = fs.readdirSync('/etc/postgresql')[0]!;
  const restartStarted = Date.now();
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', cluster, 'main', 'restart']);
  note(`PostgreSQL restarted (${Date.now() - restartStarted} ms)`);
})();

await at(1);
running = false;
await Promise.all(lanes);
await script;
// Clean stops flush every replica's prediction log; the restarted one replayed its dead predecessor's journal.
for (const replica of replicas) await replica.stop('SIGTERM');
await proxy.close();

const checkStore = await openMetadataStore(url);
const logged = new Set<string>();
for (let afterId: string | undefined; ;) {
  const page = await checkStore.predictions.listPredictions({ model: MODEL, limit: 10_000, ...(afterId ? { afterId } : {}) });
  for (const p of page) logged.add(p.id);
  if (page.length < 10_000) break;
  afterId = page[page.length - 1]!.id;
}
const missing = answered.filter((id) => !logged.has(id));
const duplicates = answered.length - new Set(answered).size;
const count = (f: (o: Outcome) => boolean) => outcomes.filter(f).length;
const final = await Promise.all((await Promise.all([0, 1, 2].map(async (i) => startServerProcess(envOf(i))))).map(async (r) => {
  const served = await fetch(`${r.url}/v1/models/${MODEL}`, { headers: auth }).then((res) => res.json() as Promise<{ primary_version: number; canary: { version: number; percent: number } | null }>).catch(() => null);
  await r.stop('SIGTERM');
  return served && `primary v${served.primary_version}, canary ${served.canary ? `v${served.canary.version} ${served.canary.percent}%` : 'none'}`;
}));
console.log(`Replica benchmark: 3 replicas, PostgreSQL, ${DURATION_S}s of mixed load (${LANES} lanes)`);
console.log(events.join('\n'));
console.log(`requests sent ${outcomes.length} (predict ${count((o) => o.kind === 'predict')}, feedback ${count((o) => o.kind === 'feedback')}, admin ${count((o) => o.kind === 'admin')})`);
console.log(`answered 2xx ${count((o) => o.status >= 200 && o.status < 300)}; 5xx ${count((o) => o.status >= 500)} (proxy could not reach a replica: ${count((o) => o.status >= 500 && o.cause !== undefined)}; from a replica: ${count((o) => o.status >= 500 && o.cause === undefined)}); network errors ${count((o) => o.status === 0)}; 4xx ${count((o) => o.status >= 400 && o.status < 500)}`);
console.log(`predictions answered ${answered.length}, logged ${answered.length - missing.length}, missing ${missing.length}, duplicate ids ${duplicates}`);
console.log(`each replica, started again afterwards, serves: ${final.join('; ')}`);
await seedStore.close();
await checkStore.close();
