// A small least-recently-used cache whose entries also expire: what the feature lookup keeps between requests.

export class TtlCache<K, V> {
  // A Map iterates in insertion order; re-inserting on every hit keeps the least recently used entry first.
  private readonly entries = new Map<K, { value: V; expires: number }>();

  constructor(private readonly options: { readonly ttlMs: number; readonly maxEntries: number; readonly now?: () => number }) {}

  get size(): number {
    return this.entries.size;
  }

  /** The entry, or undefined when it is absent or has expired. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (entry.expires <= this.now()) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, expires: this.now() + this.options.ttlMs });
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
