// The prediction log: every answered prediction is journaled synchronously, then written to the database in batches
// off the request path. If the database is down, journal files wait on disk and are replayed when it returns.
import fs from 'node:fs';
import type { PredictionLogStore, PredictionRecord } from '../store/index.js';
import { PredictionJournal, readJournal } from './prediction-journal.js';

export interface PredictionLogOptions {
  /** Where journal files live (PITSTOP_HOME/spool). */
  readonly spoolDirectory: string;
  /** How often queued records are written to the database. */
  readonly flushIntervalMs?: number;
  readonly onError?: (error: unknown) => void;
  readonly onFlush?: (count: number) => void;
}

const MAX_RETRY_DELAY_MS = 2_000;

/** A journaled log of any record type: `write` puts a batch in the database (idempotently: ids already there are skipped). */
export class JournaledLog<T> {
  private readonly journal: PredictionJournal<T>;
  /** Records appended since the journal file was last rotated. */
  private current: T[] = [];
  /** Closed journal files of this process, with their records, until they are in the database. */
  private readonly closed = new Map<string, T[]>();
  /** recordDurably calls not yet written, written together once the current microtask round has run. */
  private pending: { records: readonly T[]; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private followUp: Promise<void> | null = null;
  private failures = 0;
  /** After a failed write the background flusher backs off (up to 2 s): each try may wait on a database lock. */
  private retryAt = 0;

  constructor(private readonly write: (records: T[]) => Promise<void>, private readonly options: PredictionLogOptions) {
    this.journal = new PredictionJournal<T>(options.spoolDirectory);
  }

  /** Starts the background flusher, first replaying journals left by earlier processes. */
  start(): void {
    this.timer ??= setInterval(() => void (this.flushing === null && Date.now() >= this.retryAt ? this.flush() : undefined), this.options.flushIntervalMs ?? 100);
    this.timer.unref();
  }

  /** Records answered predictions; durable (journaled) when this returns, in the database soon after. */
  record(records: readonly T[]): void {
    if (records.length === 0) return;
    this.writePending();
    this.journal.append(records);
    this.current.push(...records);
  }

  /**
   * Like record, durable when the promise resolves; callers in the same microtask round share one journal write
   * (a batch of 64 answers used to cost 64 writes). A caller answers only after it resolves, so nothing answered is
   * ever missing from the journal; a failed write rejects every caller of that turn.
   */
  recordDurably(records: readonly T[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.pending.push({ records, resolve, reject });
      // A microtask, not a timer: callers resumed by one batch's results reach here in the same microtask round, so
      // they share the write, and no caller waits for another turn of the event loop.
      if (this.pending.length === 1) queueMicrotask(() => this.writePending());
    });
  }

  /** Records this process journaled that are not in the database yet. */
  get queueDepth(): number {
    let depth = this.current.length;
    for (const records of this.closed.values()) depth += records.length;
    return depth;
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  /**
   * Writes everything journaled so far to the database; safe to call concurrently. A flush already running took
   * its records before the caller's, so the caller gets one that starts after it.
   */
  flush(): Promise<void> {
    if (!this.flushing) {
      this.flushing = this.flushOnce().finally(() => (this.flushing = null));
      return this.flushing;
    }
    this.followUp ??= this.flushing.then(() => {
      this.followUp = null;
      return this.flush();
    });
    return this.followUp;
  }

  /** Stops the flusher after a last flush; what cannot be written stays journaled for the next start. */
  async close(): Promise<void> {
    this.writePending();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
    this.journal.close();
  }

  private writePending(): void {
    if (this.pending.length === 0) return;
    const callers = this.pending;
    this.pending = [];
    const records = callers.length === 1 ? callers[0]!.records : callers.flatMap((c) => c.records);
    try {
      this.journal.append(records);
    } catch (error) {
      for (const caller of callers) caller.reject(error);
      return;
    }
    this.current.push(...records);
    for (const caller of callers) caller.resolve();
  }

  private async flushOnce(): Promise<void> {
    // Rotating first means every record appended so far is in a closed file we own.
    const rotated = this.journal.rotate();
    if (rotated) this.closed.set(rotated, this.current);
    this.current = [];
    for (const file of this.journal.orphans()) {
      // Our own files' records are still in memory; only files left by dead processes are read back.
      const records = this.closed.get(file) ?? readJournal<T>(file);
      try {
        await this.write(records);
        fs.rmSync(file, { force: true });
        this.closed.delete(file);
        this.failures = 0;
        this.retryAt = 0;
        this.options.onFlush?.(records.length);
      } catch (error) {
        this.failures++;
        this.retryAt = Date.now() + Math.min(MAX_RETRY_DELAY_MS, 100 * 2 ** this.failures);
        this.options.onError?.(error);
        return;
      }
    }
  }
}

/** The prediction log: journaled, then written to the predictions table. */
export class PredictionLog extends JournaledLog<PredictionRecord> {
  constructor(store: PredictionLogStore, options: PredictionLogOptions) {
    super((records) => store.insertPredictions(records), options);
  }
}
