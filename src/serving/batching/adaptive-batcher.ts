// Merges concurrent prediction requests into one model run: no wait when idle, and while a run is in flight the next
// requests gather (up to maxBatchSize records, or maxWaitMs) to go together as the following run.
import { PitstopError } from '../../errors/index.js';

export interface AdaptiveBatcherOptions<I, O> {
  /** Most records in one run; a submission larger than this runs alone, in chunks of this size. */
  readonly maxBatchSize: number;
  /** How long a run waits for more records after the previous run, when fewer than maxBatchSize are queued. */
  readonly maxWaitMs: number;
  /** Scores a batch; must answer one output per item, in order. */
  readonly run: (items: I[]) => Promise<O[]>;
  /** Called after every run, successful or not, with its record count and duration. */
  readonly onBatch?: (size: number, durationMs: number) => void;
}

interface Submission<I, O> {
  readonly items: readonly I[];
  readonly resolve: (outputs: O[]) => void;
  readonly reject: (error: unknown) => void;
}

export class AdaptiveBatcher<I, O> {
  readonly maxBatchSize: number;
  readonly maxWaitMs: number;
  private readonly queue: Submission<I, O>[] = [];
  private queuedItems = 0;
  /** True from the moment work is queued on an idle batcher until the queue is empty and the last run finished. */
  private active = false;
  private stopWaiting: (() => void) | null = null;
  private drainWaiters: (() => void)[] = [];

  constructor(private readonly options: AdaptiveBatcherOptions<I, O>) {
    if (!(options.maxBatchSize >= 1)) throw new PitstopError('CONFIG_INVALID', `maxBatchSize must be at least 1, not ${options.maxBatchSize}`, { field: 'maxBatchSize' });
    if (!(options.maxWaitMs >= 0) || !Number.isFinite(options.maxWaitMs)) throw new PitstopError('CONFIG_INVALID', `maxWaitMs must be a finite number ≥ 0, not ${options.maxWaitMs}`, { field: 'maxWaitMs' });
    this.maxBatchSize = Math.floor(options.maxBatchSize);
    this.maxWaitMs = options.maxWaitMs;
  }

  /** Records waiting for a run (not counting the run in flight). */
  get queueDepth(): number {
    return this.queuedItems;
  }

  /** True while anything is queued or running. */
  get busy(): boolean {
    return this.active;
  }

  /** Scores `items` in some run, resolving with their outputs in order; rejects only if a run holding them fails. */
  submit(items: readonly I[]): Promise<O[]> {
    if (items.length === 0) return Promise.resolve([]);
    return new Promise<O[]>((resolve, reject) => {
      this.queue.push({ items, resolve, reject });
      this.queuedItems += items.length;
      if (!this.active) {
        this.active = true;
        // A microtask, not a timer: an idle batcher starts at once, yet submissions made in the same tick still merge.
        queueMicrotask(() => void this.step(true));
      } else if (this.stopWaiting && this.queuedItems >= this.maxBatchSize) {
        this.stopWaiting();
      }
    });
  }

  /** Resolves once nothing is queued or running. */
  drain(): Promise<void> {
    if (!this.active) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /**
   * One run: gather (unless the batcher was idle), take a batch, run it, then hand out the results and decide what is
   * next in the same synchronous step. Callers resumed by those results therefore find the batcher idle when the queue
   * was empty, and their next submission starts at once instead of waiting maxWaitMs behind a run that has finished.
   */
  private async step(fromIdle: boolean): Promise<void> {
    if (!fromIdle) await this.gather();
    const batch = this.takeBatch();
    const settle = batch.length === 1 && batch[0]!.items.length > this.maxBatchSize ? await this.runChunked(batch[0]!) : await this.runBatch(batch);
    settle();
    if (this.queue.length > 0) {
      void this.step(false);
      return;
    }
    this.active = false;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Waits up to maxWaitMs for the queue to fill to maxBatchSize. */
  private gather(): Promise<void> {
    if (this.maxWaitMs === 0 || this.queuedItems >= this.maxBatchSize) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.stopWaiting = null;
        resolve();
      };
      const timer = setTimeout(done, this.maxWaitMs);
      this.stopWaiting = done;
    });
  }

  /** Takes whole submissions, first come first served, while they fit; an oversized head submission is taken alone. */
  private takeBatch(): Submission<I, O>[] {
    const batch: Submission<I, O>[] = [];
    let size = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      if (batch.length > 0 && size + next.items.length > this.maxBatchSize) break;
      batch.push(this.queue.shift()!);
      size += next.items.length;
      this.queuedItems -= next.items.length;
    }
    return batch;
  }

  /** Runs the batch; returns what settles its submissions, to be called once the batcher's next move is known. */
  private async runBatch(batch: readonly Submission<I, O>[]): Promise<() => void> {
    const items = batch.flatMap((s) => s.items);
    try {
      const outputs = await this.runOnce(items);
      return () => {
        let offset = 0;
        for (const submission of batch) {
          submission.resolve(outputs.slice(offset, offset + submission.items.length));
          offset += submission.items.length;
        }
      };
    } catch (error) {
      return () => {
        for (const submission of batch) submission.reject(error);
      };
    }
  }

  private async runChunked(submission: Submission<I, O>): Promise<() => void> {
    const outputs: O[] = [];
    try {
      for (let start = 0; start < submission.items.length; start += this.maxBatchSize) {
        outputs.push(...(await this.runOnce(submission.items.slice(start, start + this.maxBatchSize))));
      }
      return () => submission.resolve(outputs);
    } catch (error) {
      return () => submission.reject(error);
    }
  }

  private async runOnce(items: I[]): Promise<O[]> {
    const started = performance.now();
    try {
      const outputs = await this.options.run(items);
      if (!Array.isArray(outputs) || outputs.length !== items.length) {
        throw new PitstopError('INTERNAL', `a batch of ${items.length} records produced ${Array.isArray(outputs) ? outputs.length : 'no'} outputs`);
      }
      return outputs;
    } finally {
      this.report(items.length, performance.now() - started);
    }
  }

  private report(size: number, durationMs: number): void {
    try {
      this.options.onBatch?.(size, durationMs);
    } catch {
      // A failing metrics callback must not wedge the batcher or fail the predictions it just made.
    }
  }
}
