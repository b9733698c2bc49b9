import { afterEach, describe, expect, it, vi } from 'vitest';
import { PitstopError } from '../../errors/index.js';
import { AdaptiveBatcher } from './adaptive-batcher.js';

/** A fake model run the test finishes by hand: each call is recorded with its items and a way to resolve or fail it. */
function controlledRun() {
  const calls: { items: number[]; finish: () => void; fail: (error: Error) => void }[] = [];
  const run = (items: number[]) =>
    new Promise<number[]>((resolve, reject) => {
      calls.push({ items, finish: () => resolve(items.map((x) => x * 10)), fail: reject });
    });
  return { run, calls };
}

/** A fake model run that takes `ms` of (real) time and multiplies each item by 10. */
function timedRun(ms: number) {
  const sizes: number[] = [];
  const run = async (items: number[]) => {
    sizes.push(items.length);
    await new Promise((resolve) => setTimeout(resolve, ms));
    return items.map((x) => x * 10);
  };
  return { run, sizes };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

afterEach(() => {
  vi.useRealTimers();
});

describe('AdaptiveBatcher', () => {
  describe('at low load', () => {
    it('starts a run for the first submission at once, without waiting maxWaitMs', async () => {
      vi.useFakeTimers();
      const { run, calls } = controlledRun();
      const batcher = new AdaptiveBatcher({ maxBatchSize: 64, maxWaitMs: 1000, run });
      const result = batcher.submit([1, 2]);
      await settle();
      expect(calls.map((c) => c.items)).toEqual([[1, 2]]);
      calls[0]!.finish();
      await expect(result).resolves.toEqual([10, 20]);
    });

    it('adds no wait to requests made one after another (concurrency 1), even with a long maxWaitMs', async () => {
      const { run, sizes } = timedRun(0);
      const batcher = new AdaptiveBatcher({ maxBatchSize: 64, maxWaitMs: 1000, run });
      const started = performance.now();
      for (let i = 0; i < 20; i++) expect(await batcher.submit([i])).toEqual([i * 10]);
      expect(performance.now() - started).toBeLessThan(500);
      expect(sizes).toEqual(Array(20).fill(1));
    });

    it('answers an empty submission with no run', async () => {
      const { run, calls } = controlledRun();
      const batcher = new AdaptiveBatcher({ maxBatchSize: 8, maxWaitMs: 2, run });
      await expect(batcher.submit([])).resolves.toEqual([]);
      expect(calls).toHaveLength(0);
    });
  });

  describe('under concurrency', () => {
    it('merges 100 concurrent single-record submissions into a few runs, none larger than maxBatchSize', async () => {
      const { run, sizes } = timedRun(5);
      const batcher = new AdaptiveBatcher({ maxBatchSize: 16, maxWaitMs: 2, run });
      const results = await Promise.all(Array.from({ length: 100 }, (_, i) => batcher.submit([i])));
      expect(results).toEqual(Array.from({ length: 100 }, (_, i) => [i * 10]));
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(100);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(16);
      expect(sizes.length).toBeLessThanOrEqual(8);
    });

    it('merges submissions that arrive one by one while a run is in flight into the next run', async () => {
      const { run, sizes } = timedRun(10);
      const batcher = new AdaptiveBatcher({ maxBatchSize: 64, maxWaitMs: 2, run });
      const pending: Promise<number[]>[] = [];
      for (let i = 0; i < 100; i++) {
        pending.push(batcher.submit([i]));
        if (i % 10 === 9) await new Promise((resolve) => setImmediate(resolve));
      }
      const results = await Promise.all(pending);
      expect(results.flat()).toEqual(Array.from({ length: 100 }, (_, i) => i * 10));
      expect(sizes.length).toBeLessThan(10);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(64);
    });

    it('keeps exactly one run in flight at a time', async () => {
      let running = 0;
      let most = 0;
      const run = async (items: number[]) => {
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 2));
        running--;
        return items;
      };
      const batcher = new AdaptiveBatcher({ maxBatchSize: 4, maxWaitMs: 0, run });
      await Promise.all(Array.from({ length: 40 }, (_, i) => batcher.submit([i])));
      expect(most).toBe(1);
    });

    it('gives each submission its own outputs, in order, when several share a run', async () => {
      const { run, calls } = controlledRun();
      const batcher = new AdaptiveBatcher({ maxBatchSize: 64, maxWaitMs: 0, run });
      const first = batcher.submit([1]);
      await settle();
      const a = batcher.submit([2, 3, 4]);
      const b = batcher.submit([5]);
      const c = batcher.submit([6, 7]);
      calls[0]!.finish();
      await settle();
      expect(calls.map((call) => call.items)).toEqual([[1], [2, 3, 4, 5, 6, 7]]);
      calls[1]!.finish();
      expect(await Promise.all([first, a, b, c])).toEqual([[10], [20, 30, 40], [50], [60, 70]]);
    });

    it('never splits a submission to fill a run: the next one waits for the following run', async () => {
      const { run, sizes } = timedRun(1);
      const batcher = new AdaptiveBatcher({ maxBatchSize: 4, maxWaitMs: 0, run });
      const results = await Promise.all([batcher.submit([1, 2, 3]), batcher.submit([4, 5, 6]), batcher.submit([7])]);
      expect(results).toEqual([[10, 20, 30], [40, 50, 60], [70]]);
      expect(sizes).toEqual([3, 4]);
    });

    it('runs a submission larger than maxBatchSize alone, in chunks, and joins the outputs in order', async () => {
      const { run, sizes } = timedRun(1);
      const batcher = new AdaptiveBatcher({ maxBatchSize: 4, maxWaitMs: 0, run });
      const big = Array.from({ length: 10 }, (_, i) => i);
      const [small, large] = await Promise.all([batcher.submit([99]), batcher.submit(big)]);
      expect(small).toEqual([990]);
      expect(large).toEqual(big.map((x) => x * 10));
      expect(sizes).toEqual([1, 4, 4, 2]);
    });
  });

  describe('waiting for more', () => {
    it('after a run, waits at most maxWaitMs for a short queue to fill, merging what arrives meanwhile', async () => {
      vi.useFakeTimers();
      const { run, calls } = controlledRun();
      const batcher = new AdaptiveBatcher({ maxBatchSize: 8, maxWaitMs: 5, run });
      void batcher.submit([1]);
      await settle();
      const second = batcher.submit([2]);
      calls[0]!.finish();
      await settle();
      expect(calls).toHaveLength(1);
      vi.advanceTimersByTime(3);
      const third = batcher.submit([3]);
      await settle();
      expect(calls).toHaveLength(1);
      vi.advanceTimersByTime(2);
      await settle();
      expect(calls.map((c) => c.items)).toEqual([[1], [2, 3]]);
      calls[1]!.finish();
      expect(await Promise.all([second, third])).toEqual([[20], [30]]);
    });

    it('stops waiting as soon as the queue reaches maxBatchSize', async () => {
      vi.useFakeTimers();
      const { run, calls } = controlledRun();
      const batcher = new AdaptiveBatcher({ maxBatchSize: 3, maxWaitMs: 1000, run });
      void batcher.submit([1]);
      await settle();
      void batcher.submit([2]);
      calls[0]!.finish();
      await settle();
      expect(calls).toHaveLength(1);
      void batcher.submit([3, 4]);
      await settle();
      expect(calls.map((c) => c.items)).toEqual([[1], [2, 3, 4]]);
    });

    it('does not wait when maxWaitMs is 0', async () => {
      vi.useFakeTimers();
      const { run, calls } = controlledRun();
      const batcher = new AdaptiveBatcher({ maxBatchSize: 8, maxWaitMs: 0, run });
      void batcher.submit([1]);
      await settle();
      void batcher.submit([2]);
      calls[0]!.finish();
      await settle();
      expect(calls.map((c) => c.items)).toEqual([[1], [2]]);
    });
  });

  describe('errors', () => {
    it('rejects only the submissions in the failed run; earlier and later runs succeed', async () => {
      const { run, calls } = controlledRun();
      const batcher = new AdaptiveBatcher({ maxBatchSize: 8, maxWaitMs: 0, run });
      const before = batcher.submit([1]);
      await settle();
      const doomedA = batcher.submit([2]);
      const doomedB = batcher.submit([3, 4]);
      calls[0]!.finish();
      await settle();
      const failure = new PitstopError('INTERNAL', 'the model crashed');
      calls[1]!.fail(failure);
      await expect(doomedA).rejects.toBe(failure);
      await expect(doomedB).rejects.toBe(failure);
      const after = batcher.submit([5]);
      await settle();
      calls[2]!.finish();
      await expect(before).resolves.toEqual([10]);
      await expect(after).resolves.toEqual([50]);
    });

    it('rejects a chunked submission when any of its chunks fails, and carries on with the next', async () => {
      const run = async (items: number[]) => {
        if (items.includes(5)) throw new Error('bad record');
        return items;
      };
      const batcher = new AdaptiveBatcher({ maxBatchSize: 2, maxWaitMs: 0, run });
      const big = batcher.submit([1, 2, 3, 4, 5, 6]);
      const next = batcher.submit([7]);
      await expect(big).rejects.toThrow('bad record');
      await expect(next).resolves.toEqual([7]);
    });

    it('rejects with INTERNAL when a run answers the wrong number of outputs', async () => {
      const batcher = new AdaptiveBatcher<number, number>({ maxBatchSize: 8, maxWaitMs: 0, run: async (items) => items.slice(1) });
      await expect(batcher.submit([1, 2])).rejects.toMatchObject({ code: 'INTERNAL' });
    });

    it('survives a run that throws synchronously and an onBatch callback that throws', async () => {
      let calls = 0;
      const run = (items: number[]): Promise<number[]> => {
        if (calls++ === 0) throw new Error('thrown before any promise');
        return Promise.resolve(items);
      };
      const batcher = new AdaptiveBatcher({ maxBatchSize: 8, maxWaitMs: 0, run, onBatch: () => { throw new Error('metrics broke'); } });
      await expect(batcher.submit([1])).rejects.toThrow('thrown before any promise');
      await expect(batcher.submit([2])).resolves.toEqual([2]);
    });

    it('refuses a maxBatchSize below 1 or a negative maxWaitMs', () => {
      const run = async (items: number[]) => items;
      expect(() => new AdaptiveBatcher({ maxBatchSize: 0, maxWaitMs: 2, run })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', field: 'maxBatchSize' }));
      expect(() => new AdaptiveBatcher({ maxBatchSize: 4, maxWaitMs: -1, run })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', field: 'maxWaitMs' }));
    });
  });

  describe('stats and drain', () => {
    it('reports each run to onBatch with its size and duration, and counts queued records in queueDepth', async () => {
      const { run, calls } = controlledRun();
      const batches: [number, number][] = [];
      const batcher = new AdaptiveBatcher({ maxBatchSize: 8, maxWaitMs: 0, run, onBatch: (size, ms) => batches.push([size, ms]) });
      void batcher.submit([1]);
      await settle();
      expect(batcher.queueDepth).toBe(0);
      void batcher.submit([2, 3]);
      void batcher.submit([4]);
      expect(batcher.queueDepth).toBe(3);
      calls[0]!.finish();
      await settle();
      expect(batcher.queueDepth).toBe(0);
      calls[1]!.finish();
      await batcher.drain();
      expect(batches.map(([size]) => size)).toEqual([1, 3]);
      for (const [, ms] of batches) expect(ms).toBeGreaterThanOrEqual(0);
    });

    it('drain resolves at once when idle, and otherwise only after every queued and running submission settled', async () => {
      const { run, calls } = controlledRun();
      const batcher = new AdaptiveBatcher({ maxBatchSize: 1, maxWaitMs: 0, run });
      await batcher.drain();
      const settled: string[] = [];
      void batcher.submit([1]).then(() => settled.push('first'));
      void batcher.submit([2]).catch(() => settled.push('second failed'));
      const drained = batcher.drain().then(() => settled.push('drained'));
      await settle();
      calls[0]!.finish();
      await settle();
      expect(settled).toEqual(['first']);
      expect(batcher.busy).toBe(true);
      calls[1]!.fail(new Error('no'));
      await drained;
      expect(settled).toEqual(['first', 'second failed', 'drained']);
      expect(batcher.busy).toBe(false);
    });
  });
});
