// npm run bench:replicas — the replica scenario (replica-scenario.ts) for BENCH_DURATION seconds (default 300): three
// replicas on PostgreSQL behind a round-robin proxy, a promotion, a canary change, kill -9 of the lease holder and
// its restart, a PostgreSQL restart. Needs a local PostgreSQL it may restart (pg_ctlcluster).
import { runReplicaScenario } from './replica-scenario.js';

const durationS = Number(process.env.BENCH_DURATION ?? 300);
const lanes = Number(process.env.BENCH_LANES ?? 12);
const report = await runReplicaScenario({ durationS, lanes, pauseMs: Number(process.env.BENCH_PAUSE_MS ?? 20) });
console.log(`Replica benchmark: 3 replicas, PostgreSQL, ${durationS}s of mixed load (${lanes} lanes)`);
console.log(report.events.join('\n'));
const { sent } = report;
console.log(`requests sent ${sent.total} (predict ${sent.predict}, feedback ${sent.feedback}, admin ${sent.admin})`);
const fromReplicas = report.replicaErrors;
console.log(`answered 2xx ${report.ok}; 5xx in flight on the killed replica ${report.proxyErrors}; 5xx from a replica: predict ${fromReplicas.predict}, feedback ${fromReplicas.feedback}, admin ${fromReplicas.admin}; network errors ${report.networkErrors}; 4xx ${report.clientErrors} ${JSON.stringify(report.clientErrorsBy)}`);
console.log(`predictions answered ${report.answered}, logged ${report.logged}, missing ${report.missing}, duplicate ids ${report.duplicates}`);
console.log(`promotion reached every replica in ${report.promotionSwapMs} ms; the background lease moved ${report.leaseTakeoverMs} ms after its holder was killed`);
console.log(`each replica, started again afterwards, serves: ${report.finalRoutes.join('; ')}`);
