// The behaviour the label store must have; SQLite and PostgreSQL each run it.
import { describe, expect, it } from 'vitest';
import type { Stores } from './open-metadata-store.js';
import { prediction } from './serving-stores-contract.js';

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
const id = (i: number) => prediction(i).id;

export function describeLabelStoreContract(name: string, open: () => Promise<Stores>): void {
  describe(`label store contract: ${name}`, () => {
    async function withPredictions(count: number, overrides: (i: number) => Parameters<typeof prediction>[1] = () => ({})): Promise<Stores> {
      const stores = await open();
      await stores.predictions.insertPredictions(range(0, count).map((i) => prediction(i, overrides(i))));
      return stores;
    }

    it('stores labels of every kind and reads them back as they were sent', async () => {
      const stores = await withPredictions(4);
      const stored = await stores.labels.addLabels([
        { predictionId: id(0), actual: 'setosa' },
        { predictionId: id(1), actual: 3.25, reason: 'measured' },
        { predictionId: id(2), actual: false },
        { predictionId: id(3), actual: '42' },
      ], 'alice');
      expect(stored.map((l) => [l.predictionId, l.actual, l.actor, l.supersedes, l.reason])).toEqual([
        [id(0), 'setosa', 'alice', null, null],
        [id(1), 3.25, 'alice', null, 'measured'],
        [id(2), false, 'alice', null, null],
        [id(3), '42', 'alice', null, null],
      ]);
      expect(new Set(stored.map((l) => l.id)).size).toBe(4);
      expect(stored[0]!.at).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(await stores.labels.labelHistory(id(1))).toEqual([stored[1]]);
      expect(await stores.labels.labelHistory('01HPMISSING')).toEqual([]);
      expect(await stores.labels.addLabels([], 'alice')).toEqual([]);
    });

    it('refuses a second label with LABEL_CONFLICT naming the field, and stores nothing of the batch', async () => {
      const stores = await withPredictions(3);
      const [first] = await stores.labels.addLabels([{ predictionId: id(1), actual: 'a' }], 'alice');
      const refused = stores.labels.addLabels([{ predictionId: id(0), actual: 'b' }, { predictionId: id(1), actual: 'b' }], 'bob');
      await expect(refused).rejects.toMatchObject({
        code: 'LABEL_CONFLICT', field: 'labels[1].prediction_id', message: expect.stringContaining(`"${id(1)}" already has label ${first!.id}`),
      });
      expect(await stores.labels.labelHistory(id(0))).toEqual([]);
      expect(await stores.labels.labelHistory(id(1))).toEqual([first]);
    });

    it('refuses the same prediction twice in one batch, naming the repeat', async () => {
      const stores = await withPredictions(2);
      const twice = [{ predictionId: id(0), actual: 1 }, { predictionId: id(1), actual: 1 }, { predictionId: id(0), actual: 2 }];
      await expect(stores.labels.addLabels(twice, 'alice')).rejects.toMatchObject({ code: 'LABEL_CONFLICT', field: 'labels[2].prediction_id', message: expect.stringContaining('labels[0]') });
      await expect(stores.labels.addLabels(twice, 'alice', { correct: true })).rejects.toMatchObject({ code: 'LABEL_CONFLICT' });
      expect(await stores.labels.countLabels({ model: 'iris' })).toBe(0);
    });

    it('lets a correction supersede the latest label, keeping the whole history', async () => {
      const stores = await withPredictions(2);
      const [first] = await stores.labels.addLabels([{ predictionId: id(0), actual: 'cat' }], 'alice');
      const [second] = await stores.labels.addLabels([{ predictionId: id(0), actual: 'dog', reason: 'typo' }], 'bob', { correct: true });
      const [third] = await stores.labels.addLabels([{ predictionId: id(0), actual: 'wolf' }], 'carol', { correct: true });
      expect([second!.supersedes, third!.supersedes]).toEqual([first!.id, second!.id]);
      expect(second).toMatchObject({ actual: 'dog', actor: 'bob', reason: 'typo' });
      expect(await stores.labels.labelHistory(id(0))).toEqual([first, second, third]);
      // A correction of a prediction without a label is simply its first label.
      const [fresh] = await stores.labels.addLabels([{ predictionId: id(1), actual: 'cat' }], 'alice', { correct: true });
      expect(fresh!.supersedes).toBeNull();
    });

    it('says PREDICTION_NOT_FOUND naming every unknown id, and stores nothing of the batch', async () => {
      const stores = await withPredictions(2);
      const batch = [{ predictionId: id(0), actual: 1 }, { predictionId: 'nope-1', actual: 1 }, { predictionId: id(1), actual: 1 }, { predictionId: 'nope-2', actual: 1 }];
      const error = await stores.labels.addLabels(batch, 'alice').catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'PREDICTION_NOT_FOUND', field: 'labels[1].prediction_id', message: 'no logged prediction "nope-1" (and 1 more)',
        errors: [{ field: 'labels[1].prediction_id', message: 'no logged prediction "nope-1"' }, { field: 'labels[3].prediction_id', message: 'no logged prediction "nope-2"' }],
        details: { indexes: [1, 3], predictionIds: ['nope-1', 'nope-2'] },
      });
      expect(await stores.labels.countLabels({ model: 'iris' })).toBe(0);
    });

    it('refuses values that are not a string, a finite number or a boolean', async () => {
      const stores = await withPredictions(1);
      for (const actual of [Number.NaN, Number.POSITIVE_INFINITY, null, { a: 1 }, [1]]) {
        await expect(stores.labels.addLabels([{ predictionId: id(0), actual: actual as never }], 'alice')).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'labels[0].actual' });
      }
      await expect(stores.labels.addLabels([{ predictionId: '', actual: 1 }], 'alice')).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'labels[0].prediction_id' });
    });

    it('stores 1,200 labels in one call and returns them in the order given', async () => {
      const stores = await withPredictions(1200);
      const labels = range(0, 1200).reverse().map((i) => ({ predictionId: id(i), actual: i }));
      const stored = await stores.labels.addLabels(labels, 'alice');
      expect(stored.map((l) => [l.predictionId, l.actual])).toEqual(labels.map((l) => [l.predictionId, l.actual]));
      expect(await stores.labels.countLabels({ model: 'iris' })).toBe(1200);
    });

    it('joins labelled predictions to their latest label, filtered by model, version and [from, to), by prediction id', async () => {
      const stores = await withPredictions(30, (i) => ({ model: i < 20 ? 'iris' : 'churn', version: (i % 2) + 1 }));
      // Every third prediction is labelled; prediction 3 is corrected twice.
      await stores.labels.addLabels(range(0, 30).filter((i) => i % 3 === 0).map((i) => ({ predictionId: id(i), actual: `class-${i}` })), 'alice');
      await stores.labels.addLabels([{ predictionId: id(3), actual: 'fixed' }], 'bob', { correct: true });
      const [latest] = await stores.labels.addLabels([{ predictionId: id(3), actual: 'fixed again' }], 'bob', { correct: true });

      const joined = await stores.labels.labelledPredictions({ model: 'iris' });
      expect(joined.map((j) => Number(j.prediction.id.slice(4)))).toEqual([0, 3, 6, 9, 12, 15, 18]);
      expect(joined[0]).toEqual({ prediction: prediction(0), label: expect.objectContaining({ predictionId: id(0), actual: 'class-0', supersedes: null }) });
      expect(joined[1]!.label).toEqual(latest);
      const ids = async (query: Parameters<Stores['labels']['labelledPredictions']>[0]) => (await stores.labels.labelledPredictions(query)).map((j) => Number(j.prediction.id.slice(4)));
      expect(await ids({ model: 'iris', version: 2 })).toEqual([3, 9, 15]);
      expect(await ids({ model: 'iris', from: prediction(3).at, to: prediction(12).at })).toEqual([3, 6, 9]);
      expect(await ids({ model: 'iris', limit: 2 })).toEqual([0, 3]);
      expect(await ids({ model: 'iris', limit: 2, afterId: id(3) })).toEqual([6, 9]);
      expect(await ids({ model: 'churn' })).toEqual([21, 24, 27]);
      expect(await ids({ model: 'nope' })).toEqual([]);

      expect(await stores.labels.countLabels({ model: 'iris' })).toBe(7);
      expect(await stores.labels.countLabels({ model: 'iris', version: 2 })).toBe(3);
      expect(await stores.labels.countLabels({ model: 'iris', from: prediction(3).at, to: prediction(12).at })).toBe(3);
      expect(await stores.labels.countLabels({ model: 'churn', version: 1 })).toBe(1);
    });

    it('lets exactly one of two concurrent first labels through, and chains concurrent corrections', async () => {
      const stores = await withPredictions(2);
      const raced = await Promise.allSettled(range(0, 4).map((k) => stores.labels.addLabels([{ predictionId: id(1), actual: k }, { predictionId: id(0), actual: k }], `writer-${k}`)));
      expect(raced.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of raced) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'LABEL_CONFLICT' });

      await Promise.all(range(0, 5).map((k) => stores.labels.addLabels([{ predictionId: id(0), actual: `fix-${k}` }], `fixer-${k}`, { correct: true })));
      const history = await stores.labels.labelHistory(id(0));
      expect(history).toHaveLength(6);
      // One chain: each label supersedes the one before it.
      expect(history.map((l) => l.supersedes)).toEqual([null, ...history.slice(0, -1).map((l) => l.id)]);
    });
  });
}
