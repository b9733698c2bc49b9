import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/fixtures/test-databases.js';
import { fastUlid } from '../ids/index.js';
import { openMetadataStore, type PredictionRecord, type Stores } from '../store/index.js';
import { FeedbackService } from './feedback-service.js';

function prediction(id: string): PredictionRecord {
  return { id, at: new Date().toISOString(), model: 'm', version: 1, packageDigest: 'd'.repeat(64), caller: null, requestId: null, route: 'primary', input: { x: 1 }, output: { value: 1 }, latencyMs: 1 };
}

const opened: Stores[] = [];
afterAll(async () => {
  for (const stores of opened) await stores.close();
});

async function service(waitForOtherReplicasMs?: number) {
  const stores = await openMetadataStore(`sqlite:${path.join(await tempDir('pitstop-feedback-'), 'pitstop.db')}`);
  opened.push(stores);
  return { stores, feedback: new FeedbackService({ labels: stores.labels, predictions: stores.predictions, ...(waitForOtherReplicasMs === undefined ? {} : { waitForOtherReplicasMs }) }) };
}

describe('labels for predictions another replica has not written yet', () => {
  it('waits for a prediction made moments ago to reach the database, then stores its label once', async () => {
    const { stores, feedback } = await service();
    const id = fastUlid();
    // Another replica's log writes the prediction 400 ms after the label arrives here.
    const written = new Promise((resolve) => setTimeout(resolve, 400)).then(() => stores.predictions.insertPredictions([prediction(id)]));
    const started = Date.now();
    const [label] = await feedback.addLabels([{ predictionId: id, actual: 1 }], 'alice');
    await written;
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(label).toMatchObject({ predictionId: id, actual: 1 });
    expect(await feedback.labelHistory(id)).toHaveLength(1);
  });

  it('answers PREDICTION_NOT_FOUND at once for an id that is old or not a ULID, and after the wait for a recent one', async () => {
    const { feedback } = await service(300);
    for (const id of [fastUlid(Date.now() - 60_000), 'no-such-prediction']) {
      const started = Date.now();
      await expect(feedback.addLabels([{ predictionId: id, actual: 1 }], 'alice')).rejects.toMatchObject({ code: 'PREDICTION_NOT_FOUND' });
      expect(Date.now() - started).toBeLessThan(250);
    }
    const started = Date.now();
    await expect(feedback.labelHistory(fastUlid())).rejects.toMatchObject({ code: 'PREDICTION_NOT_FOUND' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });
});
