// When KyselyStoreSession retries after a lost connection, decided over a fake adapter whose transactions fail on cue.
// (src/store/postgres/connection-loss.test.ts shows the same on a real PostgreSQL behind a proxy that cuts it off.)
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { PitstopError } from '../errors/index.js';
import type { Database } from './database-schema.js';
import type { DialectAdapter } from './dialect-adapter.js';
import { KyselyStoreSession } from './kysely-store-session.js';

class ConnectionLost extends Error {}

/** Where an attempt fails: before the body runs (BEGIN), after it finished (COMMIT), or not at all. */
type Failure = 'begin' | 'commit' | 'other' | 'none';

/** A fake adapter whose nth transaction or read fails as `failures[n]` says (and succeeds past the end of the list). */
function fakeAdapter(failures: Failure[], connectionLossRetryMs = 2_000) {
  let attempts = 0;
  const failNext = (stage: 'begin' | 'commit') => {
    if (stage === 'begin') attempts++;
    const failure = failures[attempts - 1] ?? 'none';
    if (failure === stage) throw new ConnectionLost('Connection terminated unexpectedly');
    if (failure === 'other' && stage === 'begin') throw new Error('syntax error');
  };
  const db = {} as Kysely<Database>;
  const adapter = {
    name: 'postgres',
    location: 'postgres://fake',
    db,
    connectionLossRetryMs,
    async writeTransaction(fn: (trx: Kysely<Database>) => Promise<unknown>) {
      failNext('begin');
      const result = await fn(db);
      failNext('commit');
      return result;
    },
    isConnectionLoss: (error: unknown) => error instanceof ConnectionLost,
    translateError: (error: unknown) =>
      error instanceof ConnectionLost ? new PitstopError('DATABASE_UNAVAILABLE', `cannot reach PostgreSQL: ${error.message}`, { cause: error }) : error,
  } as unknown as DialectAdapter;
  return { adapter, attempts: () => attempts, read: () => failNext('begin') };
}

function counting(): { body: () => Promise<string>; runs: () => number } {
  let runs = 0;
  return { body: async () => { runs++; return 'done'; }, runs: () => runs };
}

const session = (adapter: DialectAdapter) => new KyselyStoreSession(adapter, () => new Date());

describe('KyselyStoreSession after a lost connection', () => {
  it('runs a write again when the connection was lost before its body finished', async () => {
    const fake = fakeAdapter(['begin', 'begin', 'none']);
    const { body, runs } = counting();
    await expect(session(fake.adapter).write(body)).resolves.toBe('done');
    expect(fake.attempts()).toBe(3);
    expect(runs()).toBe(1);
  });

  it('does not run a write again when the connection was lost during COMMIT, and throws DATABASE_UNAVAILABLE', async () => {
    const fake = fakeAdapter(['commit', 'none']);
    const { body, runs } = counting();
    await expect(session(fake.adapter).write(body)).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE', cause: expect.any(ConnectionLost) });
    expect(fake.attempts()).toBe(1);
    expect(runs()).toBe(1);
  });

  it('leaves writers that wait briefly for locks, or opt out, to retry on their own', async () => {
    for (const options of [{ lockWaitMs: 200 }, { retryOnConnectionLoss: false }]) {
      const fake = fakeAdapter(['begin', 'none']);
      await expect(session(fake.adapter).write(counting().body, options)).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
      expect(fake.attempts()).toBe(1);
    }
    const optedIn = fakeAdapter(['begin', 'none']);
    await expect(session(optedIn.adapter).write(counting().body, { lockWaitMs: 200, retryOnConnectionLoss: true })).resolves.toBe('done');
    expect(optedIn.attempts()).toBe(2);
  });

  it('does not retry errors other than a lost connection', async () => {
    const fake = fakeAdapter(['other', 'none']);
    await expect(session(fake.adapter).write(counting().body)).rejects.toThrow('syntax error');
    expect(fake.attempts()).toBe(1);
  });

  it('retries a read, and gives up with the last error once the budget is spent', async () => {
    const recovers = fakeAdapter(['begin', 'begin', 'none']);
    await expect(session(recovers.adapter).read(async () => { recovers.read(); return 'rows'; })).resolves.toBe('rows');
    expect(recovers.attempts()).toBe(3);

    const down = fakeAdapter(Array(100).fill('begin'), 350);
    const started = Date.now();
    await expect(session(down.adapter).read(async () => down.read())).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(340);
    expect(elapsed).toBeLessThan(1_000);
    // Attempts at 0, 100, 300 and 350 ms: the waits double, and the last one is cut short by the budget (a timer
    // firing a millisecond early may squeeze in one more).
    expect(down.attempts()).toBeGreaterThanOrEqual(4);
    expect(down.attempts()).toBeLessThanOrEqual(5);
  });

  it('never retries when the adapter has no retry budget (SQLite)', async () => {
    const fake = fakeAdapter(['begin', 'none'], 0);
    await expect(session(fake.adapter).read(async () => fake.read())).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    expect(fake.attempts()).toBe(1);
  });
});
