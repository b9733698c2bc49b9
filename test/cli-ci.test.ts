// `pitstop ci` as a pipeline runs it: register what a training job wrote, gate the challenger against the champion
// (exit 7 on failure, the verdict audited), and promote only a version whose latest gate passed.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliJson } from './fixtures/run-cli.js';
import { tempDir } from './fixtures/test-databases.js';

/** y = 3·a − 2·b + noise, with a nonlinear bump the GBDT can learn and the ridge cannot. */
function csv(rows: number, seed: number): string {
  let state = seed;
  const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const lines = ['a,b,y'];
  for (let i = 0; i < rows; i++) {
    const a = random() * 4;
    const b = random() * 4;
    lines.push(`${a.toFixed(4)},${b.toFixed(4)},${(3 * a - 2 * b + (a > 2 ? 4 : 0) + (random() - 0.5) * 0.2).toFixed(4)}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('pitstop ci', () => {
  it('registers, gates and promotes only what passed, with exit codes a pipeline can use', async () => {
    const work = await tempDir('pitstop-ci-');
    const env = { PITSTOP_HOME: path.join(work, 'home'), PITSTOP_ACTOR: 'ci-bot' };
    const opts = { env, cwd: work };
    await fs.writeFile(path.join(work, 'train.csv'), csv(800, 1));
    await fs.writeFile(path.join(work, 'check.csv'), csv(300, 2));
    const train = async (algo: string, out: string) => {
      const result = await runCli(['train', '--algo', algo, '--data', 'train.csv', '--target', 'y', '--name', 'pricing', '--out', out], opts);
      expect(result.code, result.stderr).toBe(0);
    };
    await train('ridge', 'v1.pitstop');
    const first = await runCliJson<{ version: number; stage: string; created: boolean }>(['ci', 'register', 'v1.pitstop', '--stage', 'staging'], opts);
    expect(first).toMatchObject({ version: 1, stage: 'staging', created: true });
    expect(await runCliJson(['ci', 'register', 'v1.pitstop'], opts)).toMatchObject({ version: 1, created: false });
    expect(await runCliJson(['ci', 'promote', 'pricing', '1', '--reason', 'first model'], opts)).toMatchObject({ status: 'promoted' });

    await train('gbdt', 'v2.pitstop');
    await runCliJson(['ci', 'register', 'v2.pitstop', '--stage', 'staging'], opts);
    const ungated = await runCli(['ci', 'promote', 'pricing', '2', '--if-gate-passed', '--reason', 'try'], opts);
    expect(ungated.code).toBe(7);
    expect(ungated.stderr.trim()).toBe('pitstop: GATE_FAILED: pricing v2 has not been through `pitstop ci gate`; refusing to promote it');

    const gate = await runCliJson<{ passed: boolean; champion: number; challenger: number; gates: { passed: boolean }[] }>(['ci', 'gate', 'pricing', '--challenger', '2', '--data', 'check.csv', '--require', 'rmse<=0.9*champion', '--iterations', '200'], opts);
    expect(gate).toMatchObject({ passed: true, champion: 1, challenger: 2, gates: [{ passed: true }] });
    const promoted = await runCliJson<{ status: string; moves: { version: number; to: string }[] }>(['ci', 'promote', 'pricing', '2', '--if-gate-passed', '--reason', 'gate passed'], opts);
    expect(promoted.moves.map((m) => `${m.version}:${m.to}`)).toEqual(['1:decommissioned', '2:production']);

    // v1 back as challenger against v2 fails its gate: exit 7, audited, and promote refuses it.
    const failing = await runCli(['ci', 'gate', 'pricing', '--challenger', '1', '--data', 'check.csv', '--require', 'rmse<=champion', '--iterations', '200'], opts);
    expect(failing.code).toBe(7);
    expect(failing.stderr.trim()).toMatch(/^pitstop: GATE_FAILED: challenger v1 does not meet rmse [\d.]+ <= champion [\d.]+: failed$/);
    const refused = await runCli(['ci', 'promote', 'pricing', '1', '--if-gate-passed', '--reason', 'no'], opts);
    expect(refused.code).toBe(7);
    expect(refused.stderr).toMatch(/failed its latest gate/);
    const history = await runCliJson<{ events: { action: string; version: number; reason: string; actor: string }[] }>(['history', 'pricing'], opts);
    expect(history.events.filter((e) => e.action === 'ci.gate').map((e) => `v${e.version} ${e.reason} by ${e.actor}`)).toEqual(['v2 passed by ci-bot', 'v1 failed by ci-bot']);
  }, 180_000);
});
