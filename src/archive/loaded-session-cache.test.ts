// The session cache's rules over a fake loaded value whose loads and releases are recorded: load once, retry a failed
// load, keep at most `capacity` idle entries (least recently used go first), never release an entry under its user.
import { describe, expect, it } from 'vitest';
import { LoadedSessionCache, type LoadedSessionCacheOptions } from './loaded-session-cache.js';

interface FakeSession {
  readonly key: string;
  readonly generation: number;
}

/** A cache of fake sessions, and the record of what it loaded and released, in order. */
function fakeCache(options: LoadedSessionCacheOptions = {}) {
  const loads: string[] = [];
  const releases: string[] = [];
  const cache = new LoadedSessionCache<FakeSession>(async (session) => {
    releases.push(session.key);
  }, options);
  const load = (key: string) => async () => {
    loads.push(key);
    return { key, generation: loads.length };
  };
  const use = (key: string, fn: (session: FakeSession) => Promise<unknown> = async () => undefined) => cache.use(key, load(key), fn);
  return { cache, loads, releases, use };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('LoadedSessionCache', () => {
  it('loads an entry once when several callers use it for the first time together, and they share it', async () => {
    const { cache, loads } = fakeCache();
    let calls = 0;
    const slowLoad = async () => {
      calls += 1;
      await new Promise((r) => setTimeout(r, 10));
      loads.push('a');
      return { key: 'a', generation: 1 };
    };
    const seen = await Promise.all([1, 2, 3].map(() => cache.use('a', slowLoad, async (session) => session)));
    expect(calls).toBe(1);
    expect(new Set(seen).size).toBe(1);
    expect(cache.size).toBe(1);
  });

  it('forgets a failed load, so the next use loads again, and tells every caller that shared it', async () => {
    const { cache, loads, releases } = fakeCache();
    let attempts = 0;
    const flaky = async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('package store unreachable');
      loads.push('a');
      return { key: 'a', generation: attempts };
    };
    const first = await Promise.allSettled([cache.use('a', flaky, async (s) => s), cache.use('a', flaky, async (s) => s)]);
    expect(first.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(cache.size).toBe(0);
    await expect(cache.use('a', flaky, async (s) => s.generation)).resolves.toBe(2);
    const syncThrow = () => {
      throw new Error('thrown before any await');
    };
    await expect(cache.use('b', syncThrow, async () => 'never')).rejects.toThrow('thrown before any await');
    expect(cache.size).toBe(1);
    await cache.close();
    expect(releases).toEqual(['a']);
  });

  it('keeps at most capacity idle entries, releasing the least recently used first', async () => {
    const { cache, loads, releases, use } = fakeCache({ capacity: 2 });
    await use('a');
    await use('b');
    await use('a'); // a is now more recent than b
    await use('c');
    expect(releases).toEqual(['b']);
    await use('d');
    expect(releases).toEqual(['b', 'a']);
    await use('c'); // still loaded
    expect(loads).toEqual(['a', 'b', 'c', 'd']);
    expect(cache.size).toBe(2);
  });

  it('releases an evicted session before loading the one that replaces it, so two are never loaded at capacity 1', async () => {
    const events: string[] = [];
    const cache = new LoadedSessionCache<string>(async (key) => void events.push(`release ${key}`), { capacity: 1 });
    const load = (key: string) => async () => (events.push(`load ${key}`), key);
    await cache.use('a', load('a'), async () => undefined);
    await cache.use('b', load('b'), async () => undefined);
    expect(events).toEqual(['load a', 'release a', 'load b']);
  });

  it('never releases an entry under its user: over capacity, it goes when its last user finishes', async () => {
    const { cache, releases, use } = fakeCache({ capacity: 1 });
    const [holdA, holdA2, holdB] = [deferred(), deferred(), deferred()];
    const usingA = use('a', () => holdA.promise);
    const usingA2 = use('a', () => holdA2.promise);
    const usingB = use('b', () => holdB.promise);
    await new Promise((r) => setTimeout(r, 10));
    expect(cache.size).toBe(2); // over capacity while both are in use
    expect(releases).toEqual([]);
    await use('c'); // an idle entry goes rather than a busy one
    expect(releases).toEqual(['c']);
    holdA.resolve();
    await usingA;
    expect(releases).toEqual(['c']); // a's second user still holds it
    holdA2.resolve();
    await usingA2;
    expect(releases).toEqual(['c', 'a']);
    holdB.resolve();
    await usingB;
    expect(releases).toEqual(['c', 'a']);
    expect(cache.size).toBe(1);
  });

  it('releases an entry idle longer than idleMs on the next use, and none still fresh', async () => {
    let now = 0;
    const { cache, releases, use } = fakeCache({ capacity: 4, idleMs: 1_000, now: () => now });
    await use('a');
    now = 500;
    await use('b');
    now = 1_200;
    await use('c');
    expect(releases).toEqual(['a']);
    expect(cache.size).toBe(2);
    now = 5_000;
    const hold = deferred();
    const usingC = use('c', () => hold.promise);
    await use('d');
    expect(releases).toEqual(['a', 'b']); // c is in use, so not idle, however old its last use
    hold.resolve();
    await usingC;
    expect(cache.size).toBe(2);
  });

  it('close waits for the uses under way, releases every entry, and a later use keeps nothing', async () => {
    const { cache, releases, use } = fakeCache({ capacity: 3 });
    await use('a');
    await use('b');
    const hold = deferred();
    let finished = false;
    const usingC = use('c', async () => {
      await hold.promise;
      finished = true;
    });
    const closing = cache.close();
    await new Promise((r) => setTimeout(r, 10));
    expect(releases).not.toContain('c');
    hold.resolve();
    await closing;
    await usingC;
    expect(finished).toBe(true);
    expect(releases.sort()).toEqual(['a', 'b', 'c']);
    expect(cache.size).toBe(0);
    await expect(use('late', async (session) => session.key)).resolves.toBe('late');
    expect(releases).toContain('late');
    expect(cache.size).toBe(0);
  });

  it('close reports a release that failed after releasing the others; an eviction that fails does not fail its caller', async () => {
    const released: string[] = [];
    const cache = new LoadedSessionCache<string>(async (key) => {
      if (key.startsWith('bad')) throw new Error(`cannot release ${key}`);
      released.push(key);
    }, { capacity: 1 });
    const load = (key: string) => async () => key;
    await cache.use('bad-1', load('bad-1'), async () => undefined);
    await expect(cache.use('a', load('a'), async () => 'answer')).resolves.toBe('answer');
    const other = new LoadedSessionCache<string>(async (key) => {
      if (key.startsWith('bad')) throw new Error(`cannot release ${key}`);
      released.push(key);
    }, { capacity: 3 });
    for (const key of ['x', 'bad-2', 'y']) await other.use(key, load(key), async () => undefined);
    await expect(other.close()).rejects.toThrow('cannot release bad-2');
    expect(released).toEqual(expect.arrayContaining(['x', 'y']));
  });

  it('refuses a capacity that is not a whole number of entries', () => {
    const release = async () => undefined;
    expect(() => new LoadedSessionCache(release, { capacity: -1 })).toThrow(RangeError);
    expect(() => new LoadedSessionCache(release, { capacity: 1.5 })).toThrow(RangeError);
    expect(() => new LoadedSessionCache(release, { capacity: Number.NaN })).toThrow(RangeError);
    expect(() => new LoadedSessionCache(release, { capacity: Number.POSITIVE_INFINITY })).not.toThrow();
  });
});
