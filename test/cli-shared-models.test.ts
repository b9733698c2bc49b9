// Every third-party model in data/sklearn-onnx goes through package init → build → verify → register, and keeps its labels.
import fs from 'node:fs/promises';
import path from 'node:path';
import ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCsvTable, tableRows } from '../src/dataset/index.js';
import { readPackage } from '../src/package/index.js';
import { ModelSession, type FeatureRecord } from '../src/runtime/index.js';
import { runCli, runCliJson } from './fixtures/run-cli.js';
import { tempDir } from './fixtures/test-databases.js';
import { SKLEARN_ONNX_DIR, TITANIC_CSV } from './fixtures/third-party-data.js';

const SHARED = SKLEARN_ONNX_DIR;

interface SharedModelCase {
  file: string;
  name: string;
  reference?: string;
  /** Sample rows as the ORIGINAL model's feeds take them, and as records for the package. */
  rows: () => Promise<{ feeds: Record<string, ort.Tensor>[]; records: FeatureRecord[] }>;
}

/** Iris-like float rows for a model whose one input is float32 [N, k] (or [1, k]). */
function floatRows(inputName: string, width: number, featureNames: string[]): SharedModelCase['rows'] {
  return async () => {
    const samples = [[5.1, 3.5, 1.4, 0.2], [6.2, 2.9, 4.3, 1.3], [7.7, 3.0, 6.1, 2.3], [5.9, 3.0, 5.1, 1.8], [4.9, 2.4, 3.3, 1.0]].map((r) => r.slice(0, width));
    return {
      feeds: samples.map((r) => ({ [inputName]: new ort.Tensor('float32', Float32Array.from(r), [1, width]) })),
      records: samples.map((r) => Object.fromEntries(r.map((v, i) => [featureNames[i]!, v]))),
    };
  };
}

async function titanicRows() {
  const table = await readCsvTable(TITANIC_CSV, { columns: { pclass: 'category', sex: 'category', embarked: 'category', age: 'number', fare: 'number' } });
  const rows = tableRows(table);
  return {
    feeds: rows.map((r) => ({
      pclass: new ort.Tensor('string', [String(r.pclass)], [1, 1]),
      sex: new ort.Tensor('string', [String(r.sex ?? '')], [1, 1]),
      age: new ort.Tensor('float32', Float32Array.of(r.age === null ? Number.NaN : Number(r.age)), [1, 1]),
      fare: new ort.Tensor('float32', Float32Array.of(Number(r.fare)), [1, 1]),
      embarked: new ort.Tensor('string', [String(r.embarked ?? '')], [1, 1]),
    })),
    records: rows.map((r) => ({ pclass: String(r.pclass), sex: r.sex, age: r.age, fare: r.fare, embarked: r.embarked ?? '' })),
  };
}

const CASES: SharedModelCase[] = [
  { file: 'rf_iris.onnx', name: 'rf-iris', rows: floatRows('float_input', 4, ['float_input_0', 'float_input_1', 'float_input_2', 'float_input_3']) },
  { file: 'logreg_iris.onnx', name: 'logreg-iris', rows: floatRows('X', 2, ['X_0', 'X_1']) },
  { file: 'pipeline_titanic.onnx', name: 'titanic', reference: TITANIC_CSV, rows: titanicRows },
  { file: 'SklearnBinGradientBoostingClassifier.model.onnx', name: 'gbc-binary', rows: floatRows('input', 2, ['input_0', 'input_1']) },
  { file: 'SklearnMclRandomForestClassifier.model.onnx', name: 'rf-multiclass', rows: floatRows('input', 2, ['input_0', 'input_1']) },
  { file: 'SklearnLogitisticRegressionBinary.model.onnx', name: 'logreg-binary', rows: floatRows('input', 3, ['input_0', 'input_1', 'input_2']) },
];

describe('third-party sklearn-onnx models through the CLI', () => {
  let work: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    work = await tempDir('pitstop-cli-');
    env = { PITSTOP_HOME: path.join(work, 'home') };
  });

  for (const c of CASES) {
    it(`${c.file}: init, build, verify, register, and the packaged model gives the original's labels`, async () => {
      const model = path.join(SHARED, c.file);
      const manifest = path.join(work, `${c.name}.yaml`);
      const out = path.join(work, `${c.name}.pitstop`);
      await runCliJson(['package', 'init', '--model', model, '--name', c.name, '--out', manifest], { env, cwd: work });
      // The author replaces the starter's placeholder description (package build refuses it).
      let text = (await fs.readFile(manifest, 'utf8')).replace(/^description: .*$/m, `description: ${c.file} from scikit-learn, via skl2onnx`);
      if (c.name === 'titanic') {
        // The age column has gaps that the graph's Imputer fills: the author marks it optional and NaN-tolerant.
        text = text.replace(/- name: age\n(\s+)type: number\n\s+required: true/, '- name: age\n$1type: number\n$1required: false\n$1allowNaN: true');
      }
      await fs.writeFile(manifest, text);
      const built = await runCliJson<{ digest: string; manifest: { maxBatchSize: number | null; modifications: unknown[] } }>(
        ['package', 'build', '--model', model, '--manifest', manifest, '--out', out, ...(c.reference ? ['--reference', c.reference] : [])],
        { env, cwd: work },
      );
      expect(built.manifest.modifications).toHaveLength(1);
      const verified = await runCliJson<{ ok: boolean; digest: string }>(['package', 'verify', out], { env, cwd: work });
      expect(verified).toMatchObject({ ok: true, digest: built.digest });
      const registered = await runCliJson<{ created: boolean; version: { version: number; packageDigest: string } }>(['register', out], { env, cwd: work });
      expect(registered).toMatchObject({ created: true, version: { version: 1, packageDigest: built.digest } });

      const { feeds, records } = await c.rows();
      const original = await ort.InferenceSession.create(model);
      const labelName = original.outputNames.find((n) => /label/i.test(n))!;
      const expected: (number | string)[] = [];
      for (const feed of feeds) {
        const label = (await original.run(feed, [labelName]))[labelName]!.data[0];
        expected.push(typeof label === 'bigint' ? Number(label) : (label as number | string));
      }
      const loaded = await readPackage(await fs.readFile(out));
      const session = await ModelSession.load(loaded.modelBytes(), loaded.manifest);
      const predictions = await session.predict(records);
      expect(predictions.map((p) => p.label)).toEqual(expected);
      for (const p of predictions) expect(Object.values(p.probabilities!).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      await session.release();
      await original.release();
    });
  }

  it('lists every registered model afterwards', async () => {
    const models = await runCliJson<{ name: string; versionCount: number }[]>(['models'], { env, cwd: work });
    expect(models.map((m) => m.name).sort()).toEqual(CASES.map((c) => c.name).sort());
  });

  it('fails with one readable line and a non-zero exit for a file that is not a package', async () => {
    const bogus = path.join(work, 'bogus.pitstop');
    await fs.writeFile(bogus, 'not a tarball');
    const result = await runCli(['register', bogus], { env, cwd: work });
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/^pitstop: PACKAGE_CORRUPT: .*gzip/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
