// `pitstop demo --no-serve`, the quick start, run as a user would: every numbered step in order, the alert fired, the
// retrained model promoted without a failed request, the old one archived and replayed bit for bit; then the demo's
// database is opened to check that the stages and the archive entry are really there.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MODEL, DEMO_RMSE_ALERT, DEMO_STEP_COUNT } from '../src/demo/index.js';
import { openMetadataStore, type Stores } from '../src/store/index.js';
import { runCli, type CliResult } from './fixtures/run-cli.js';
import { tempDir } from './fixtures/test-databases.js';

/** The environment without PITSTOP_* settings, so the demo's choices are its own. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('PITSTOP_') || name === 'PITSTOP_ACTOR'));
}

describe('pitstop demo --no-serve', () => {
  let parent: string;
  let home: string;
  let result: CliResult;
  let steps: string[];
  let stores: Stores | null = null;
  const step = (n: number) => steps[n - 1] ?? '';

  beforeAll(async () => {
    parent = await tempDir('pitstop-demo-test-');
    home = path.join(parent, 'demo');
    const started = performance.now();
    result = await runCli(['demo', '--no-serve', '--home', home], { env: cleanEnv() });
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

  it('leaves v2 in production, v1 archived with a retention date, and the run and alerts on record', async () => {
    stores = await openMetadataStore(`sqlite:${path.join(home, 'pitstop.db')}`);
    expect((await stores.listVersions(DEMO_MODEL)).map((v) => `${v.version}:${v.stage}`)).toEqual(['1:archived', '2:production']);
    const entry = await stores.archive.getEntry(DEMO_MODEL, 1);
    expect(entry).toMatchObject({ model: DEMO_MODEL, version: 1, lastVerification: { ok: true }, deletion: null });
    expect(Date.parse(entry!.retainUntil)).toBeGreaterThan(Date.now() + 365 * 86_400_000);
    const retraining = (await stores.listAudit({ model: DEMO_MODEL })).map((e) => e.action).filter((a) => a.startsWith('retrain.'));
    expect(retraining).toEqual(['retrain.started', 'retrain.evaluated', 'retrain.awaiting_approval']);
    expect(await fs.readFile(path.join(home, 'alerts.log'), 'utf8')).toMatch(new RegExp(`FIRING critical\\] ${DEMO_MODEL}/${DEMO_RMSE_ALERT}`));
  });

  it('refuses to run again in the same home without --fresh, in one line', async () => {
    const again = await runCli(['demo', '--no-serve', '--home', home], { env: cleanEnv() });
    expect(again.code).toBe(2);
    expect(again.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^pitstop: VALIDATION_FAILED: demo step 1\/\d+ \(create the demo home\) failed: .* holds an earlier demo; add --fresh/)]);
  });
});
