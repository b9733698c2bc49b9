// Three `pitstop serve` replicas on this machine's PostgreSQL and an s3rver on loopback, behind a round-robin proxy,
// through a promotion, a canary change, kill -9 of the background-lease holder and a PostgreSQL restart (the scenario
// of bench/replicas, shortened). It restarts PostgreSQL, so it runs on its own after the main suite
// (vitest.replicas.config.ts).
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReplicaScenario, type ReplicaScenarioReport } from '../../bench/replicas/replica-scenario.js';
import { S3RVER_CREDENTIALS, startS3Server, type S3TestServer } from '../fixtures/s3-server.js';
import { checkPostgres } from '../fixtures/test-databases.js';

const postgres = await checkPostgres();
// The scenario restarts the local cluster with pg_ctlcluster, which needs the Debian layout and root (as in CI).
const restartable = fs.existsSync('/etc/postgresql') && process.getuid?.() === 0;
const skipReason = !postgres.ok ? postgres.reason : !restartable ? 'cannot restart PostgreSQL here: needs pg_ctlcluster (/etc/postgresql) and root' : '';

describe.skipIf(skipReason !== '')(`three replicas on PostgreSQL and S3${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let s3: S3TestServer;
  let report: ReplicaScenarioReport;
  beforeAll(async () => {
    s3 = await startS3Server();
    report = await runReplicaScenario({
      durationS: 30, lanes: 8, pauseMs: 20, artifactsUrl: s3.url(),
      env: { AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    console.log([...report.events, JSON.stringify({ ...report, events: undefined })].join('\n'));
  }, 240_000);
  afterAll(async () => s3?.stop());

  it('logs every answered prediction exactly once, across kill -9, a restart and a database restart', () => {
    expect(report.answered).toBeGreaterThan(500);
    expect(report.missing).toBe(0);
    expect(report.duplicates).toBe(0);
  });

  it('answers no prediction with a 5xx but those in flight on the killed replica, and serves the promoted version everywhere', () => {
    // Predictions are journaled, and labels and admin reads retry a lost connection, so the database restarting
    // costs them latency only; the one allowed kind of failure is a request in flight on the killed replica.
    expect(report.replicaErrors).toEqual({ predict: 0, feedback: 0, admin: 0 });
    // A label waits 2 s for a prediction still in another replica's journal; only one whose replica was killed
    // before writing it (its journal replays on restart) may still be unknown.
    expect(Object.keys(report.clientErrorsBy).filter((k) => k !== 'feedback 404')).toEqual([]);
    expect(report.networkErrors).toBe(0);
    expect(report.proxyErrors).toBeLessThanOrEqual(8);
    expect(report.promotionSwapMs).toBeLessThanOrEqual(2_000);
    expect(report.finalRoutes).toEqual(Array(3).fill('primary v2, canary v3 10%'));
  });

  it('passes the background lease to another replica when its holder is killed', () => {
    expect(report.events.some((e) => /held the background lease: true/.test(e))).toBe(true);
    expect(report.leaseTakeoverMs).toBeLessThanOrEqual(30_000);
  });
});
