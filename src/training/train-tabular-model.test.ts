// Trained packages on real data: quality bars on seeded 70/30 splits, the packaged graph (pipeline + model) agreeing
// with the trainer to 1e-5 through the serving runtime, and byte-identical models from identical runs.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { featureSafeColumnNames, readTable, tableRows, type Table } from '../dataset/index.js';
import { buildPackage, readPackage } from '../package/index.js';
import { ModelSession } from '../runtime/index.js';
import { trainTabularModel, type TabularTrainingRequest } from './train-tabular-model.js';

const VEGA = path.resolve(import.meta.dirname, '../../node_modules/vega-datasets/data');
const load = async (file: string): Promise<Table> => featureSafeColumnNames(await readTable(path.join(VEGA, file))).table;
const SEVENTY_THIRTY = { validation: 0, holdout: 0.3 };

function request(table: Table, overrides: Partial<TabularTrainingRequest> & Pick<TabularTrainingRequest, 'algorithm' | 'target'>): TabularTrainingRequest {
  return { table, source: 'test', name: 'm', version: '1', seed: 7, split: SEVENTY_THIRTY, ...overrides };
}

/** Runs the package through the serving runtime and compares with the trainer's own predictions. */
async function expectPackageMatchesTrainer(trained: ReturnType<typeof trainTabularModel>, rows: Table): Promise<void> {
  const built = await buildPackage({ modelBytes: trained.modelBytes, spec: trained.spec, reference: { table: trained.reference, digest: 'sha256:x', source: 't' }, createdBy: 'test' });
  const loaded = await readPackage(built.bytes);
  const session = await ModelSession.load(loaded.files.get('model.onnx')!, loaded.manifest);
  try {
    const records = tableRows(rows);
    const served = await session.predict(records);
    const expected = trained.predictTable!(rows);
    if (trained.spec.task === 'regression') {
      served.forEach((p, i) => expect(Math.abs((p.value as number) - expected[i]!), `${trained.params.alpha ?? 'gbdt'} row ${i}`).toBeLessThanOrEqual(1e-5));
    } else {
      const classes = trained.spec.outputs.find((o) => o.role === 'probabilities')!.classes!.map(String);
      served.forEach((p, i) => classes.forEach((c, k) => expect(Math.abs(p.probabilities![c]! - expected[i * classes.length + k]!)).toBeLessThanOrEqual(1e-5)));
    }
  } finally {
    await session.release();
  }
}

describe('trainTabularModel on real data', () => {
  it('GBDT and logistic regression reach holdout accuracy ≥ 0.95 on penguins (missing values and categories included)', async () => {
    const penguins = await load('penguins.json');
    for (const algorithm of ['gbdt', 'logistic'] as const) {
      const trained = trainTabularModel(request(penguins, { algorithm, target: 'Species' }));
      expect(trained.metrics.holdout!.accuracy, algorithm).toBeGreaterThanOrEqual(0.95);
      expect(trained.spec.features.map((f) => f.name)).toEqual(expect.arrayContaining(['Island', 'Sex', 'beak_length_mm']));
      await expectPackageMatchesTrainer(trained, penguins);
    }
  });

  it('GBDT beats ridge regression on miles per gallon (cars)', async () => {
    const cars = await load('cars.json');
    const [ridge, gbdt] = (['ridge', 'gbdt'] as const).map((algorithm) => trainTabularModel(request(cars, { algorithm, target: 'Miles_per_Gallon', exclude: ['Name'] })));
    expect(gbdt!.metrics.holdout!.rmse).toBeLessThan(ridge!.metrics.holdout!.rmse!);
    expect(gbdt!.dataset.droppedRows).toBeGreaterThan(0);
    for (const trained of [ridge!, gbdt!]) await expectPackageMatchesTrainer(trained, cars);
  });

  it('turns a date column into date parts inside the graph (seattle-weather)', async () => {
    const weather = await load('seattle-weather.csv');
    const trained = trainTabularModel(request(weather, { algorithm: 'gbdt', target: 'weather', params: { nTrees: 30 } }));
    expect(trained.spec.features.find((f) => f.name === 'date')?.type).toBe('datetime');
    expect(trained.spec.inputs.find((i) => i.name === 'date')?.dtype).toBe('int64');
    await expectPackageMatchesTrainer(trained, weather);
  });

  it('gives byte-identical models for the same data, parameters and seed, and different ones for another seed', async () => {
    const penguins = await load('penguins.json');
    const train = (seed: number) => trainTabularModel(request(penguins, { algorithm: 'gbdt', target: 'Species', seed, params: { nTrees: 20, subsample: 0.8 } })).modelBytes;
    expect(Buffer.from(train(1)).equals(Buffer.from(train(1)))).toBe(true);
    expect(Buffer.from(train(1)).equals(Buffer.from(train(2)))).toBe(false);
  });

  it('refuses what cannot be trained, naming the problem', async () => {
    const penguins = await load('penguins.json');
    expect(() => trainTabularModel(request(penguins, { algorithm: 'ridge', target: 'Species' }))).toThrow(/holds string values; regression needs numbers/);
    expect(() => trainTabularModel(request(penguins, { algorithm: 'gbdt', target: 'nope' }))).toThrow(/no target column "nope"/);
    expect(() => trainTabularModel(request(penguins, { algorithm: 'logistic', target: 'Species', params: { depth: 3 } }))).toThrow(/unknown parameter "depth"/);
  });
});
