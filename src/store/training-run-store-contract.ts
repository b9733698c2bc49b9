// The behaviour the training run store must have; SQLite and PostgreSQL each run it.
import { describe, expect, it } from 'vitest';
import type { Stores } from './open-metadata-store.js';
import type { TrainingRunRecord } from './training-records.js';

export function trainingRun(id: string, overrides: Partial<TrainingRunRecord> = {}): TrainingRunRecord {
  return {
    id, model: 'penguins', algorithm: 'gbdt', status: 'completed',
    params: { nTrees: 100, learningRate: 0.1, nested: { list: [1, 2] } },
    metrics: { train: { accuracy: 0.99 }, holdout: { accuracy: 0.9612345678901234, log_loss: 0.1 } },
    dataset: { fingerprint: 'sha256:f00d', source: 'penguins.json', rows: 344, target: 'Species' },
    seed: 7, durationMs: 1234.5678, packageDigest: 'sha256:abc', packagePath: '/tmp/penguins.pitstop', error: null,
    createdBy: 'alice', startedAt: '2024-03-01T00:00:00.000Z', finishedAt: '2024-03-01T00:00:01.234Z',
    ...overrides,
  };
}

export function describeTrainingRunStoreContract(name: string, open: () => Promise<Stores>): void {
  describe(`training run store contract: ${name}`, () => {
    it('records a run and reads it back unchanged, JSON and doubles included', async () => {
      const stores = await open();
      const run = trainingRun('01HR0000000000000000000001');
      await stores.runs.recordRun(run);
      expect(await stores.runs.getRun(run.id)).toEqual(run);
      expect(await stores.runs.getRun('01HRMISSING')).toBeUndefined();
    });

    it('lists newest first, filtered by model and limited', async () => {
      const stores = await open();
      await stores.runs.recordRun(trainingRun('01HR0000000000000000000001'));
      await stores.runs.recordRun(trainingRun('01HR0000000000000000000002', { model: 'cars', algorithm: 'ridge' }));
      await stores.runs.recordRun(trainingRun('01HR0000000000000000000003', { status: 'failed', packageDigest: null, packagePath: null, error: 'boom' }));
      expect((await stores.runs.listRuns()).map((r) => r.id.slice(-1))).toEqual(['3', '2', '1']);
      expect((await stores.runs.listRuns({ model: 'penguins' })).map((r) => r.id.slice(-1))).toEqual(['3', '1']);
      expect((await stores.runs.listRuns({ limit: 1 })).map((r) => r.id.slice(-1))).toEqual(['3']);
      expect((await stores.runs.getRun('01HR0000000000000000000003'))?.error).toBe('boom');
    });

    it('refuses to record the same run twice or an unknown status', async () => {
      const stores = await open();
      await stores.runs.recordRun(trainingRun('01HR0000000000000000000001'));
      await expect(stores.runs.recordRun(trainingRun('01HR0000000000000000000001'))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(stores.runs.recordRun(trainingRun('01HR0000000000000000000002', { status: 'running' as never }))).rejects.toThrow(/unknown run status "running"/);
    });
  });
}
