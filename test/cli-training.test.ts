// `pitstop train` and `pitstop runs` as a user runs them: a package written and registered, every run recorded
// (failed ones too), runs listed and compared.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliJson } from './fixtures/run-cli.js';
import { tempDir } from './fixtures/test-databases.js';

const PENGUINS = path.resolve('node_modules/vega-datasets/data/penguins.json');

describe('pitstop train and runs', () => {
  it('trains, writes and registers a package, records the run, and compares two runs', async () => {
    const work = await tempDir('pitstop-train-');
    const env = { PITSTOP_HOME: path.join(work, 'home') };
    const train = (label: string, params: string) =>
      runCliJson<{ run: { id: string; status: string; metrics: Record<string, Record<string, number>> }; package: { file: string }; registered: { version: number } | null }>(
        ['train', '--algo', 'gbdt', '--data', PENGUINS, '--target', 'Species', '--name', 'penguins', '--label', label, '--params', params, '--register'],
        { env, cwd: work },
      );
    const first = await train('a', 'nTrees=20');
    const second = await train('b', 'nTrees=40,learningRate=0.2');
    expect(first.run.status).toBe('completed');
    expect(first.run.metrics.holdout!.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(first.package.file).toBe('penguins-a.pitstop');
    expect([first.registered?.version, second.registered?.version]).toEqual([1, 2]);

    const listed = await runCliJson<{ id: string }[]>(['runs', '--model', 'penguins'], { env });
    expect(listed.map((r) => r.id)).toEqual([second.run.id, first.run.id]);
    const compared = await runCliJson<{ sameData: boolean; differingParams: string[] }>(['runs', 'compare', first.run.id, second.run.id], { env });
    expect(compared).toMatchObject({ sameData: true, differingParams: ['learningRate', 'nTrees'] });
    const human = await runCli(['runs', 'compare', first.run.id, second.run.id], { env });
    expect(human.stdout).toMatch(/nTrees \*/);

    // Both versions on the same labelled data through the serving runtime, with gates and an HTML report.
    const html = path.join(work, 'report.html');
    const evaluation = await runCliJson<{ passed: boolean; versions: { version: number; metrics: Record<string, { value: number }> }[]; comparisons: { metric: string; low: number; high: number }[] }>(
      ['evaluate', 'penguins', '--versions', '1,2', '--data', PENGUINS, '--require', 'accuracy>=0.9', '--html', html], { env, cwd: work },
    );
    expect(evaluation.passed).toBe(true);
    expect(evaluation.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(evaluation.versions[0]!.metrics.accuracy!.value).toBeGreaterThan(0.9);
    expect(evaluation.comparisons.find((c) => c.metric === 'auc')).toMatchObject({ low: expect.any(Number), high: expect.any(Number) });
    expect(await fs.readFile(html, 'utf8')).toMatch(/<svg[\s\S]*<svg/);
    const gated = await runCli(['evaluate', 'penguins', '--versions', '1,2', '--data', PENGUINS, '--require', 'accuracy>=champion+0.5'], { env, cwd: work });
    expect(gated.code).toBe(7);
    expect(gated.stdout).toMatch(/FAIL  accuracy/);
    expect(gated.stderr.trim()).toMatch(/^pitstop: GATE_FAILED: challenger v2 does not meet accuracy/);
  });

  it('records a failed run and exits with one readable line', async () => {
    const work = await tempDir('pitstop-train-');
    const env = { PITSTOP_HOME: path.join(work, 'home') };
    const failed = await runCli(['train', '--algo', 'ridge', '--data', PENGUINS, '--target', 'Species', '--name', 'penguins'], { env, cwd: work });
    expect(failed.code).toBe(2);
    expect(failed.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^pitstop: TRAINING_DATA_INVALID: target "Species" holds string values/)]);
    const [run] = await runCliJson<{ status: string; error: string }[]>(['runs'], { env });
    expect(run).toMatchObject({ status: 'failed', error: expect.stringContaining('regression needs numbers') });
    const unknownAlgo = await runCli(['train', '--algo', 'svm', '--data', PENGUINS, '--target', 'Species', '--name', 'p'], { env, cwd: work });
    expect(unknownAlgo.stderr).toMatch(/--algo must be one of gbdt, ridge, logistic, mf/);
  });
});
