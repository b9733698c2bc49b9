// Leases over Kysely: a named piece of background work held by one replica until its lease expires. Taking or
// renewing one is a single write transaction, so two replicas can never both hold it; a replica that dies simply
// stops renewing, and the lease passes on once it expires.
import type { KyselyStoreSession } from './kysely-store-session.js';

export interface Lease {
  readonly name: string;
  readonly holder: string;
  readonly acquiredAt: string;
  readonly expiresAt: string;
}

export interface LeaseStore {
  /** Takes the lease when it is free or expired, or renews it when `holder` has it; returns whether `holder` holds it now. */
  acquire(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up at once (on a clean shutdown), so another replica need not wait for it to expire. */
  release(name: string, holder: string): Promise<void>;
  get(name: string): Promise<Lease | undefined>;
}

export class KyselyLeaseStore implements LeaseStore {
  constructor(private readonly session: KyselyStoreSession) {}

  async acquire(name: string, holder: string, ttlMs: number): Promise<boolean> {
    return this.session.write(async (trx) => {
      const now = this.session.now();
      const expiresAt = new Date(Date.parse(now) + ttlMs).toISOString();
      // A race for a lease nobody held yet: the primary key lets one insert win and the others fall through.
      const inserted = await trx.insertInto('leases').values({ name, holder, acquired_at: now, expires_at: expiresAt }).onConflict((oc) => oc.column('name').doNothing()).executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return true;
      let query = trx.selectFrom('leases').selectAll().where('name', '=', name);
      // PostgreSQL: lock the row against a concurrent renewal; SQLite's write transaction already holds the write lock.
      if (this.session.adapter.name === 'postgres') query = query.forUpdate();
      const current = await query.executeTakeFirstOrThrow();
      if (current.holder !== holder && current.expires_at > now) return false;
      const acquiredAt = current.holder === holder ? current.acquired_at : now;
      await trx.updateTable('leases').set({ holder, acquired_at: acquiredAt, expires_at: expiresAt }).where('name', '=', name).execute();
      return true;
    }, { lockWaitMs: 1_000, retryOnConnectionLoss: false }); // BackgroundLease tries again on its next tick
  }

  async release(name: string, holder: string): Promise<void> {
    // Called on shutdown, which should not wait out an outage: the lease expires on its own anyway.
    await this.session.write((trx) => trx.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder).execute(), { retryOnConnectionLoss: false });
  }

  async get(name: string): Promise<Lease | undefined> {
    const row = await this.session.read((db) => db.selectFrom('leases').selectAll().where('name', '=', name).executeTakeFirst());
    return row && { name: row.name, holder: row.holder, acquiredAt: row.acquired_at, expiresAt: row.expires_at };
  }
}
