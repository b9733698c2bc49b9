// Keeps a few expensive loaded things (ONNX sessions of old versions) by key, so a long-running server that replays or
// explains many versions holds at most `capacity` of them instead of every version it ever touched.

export interface LoadedSessionCacheOptions {
  /** Entries kept loaded when nobody uses them; the least recently used go first. Default 4. */
  readonly capacity?: number;
  /** An entry nobody has used for this long is released on the next use of the cache. Default 10 minutes. */
  readonly idleMs?: number;
  /** Milliseconds now; tests pass a fake clock. */
  readonly now?: () => number;
}

/** For one bulk run (replay-range, export-audit): every entry stays until close(), so each package loads once. */
export const KEEP_UNTIL_CLOSED: LoadedSessionCacheOptions = { capacity: Number.POSITIVE_INFINITY, idleMs: Number.POSITIVE_INFINITY };

const DEFAULT_CAPACITY = 4;
const DEFAULT_IDLE_MS = 10 * 60_000;

interface Entry<T> {
  /** Set once, right after the entry is mapped (its load waits for the room it makes). */
  loading: Promise<T>;
  users: number;
  /** When its last user finished. */
  idleSince: number;
}

/**
 * Entries by key, each loaded once even when first used by several callers at the same time. A failed load is
 * forgotten, so the next use retries. An entry in use is never released under its user: the cache may hold more than
 * `capacity` entries while they are all in use, and trims back to it as users finish.
 */
export class LoadedSessionCache<T> {
  // Map order is recency order: a use moves its entry to the end, so the first idle entries are the least recently used.
  private readonly entries = new Map<string, Entry<T>>();
  private readonly running = new Set<Promise<unknown>>();
  private readonly capacity: number;
  private readonly idleMs: number;
  private readonly now: () => number;
  private closed = false;

  constructor(private readonly release: (value: T) => Promise<void>, options: LoadedSessionCacheOptions = {}) {
    this.capacity = options.capacity ?? DEFAULT_CAPACITY;
    this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.now = options.now ?? Date.now;
    if (!(this.capacity >= 0) || (Number.isFinite(this.capacity) && !Number.isInteger(this.capacity))) throw new RangeError(`capacity must be a whole number ≥ 0, not ${this.capacity}`);
    if (!(this.idleMs >= 0)) throw new RangeError(`idleMs must be ≥ 0, not ${this.idleMs}`);
  }

  /** Runs fn with the entry for key (calling load the first time), holding it loaded until fn settles. */
  use<R>(key: string, load: () => Promise<T>, fn: (value: T) => Promise<R>): Promise<R> {
    const run = this.run(key, load, fn);
    this.running.add(run);
    const forget = () => this.running.delete(run);
    run.then(forget, forget);
    return run;
  }

  /** How many entries are loaded or loading (in use or not). */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Waits for the uses under way to finish, then releases every entry; rejects with the first release that failed,
   * after trying them all. A use after close still works, but keeps nothing: its entry is released when it finishes.
   */
  async close(): Promise<void> {
    this.closed = true;
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
    const remaining = [...this.entries.values()];
    this.entries.clear();
    const failed = (await Promise.allSettled(remaining.map((entry) => this.releaseEntry(entry)))).find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
  }

  private async run<R>(key: string, load: () => Promise<T>, fn: (value: T) => Promise<R>): Promise<R> {
    const entry = this.acquire(key, load);
    try {
      let value: T;
      try {
        value = await entry.loading;
      } catch (error) {
        if (this.entries.get(key) === entry) this.entries.delete(key);
        throw error;
      }
      return await fn(value);
    } finally {
      entry.users -= 1;
      entry.idleSince = this.now();
      await this.trim();
    }
  }

  private acquire(key: string, load: () => Promise<T>): Entry<T> {
    const found = this.entries.get(key);
    if (found) {
      this.entries.delete(key);
      this.entries.set(key, found);
      found.users += 1;
      return found;
    }
    const made = { users: 1, idleSince: this.now() } as Entry<T>;
    this.entries.set(key, made);
    // Make room first (the new entry, in use, is not a candidate), so an evicted session is freed before this one
    // takes its memory. Inside then(), a load that throws at once rejects like any other failure.
    made.loading = this.trim().then(() => load());
    return made;
  }

  /** Releases idle entries beyond capacity (least recently used first) and those idle longer than idleMs. */
  private async trim(): Promise<void> {
    const capacity = this.closed ? 0 : this.capacity;
    const expiredBefore = this.now() - this.idleMs;
    let excess = this.entries.size - capacity;
    const victims: Entry<T>[] = [];
    for (const [key, entry] of this.entries) {
      if (entry.users > 0) continue;
      if (excess > 0 || entry.idleSince < expiredBefore) {
        this.entries.delete(key);
        victims.push(entry);
        excess -= 1;
      }
    }
    // A release that fails is not the caller's problem: its own answer is right, and the entry is out of the cache either way.
    await Promise.allSettled(victims.map((entry) => this.releaseEntry(entry)));
  }

  private async releaseEntry(entry: Entry<T>): Promise<void> {
    // An idle entry has loaded: a failed load is removed by its users before they let go of it.
    await this.release(await entry.loading);
  }
}
