// `pitstop train` and `pitstop runs` as a user runs them: a package written and registered, every run recorded
// (failed ones too), runs listed and compared.
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
