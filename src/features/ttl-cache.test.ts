import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache.js';

describe('TtlCache', () => {
  it('forgets an entry once its time is up', () => {
    let now = 1000;
    const cache = new TtlCache<string, number>({ ttlMs: 50, maxEntries: 10, now: () => now });
    cache.set('a', 1);
    now += 49;
    expect(cache.get('a')).toBe(1);
    now += 1;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('evicts the least recently used entry when full', () => {
    const cache = new TtlCache<string, number>({ ttlMs: 1000, maxEntries: 2 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
  });

  it('keeps null as a value, distinct from absence', () => {
    const cache = new TtlCache<string, number | null>({ ttlMs: 1000, maxEntries: 2 });
    cache.set('gone', null);
    expect(cache.get('gone')).toBeNull();
    cache.delete('gone');
    expect(cache.get('gone')).toBeUndefined();
  });
});
