// The replica scenario shared by `npm run bench:replicas` (5 minutes) and test/replicas/ (a short run in CI): three
// `pitstop serve` replicas on one PostgreSQL database and one artifact store, behind a round-robin proxy, under
// steady mixed load (predict, feedback, admin reads). During it: a promotion, a canary change, kill -9 of the replica
// holding the background lease and its restart, and one PostgreSQL restart. Then it counts what happened.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createArtifactStore } from '../../src/artifacts/index.js';
import { buildPackage } from '../../src/package/index.js';
import { Registry } from '../../src/registry/index.js';
import { generateApiKey } from '../../src/serving/auth/index.js';
import { openMetadataStore } from '../../src/store/index.js';
import { linearRegressorOnnx } from '../../test/fixtures/onnx-models.js';
import { buildRegressorPackage, regressorSpec } from '../../test/fixtures/packages.js';
import { startServerProcess, type ServerProcess } from '../../test/fixtures/server-process.js';
import { freshSchemaName, postgresUrlWithSchema, tempDir } from '../../test/fixtures/test-databases.js';
import { RoundRobinProxy } from './round-robin-proxy.js';

const MODEL = 'house-prices';

export interface ReplicaScenarioOptions {
  readonly durationS: number;
  readonly lanes: number;
  readonly pauseMs: number;
  /** The shared artifact store; a folder under the work directory when absent. */
  readonly artifactsUrl?: string;
  /** Extra environment for the replicas (e.g. S3 credentials). */
  readonly env?: NodeJS.ProcessEnv;
}

export interface ReplicaScenarioReport {
  readonly events: string[];
  readonly sent: { readonly predict: number; readonly feedback: number; readonly admin: number; readonly total: number };
  readonly ok: number;
  readonly clientErrors: number;
  /** The 4xx answers by kind and status, e.g. "feedback 404": a label for a prediction still in another replica's journal. */
  readonly clientErrorsBy: Record<string, number>;
  /** 5xx from the proxy: requests in flight on the killed replica's connections. */
  readonly proxyErrors: number;
  /** 5xx answered by a replica, by request kind (a label or an admin read may meet the database restarting). */
  readonly replicaErrors: { readonly predict: number; readonly feedback: number; readonly admin: number };
  readonly networkErrors: number;
  readonly answered: number;
  readonly logged: number;
  readonly missing: number;
  readonly duplicates: number;
  readonly promotionSwapMs: number;
  /** How long after the lease holder's kill -9 another replica held the background lease. */
  readonly leaseTakeoverMs: number;
  /** What each replica serves when started again afterwards. */
  readonly finalRoutes: string[];
}

export async function runReplicaScenario(options: ReplicaScenarioOptions): Promise<ReplicaScenarioReport> {
  const schema = freshSchemaName();
  const url = postgresUrlWithSchema(schema);
  const work = await tempDir('pitstop-replicas-');
  const artifactsUrl = options.artifactsUrl ?? `file:${path.join(work, 'artifacts')}`;

  const seedStore = await openMetadataStore(url);
  const registry = new Registry(seedStore, await createArtifactStore(artifactsUrl, { s3Credentials: credentialsOf(options.env) }));
  await registry.register((await buildRegressorPackage()).bytes, 'scenario');
  await registry.register((await buildPackage({ modelBytes: linearRegressorOnnx({ weights: [2, 2, 2], bias: 1 }), spec: regressorSpec({ version: '2.0.0' }), createdBy: 'scenario' })).bytes, 'scenario');
  await registry.register((await buildPackage({ modelBytes: linearRegressorOnnx({ weights: [1, 1, 1], bias: 0 }), spec: regressorSpec({ version: '3.0.0' }), createdBy: 'scenario' })).bytes, 'scenario');
  await registry.promote(MODEL, 1, 'scenario start', 'scenario');
  await registry.setStage(MODEL, 3, 'staging', 'the canary to be', 'scenario');
  const key = generateApiKey();
  await seedStore.keys.createKey({ id: key.id, name: 'scenario', role: 'admin', secretHash: key.secretHash, salt: key.salt, createdBy: 'scenario', rateLimit: null });
  const auth = { authorization: `Bearer ${key.token}`, 'content-type': 'application/json' };

  const envOf = (i: number) => ({ ...options.env, PITSTOP_DATABASE_URL: url, PITSTOP_ARTIFACTS_URL: artifactsUrl, PITSTOP_HOME: path.join(work, `replica-${i}`), PITSTOP_ACTOR: `replica-${i}` });
  const replicas: ServerProcess[] = [];
  for (let i = 0; i < 3; i++) replicas.push(await startServerProcess(envOf(i)));
  const proxy = new RoundRobinProxy(replicas.map((r) => r.url));
  const proxyUrl = await proxy.start();

  const outcomes: { kind: 'predict' | 'feedback' | 'admin'; status: number; fromProxy: boolean }[] = [];
  const answered: string[] = [];
  let running = true;
  const started = Date.now();
  const events: string[] = [];
  const note = (text: string) => events.push(`${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${text}`);

  const lane = async (index: number) => {
    for (let n = 0; running; n++) {
      const roll = (index * 7 + n) % 20;
      const kind = roll < 14 ? 'predict' : roll < 17 && answered.length > 0 ? 'feedback' : 'admin';
      try {
        let response: Response;
        if (kind === 'predict') {
          response = await fetch(`${proxyUrl}/v1/models/${MODEL}/predict`, { method: 'POST', headers: auth, body: JSON.stringify({ records: [{ x1: n % 10, x2: index, x3: 1 }] }) });
          if (response.status === 200) answered.push(...((await response.json()) as { prediction_ids: string[] }).prediction_ids);
        } else if (kind === 'feedback') {
          const id = answered[Math.floor(Math.random() * answered.length)]!;
          response = await fetch(`${proxyUrl}/v1/feedback`, { method: 'POST', headers: auth, body: JSON.stringify({ labels: [{ prediction_id: id, actual: n % 7 }], correct: true }) });
        } else {
          response = await fetch(`${proxyUrl}/admin/models?limit=10`, { headers: auth });
        }
        await response.arrayBuffer().catch(() => undefined);
        outcomes.push({ kind, status: response.status, fromProxy: response.headers.has('x-proxy-error') });
      } catch {
        outcomes.push({ kind, status: 0, fromProxy: false });
      }
      await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    }
  };

  const at = (share: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, started + share * options.durationS * 1000 - Date.now())));
  const served = async (replica: string) => {
    try {
      const response = await fetch(`${replica}/v1/models/${MODEL}`, { headers: auth });
      return response.status === 200 ? ((await response.json()) as { primary_version: number }).primary_version : null;
    } catch {
      return null;
    }
  };
  const within = async (condition: () => Promise<boolean>, limitMs: number) => {
    const from = Date.now();
    while (Date.now() - from < limitMs) {
      if (await condition()) return Date.now() - from;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return Number.NaN;
  };

  let promotionSwapMs = Number.NaN;
  let leaseTakeoverMs = Number.NaN;
  const lanes = Array.from({ length: options.lanes }, (_, i) => lane(i));
  const script = (async () => {
    await at(0.2);
    await registry.promote(MODEL, 2, 'scenario: promote under load', 'scenario');
    promotionSwapMs = await within(async () => (await Promise.all(replicas.map((r) => served(r.url)))).every((v) => v === 2), 30_000);
    note(`promoted v2; every replica served it after ${promotionSwapMs} ms`);
    await at(0.35);
    const canary = await fetch(`${proxyUrl}/admin/models/${MODEL}/traffic`, { method: 'PUT', headers: auth, body: JSON.stringify({ canary: { version: 3, percent: 10 } }) });
    note(`canary v3 (staging) at 10%: HTTP ${canary.status}`);
    await at(0.5);
    // Kill the replica that holds the background lease, so the lease has to move.
    const lease = await within(async () => (await seedStore.leases.get('background')) !== undefined, 30_000);
    const holder = (await seedStore.leases.get('background'))?.holder ?? '';
    const victim = Math.max(0, replicas.findIndex((r) => holder.includes(`:${r.child.pid}:`)));
    replicas[victim]!.child.kill('SIGKILL');
    const killedAt = Date.now();
    note(`kill -9 replica ${victim} (it held the background lease: ${holder.includes(`:${replicas[victim]!.child.pid}:`)}; lease seen after ${lease} ms)`);
    leaseTakeoverMs = await within(async () => {
      const now = await seedStore.leases.get('background');
      return now !== undefined && now.holder !== holder;
    }, 60_000);
    note(`another replica took the background lease ${Date.now() - killedAt} ms after the kill`);
    replicas[victim] = await startServerProcess(envOf(victim));
    proxy.replace(victim, replicas[victim]!.url);
    note(`replica ${victim} restarted (its journal replays)`);
    await at(0.7);
    const cluster = fs.readdirSync('/etc/postgresql')[0]!;
    const restartStarted = Date.now();
    execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', cluster, 'main', 'restart']);
    note(`PostgreSQL restarted (${Date.now() - restartStarted} ms)`);
  })();

  await at(1);
  await script;
  running = false;
  await Promise.all(lanes);
  // Clean stops flush every replica's prediction log; the restarted one replayed its killed predecessor's journal.
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
  const finalRoutes: string[] = [];
  for (let i = 0; i < 3; i++) {
    const replica = await startServerProcess(envOf(i));
    const routes = await fetch(`${replica.url}/v1/models/${MODEL}`, { headers: auth }).then((r) => r.json() as Promise<{ primary_version: number; canary: { version: number; percent: number } | null }>);
    finalRoutes.push(`primary v${routes.primary_version}, canary ${routes.canary ? `v${routes.canary.version} ${routes.canary.percent}%` : 'none'}`);
    await replica.stop('SIGTERM');
  }
  await seedStore.close();
  await checkStore.close();
  const count = (f: (o: (typeof outcomes)[number]) => boolean) => outcomes.filter(f).length;
  return {
    events,
    sent: { predict: count((o) => o.kind === 'predict'), feedback: count((o) => o.kind === 'feedback'), admin: count((o) => o.kind === 'admin'), total: outcomes.length },
    ok: count((o) => o.status >= 200 && o.status < 300),
    clientErrors: count((o) => o.status >= 400 && o.status < 500),
    clientErrorsBy: outcomes.filter((o) => o.status >= 400 && o.status < 500).reduce<Record<string, number>>((by, o) => ({ ...by, [`${o.kind} ${o.status}`]: (by[`${o.kind} ${o.status}`] ?? 0) + 1 }), {}),
    proxyErrors: count((o) => o.status >= 500 && o.fromProxy),
    replicaErrors: {
      predict: count((o) => o.kind === 'predict' && o.status >= 500 && !o.fromProxy),
      feedback: count((o) => o.kind === 'feedback' && o.status >= 500 && !o.fromProxy),
      admin: count((o) => o.kind === 'admin' && o.status >= 500 && !o.fromProxy),
    },
    networkErrors: count((o) => o.status === 0),
    answered: answered.length,
    logged: answered.filter((id) => logged.has(id)).length,
    missing: answered.filter((id) => !logged.has(id)).length,
    duplicates: answered.length - new Set(answered).size,
    promotionSwapMs, leaseTakeoverMs, finalRoutes,
  };
}

function credentialsOf(env: NodeJS.ProcessEnv | undefined) {
  return env?.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: undefined } : undefined;
}
