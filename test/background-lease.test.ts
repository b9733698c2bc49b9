// One replica at a time runs the background work: the lease is taken by one, renewed while it lives, refused to the
// others, and taken over by another within its expiry once the holder dies (here: stops reaching the database).
import { describe, expect, it } from 'vitest';
import { BackgroundLease } from '../src/serving/background-lease.js';
import { openMetadataStore, type LeaseStore } from '../src/store/index.js';
import { testBackends } from './fixtures/backends.js';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await wait(20);
  }
  return Date.now() - started;
}

for (const backend of testBackends()) {
  describe.skipIf(backend.skipReason !== '')(`the background lease on ${backend.name}${backend.skipReason ? ` (skipped: ${backend.skipReason})` : ''}`, () => {
    it('is held by one holder at a time, renewed by it, and free again after it expires', async () => {
      const { store } = await backend.open();
      expect(await store.leases.acquire('work', 'a', 400)).toBe(true);
      expect(await store.leases.acquire('work', 'b', 400)).toBe(false);
      expect(await store.leases.acquire('work', 'a', 400)).toBe(true);
      const renewed = await store.leases.get('work');
      await wait(450);
      expect(await store.leases.acquire('work', 'b', 400)).toBe(true);
      expect(await store.leases.get('work')).toMatchObject({ holder: 'b' });
      expect(renewed).toMatchObject({ holder: 'a' });
      await store.leases.release('work', 'a');
      expect(await store.leases.get('work')).toMatchObject({ holder: 'b' });
      await store.leases.release('work', 'b');
      expect(await store.leases.get('work')).toBeUndefined();
    });

    // Replicas of one SQLite file are separate processes; four connections in this one process would wait on each
    // other synchronously (better-sqlite3 blocks the thread), so the race runs on PostgreSQL only.
    it.skipIf(backend.name === 'sqlite')('lets exactly one of several racing replicas take a free lease', async () => {
      const { store, url } = await backend.open();
      const others = await Promise.all([1, 2, 3].map(() => openMetadataStore(url)));
      try {
        const results = await Promise.all([store, ...others].map((s, i) => s.leases.acquire('race', `replica-${i}`, 5_000)));
        expect(results.filter(Boolean)).toHaveLength(1);
      } finally {
        await Promise.all(others.map((s) => s.close()));
      }
    });

    it('passes to another replica within the lease time when the holder dies, and never to two at once', async () => {
      const { store, url } = await backend.open();
      const second = await openMetadataStore(url);
      let alive = true;
      // The first replica "dies": from some moment its database calls fail, as when its process is gone.
      const dying: LeaseStore = {
        acquire: (...args) => (alive ? store.leases.acquire(...args) : Promise.reject(new Error('gone'))),
        release: (...args) => store.leases.release(...args),
        get: (name) => store.leases.get(name),
      };
      const a = new BackgroundLease(dying, { ttlMs: 600, renewMs: 100 });
      const b = new BackgroundLease(second.leases, { ttlMs: 600, renewMs: 100 });
      let both = 0;
      const watcher = setInterval(() => (a.isHeld && b.isHeld ? both++ : undefined), 10);
      try {
        a.start();
        await until(() => a.isHeld, 2_000);
        b.start();
        await wait(400);
        expect([a.isHeld, b.isHeld]).toEqual([true, false]);
        alive = false;
        const takeoverMs = await until(() => b.isHeld, 2_000);
        // Within the lease time plus one renewal interval.
        expect(takeoverMs).toBeLessThanOrEqual(600 + 100 + 300);
        expect(a.isHeld).toBe(false);
        expect(both).toBe(0);
      } finally {
        clearInterval(watcher);
        await a.stop();
        await b.stop();
        await second.close();
      }
    });
  });
}
