// Reads feature rows for serving: each distinct key of a request batch once, in one store query per table, with an
// optional in-process cache (LRU with a TTL) that this process's own writes invalidate.
import type { FeatureChange, FeatureStore, FeatureTableRecord, StoredFeatureRow } from '../store/index.js';
import { TtlCache } from './ttl-cache.js';

export interface FeatureLookupOptions {
  /**
   * How long a row (or its absence) may be served from memory; 0 (the default) turns the cache off, so every batch
   * reads the database. Writes through this process's store are seen at once; other processes' after at most this.
   */
  readonly cacheTtlMs?: number;
  /** Most rows kept; the least recently used go first. Default 10,000. */
  readonly cacheMaxEntries?: number;
  readonly now?: () => number;
}

type LookupStore = Pick<FeatureStore, 'getTable' | 'getRows' | 'onChange'>;

const DEFAULT_MAX_ENTRIES = 10_000;

export class FeatureLookup {
  private readonly cache: TtlCache<string, StoredFeatureRow | null> | null;
  // Table definitions only ever gain columns, so a definition read once stays usable; see table().
  private readonly tables = new Map<string, FeatureTableRecord>();
  private readonly stopListening: () => void;
  // Bumped by every change: a read that started before one must not put what it read into the cache.
  private generation = 0;

  constructor(private readonly store: LookupStore, options: FeatureLookupOptions = {}) {
    const ttlMs = options.cacheTtlMs ?? 0;
    this.cache = ttlMs > 0 ? new TtlCache({ ttlMs, maxEntries: options.cacheMaxEntries ?? DEFAULT_MAX_ENTRIES, ...(options.now && { now: options.now }) }) : null;
    this.stopListening = store.onChange((change) => this.forget(change));
  }

  /**
   * A table's definition, or undefined when it does not exist. Kept once read (a missing table is asked again each
   * time, so a table loaded later is found); `fresh` reads it again, e.g. when a column seems to be missing.
   */
  async table(name: string, options: { fresh?: boolean } = {}): Promise<FeatureTableRecord | undefined> {
    const known = options.fresh ? undefined : this.tables.get(name);
    if (known) return known;
    const table = await this.store.getTable(name);
    if (table) this.tables.set(name, table);
    return table;
  }

  /** The rows of the keys the table has, by key; each distinct key not in the cache is read in one getRows call. */
  async rows(table: string, keys: readonly string[]): Promise<Map<string, StoredFeatureRow>> {
    if (!this.cache) return this.store.getRows(table, keys);
    const found = new Map<string, StoredFeatureRow>();
    const misses: string[] = [];
    for (const key of new Set(keys)) {
      const cached = this.cache.get(cacheKey(table, key));
      if (cached === undefined) misses.push(key);
      else if (cached !== null) found.set(key, cached);
    }
    if (misses.length === 0) return found;
    const generation = this.generation;
    const read = await this.store.getRows(table, misses);
    const cacheable = generation === this.generation;
    for (const key of misses) {
      const row = read.get(key);
      if (row) found.set(key, row);
      // Absent keys are cached too: a caller repeating an unknown id must not cost a query each time.
      if (cacheable) this.cache.set(cacheKey(table, key), row ?? null);
    }
    return found;
  }

  /** Stops following the store's changes. */
  close(): void {
    this.stopListening();
    this.cache?.clear();
  }

  private forget(change: FeatureChange): void {
    this.generation++;
    if (change.keys === null) {
      this.tables.delete(change.table);
      this.cache?.clear();
      return;
    }
    for (const key of change.keys) this.cache?.delete(cacheKey(change.table, key));
  }
}

// NUL cannot appear in a table name, so no two (table, key) pairs share a cache key.
function cacheKey(table: string, key: string): string {
  return `${table}\u0000${key}`;
}
