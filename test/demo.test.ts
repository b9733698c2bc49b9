// `pitstop demo --no-serve`, the quick start, run as a user would: every numbered step in order, the alert fired, the
// retrained model promoted without a failed request, the old one archived and replayed bit for bit; then the demo's
// database is opened to check that the stages and the archive entry are really there.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MODEL, DEMO_RMSE_ALERT, DEMO_STEP_COUNT } from '../src/demo/index.js';
import type { MonitoringReport } from '../src/monitoring/index.js';
import { openMetadataStore, type Stores } from '../src/store/index.js';
import { envWithoutPitstopSettings, runCli, type CliResult } from './fixtures/run-cli.js';
import { tempDir } from './fixtures/test-databases.js';

const cleanEnv = envWithoutPitstopSettings;

describe('pitstop demo --no-serve', () => {
  let parent: string;
  let home: string;
  let result: CliResult;
  let steps: string[];
  let stores: Stores | null = null;
  let demoStarted: string;
  let demoEnded: string;
  const step = (n: number) => steps[n - 1] ?? '';
  const inHome = (args: string[]) => runCli(args, { env: { ...cleanEnv(), PITSTOP_HOME: home } });

  beforeAll(async () => {
    parent = await tempDir('pitstop-demo-test-');
    home = path.join(parent, 'demo');
    const started = performance.now();
    demoStarted = new Date().toISOString();
    result = await runCli(['demo', '--no-serve', '--home', home], { env: cleanEnv() });
    demoEnded = new Date().toISOString();
    console.log(`pitstop demo --no-serve took ${((performance.now() - started) / 1000).toFixed(1)} s`);
    steps = result.stdout.split('\n').filter((line) => /^\[\s*\d+\/\d+\]/.test(line));
  }, 120_000);
  afterAll(async () => {
    await stores?.close();
    await fs.rm(parent, { recursive: true, force: true });
  });

  it('exits 0 after printing every numbered step once, in order, each with its time', () => {
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(steps.map((line) => /^\[\s*(\d+)\/(\d+)\]/.exec(line)!.slice(1).map(Number))).toEqual(Array.from({ length: DEMO_STEP_COUNT }, (_, i) => [i + 1, DEMO_STEP_COUNT]));
    for (const line of steps) expect(line).toMatch(/\((\d+ ms|\d+\.\d s)\)$/);
  });

  it('tells the life cycle step by step with its key figures', () => {
    expect(step(3)).toMatch(/trained delivery-eta v1 .*: rmse \d+\.\d\d min on the holdout/);
    expect(step(9)).toMatch(/sent 400 orders through POST \/v1\/apps\/eta\/decide .*: \d+ estimated by delivery-eta v1, \d+ too far, 0 failed/);
    expect(step(7)).toMatch(/monitoring by .*monitoring\.yaml: 1-minute windows, alerts eta-error-high and distance-drift/);
    expect(step(10)).toMatch(/v1 is off by \d+\.\d\d min \(rmse\) on them; a monitoring pass closed their window: no alert/);
    expect(step(12)).toMatch(new RegExp(`alert ${DEMO_RMSE_ALERT} fired: rmse \\d+\\.\\d+ > 6 \\(critical\\)`));
    expect(step(13)).toMatch(/retrained delivery-eta v2 .* v2 is in staging/);
    const evaluated = /rmse (\d+\.\d+) vs (\d+\.\d+) min; gate (\S+) passed/.exec(step(14));
    expect(evaluated, step(14)).not.toBeNull();
    expect(Number(evaluated![1])).toBeLessThan(0.8 * Number(evaluated![2]));
    expect(step(15)).toMatch(/v1 production → decommissioned, v2 staging → production; \d+ requests during the switch answered by v1 and v2, 0 failed/);
    expect(step(16)).toMatch(/archived v1 to .*archive .*kept until \d{4}-\d\d-\d\d/);
    expect(step(17)).toMatch(/replayed v1's prediction \w+ .* from the archive: identical: yes/);
    expect(step(18)).toMatch(/explained it \(tree-shap\): The predicted value of minutes is [\d.]+, compared with [\d.]+ on average\. \w+ = \S+ (raised|lowered)/);
    expect(result.stdout).toMatch(/Admin API key \(shown once.*\): psk_[0-9a-f]{16}_/);
  });

  it('says which orders each rmse figure covers: the rain orders at step 11, the window it judged at step 12', () => {
    const [, rainRmse, rainRows] = /v1 is now off by (\d+\.\d\d) min on these (\d+)/.exec(step(11)) ?? [];
    const [, judgedRows, labelledRows, judgedRmse] = /judged it \((\d+) rainy-day predictions, (\d+) labelled\): alert eta-error-high fired: rmse (\d+\.\d+)/.exec(step(12)) ?? [];
    expect(rainRows, step(11)).toBeDefined();
    expect(judgedRows, step(12)).toBeDefined();
    expect(Number(labelledRows)).toBe(Number(judgedRows));
    // The step-10 pass closed the clear-weather window, so the judged window holds rain orders only: all of them,
    // unless a minute ended while it rained (then the latest minute's).
    if (judgedRows === rainRows) expect(Number(judgedRmse).toFixed(2)).toBe(rainRmse);
    else expect(Number(judgedRows)).toBeLessThan(Number(rainRows));
  });

  it('leaves v2 in production, v1 archived with a retention date, and the run and alerts on record', async () => {
    stores = await openMetadataStore(`sqlite:${path.join(home, 'pitstop.db')}`);
    expect((await stores.listVersions(DEMO_MODEL)).map((v) => `${v.version}:${v.stage}`)).toEqual(['1:archived', '2:production']);
    const entry = await stores.archive.getEntry(DEMO_MODEL, 1);
    expect(entry).toMatchObject({ model: DEMO_MODEL, version: 1, lastVerification: { ok: true }, deletion: null });
    // The count step 16 prints is the one `archive verify` prints.
    expect(step(16)).toContain(`: ${entry!.lastVerification!.checkedFiles} verified;`);
    expect(Date.parse(entry!.retainUntil)).toBeGreaterThan(Date.now() + 365 * 86_400_000);
    const retraining = (await stores.listAudit({ model: DEMO_MODEL })).map((e) => e.action).filter((a) => a.startsWith('retrain.'));
    expect(retraining).toEqual(['retrain.started', 'retrain.evaluated', 'retrain.awaiting_approval']);
    expect(await fs.readFile(path.join(home, 'alerts.log'), 'utf8')).toMatch(new RegExp(`FIRING critical\\] ${DEMO_MODEL}/${DEMO_RMSE_ALERT}`));
  });

  it("leaves its alert rules in the home's monitoring file, where `alerts list` finds them firing", async () => {
    const listed = await inHome(['--json', 'alerts', 'list']);
    expect(listed.code, listed.stderr).toBe(0);
    // The same views the admin API answers (alerts.list_rules): `config` rules come from the monitoring file.
    const rules = JSON.parse(listed.stdout) as { name: string; source: string; state: string; since: string | null }[];
    expect(rules.map((r) => `${r.name} ${r.source} ${r.state}`).sort()).toEqual(['distance-drift config firing', `${DEMO_RMSE_ALERT} config firing`]);
    for (const rule of rules) expect(rule.since! >= demoStarted && rule.since! <= demoEnded, rule.since!).toBe(true);
  });

  it('leaves monitoring that shows what the demo printed: the drift, the rmse rising and both alerts, stamped when they fired', async () => {
    const monitored = await inHome(['--json', 'monitor', DEMO_MODEL]);
    expect(monitored.code, monitored.stderr).toBe(0);
    const report = JSON.parse(monitored.stdout) as MonitoringReport;
    expect(report.versions.find((v) => v.version === 1)).toMatchObject({ role: 'archived', predictions: expect.any(Number) });
    expect(report.versions.find((v) => v.version === 1)!.predictions).toBeGreaterThan(900);
    const drift = report.drift.find((d) => d.version === 1)!;
    expect(drift.report.features.find((f) => f.feature === 'distance_km')?.drifted).toBe(true);
    const rmse = report.timeline.filter((p) => p.version === 1).map((p) => p.performance.rmse?.value ?? null).filter((v): v is number => v !== null);
    expect(rmse[0]).toBeLessThan(6);
    expect(rmse.at(-1)).toBeGreaterThan(6);
    const fired = report.alerts.filter((a) => a.to === 'firing');
    expect(fired.map((a) => a.rule).sort()).toEqual(['distance-drift', DEMO_RMSE_ALERT]);
    for (const alert of fired) expect(alert.at >= demoStarted && alert.at <= demoEnded, alert.at).toBe(true);

    const help = await inHome(['monitor', '--help']);
    expect(help.stdout).toMatch(/^Usage: pitstop monitor <model> \[options\] \| report <model> \[options\] \| run$/m);
  });

  it('refuses to run again in the same home without --fresh, in one line', async () => {
    const again = await runCli(['demo', '--no-serve', '--home', home], { env: cleanEnv() });
    expect(again.code).toBe(2);
    expect(again.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^pitstop: VALIDATION_FAILED: demo step 1\/\d+ \(create the demo home\) failed: .* holds an earlier demo; add --fresh/)]);
  });
});
