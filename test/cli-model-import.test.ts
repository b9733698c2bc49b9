// `pitstop package import --xgboost` as a user runs it: a model saved by XGBoost becomes a package that is built with
// a reference profile, registered, and explained with TreeSHAP like a model Pitstop trained.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliJson } from './fixtures/run-cli.js';
import { tempDir } from './fixtures/test-databases.js';

const FIXTURES = path.resolve('test/fixtures/xgboost');

describe('pitstop package import --xgboost', () => {
  it('writes a model and manifest that package build, register and explain take like any other', async () => {
    const work = await tempDir('pitstop-import-');
    const env = { PITSTOP_HOME: path.join(work, 'home') };
    const expected = JSON.parse(await fs.readFile(path.join(FIXTURES, 'expected.json'), 'utf8')) as { features: string[]; rows: (number | null)[][]; models: Record<string, { margins: number[] }> };
    const human = await runCli(['package', 'import', '--xgboost', path.join(FIXTURES, 'binary.ubj'), '--name', 'churn'], { env, cwd: work });
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Wrote churn\.onnx \(20 trees, classification of 2 classes\) and pitstop\.json \(6 features: age, income, score, tenure, visits, ratio\)\./);

    const reference = [expected.features.join(','), ...expected.rows.map((row) => row.map((v) => (v === null ? '' : String(v))).join(','))].join('\n');
    await fs.writeFile(path.join(work, 'reference.csv'), `${reference}\n`);
    const built = await runCliJson<{ file: string; manifest: { framework: { name: string }; files: Record<string, unknown> } }>(
      ['package', 'build', '--model', 'churn.onnx', '--manifest', 'pitstop.json', '--reference', 'reference.csv'], { env, cwd: work },
    );
    expect(built.manifest.framework.name).toBe('xgboost');
    expect(Object.keys(built.manifest.files)).toContain('reference-profile.json');
    await runCliJson(['register', built.file], { env, cwd: work });

    const row = expected.rows[0]!;
    const input = Object.fromEntries(expected.features.flatMap((name, i) => (row[i] === null ? [] : [[name, row[i]]])));
    const explained = await runCliJson<{ method: string; contributions: { contribution: number }[]; baseline: number; output: number }>(
      ['explain', '--model', 'churn', '--model-version', '1', '--input', JSON.stringify(input)], { env },
    );
    expect(explained.method).toBe('tree-shap');
    const sum = explained.baseline + explained.contributions.reduce((total, c) => total + c.contribution, 0);
    expect(Math.abs(sum - explained.output)).toBeLessThan(1e-4);

    const refused = await runCli(['package', 'import', '--xgboost', path.join(FIXTURES, 'categorical.json'), '--name', 'plans', '--manifest', 'other.json'], { env, cwd: work });
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toMatch(/^pitstop: MODEL_IMPORT_UNSUPPORTED: tree \d+ splits feature "plan" by categories/);
  });
});
