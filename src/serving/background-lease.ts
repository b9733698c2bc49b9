// Background work that must run once across replicas (monitoring passes, alert evaluation, retention, archive
// verification) runs only on the replica holding the `background` lease. The holder renews it every renewMs; a
// replica that dies stops renewing, and another takes the lease once it expires (within ttlMs + renewMs).
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { LeaseStore } from '../store/index.js';

export interface BackgroundLeaseOptions {
  readonly name?: string;
  /** How long a lease lasts without renewal; default 20 s, so a successor takes over within 25 s. */
  readonly ttlMs?: number;
  /** How often the holder renews and the others try; default 5 s. */
  readonly renewMs?: number;
  readonly onChange?: (held: boolean) => void;
}

export class BackgroundLease {
  readonly holder = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private held = false;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private readonly name: string;
  private readonly ttlMs: number;

  constructor(private readonly leases: LeaseStore, private readonly options: BackgroundLeaseOptions = {}) {
    this.name = options.name ?? 'background';
    this.ttlMs = options.ttlMs ?? 20_000;
  }

  /** Whether this replica may run the background work now. */
  get isHeld(): boolean {
    return this.held;
  }

  start(): void {
    void this.tick();
    this.timer ??= setInterval(() => void this.tick(), this.options.renewMs ?? 5_000);
    this.timer.unref();
  }

  /** Tries to take or renew the lease once. A failure (e.g. the database is down) counts as not holding it. */
  tick(): Promise<void> {
    this.ticking ??= this.leases
      .acquire(this.name, this.holder, this.ttlMs)
      .catch(() => false)
      .then((held) => this.set(held))
      .finally(() => (this.ticking = null));
    return this.ticking;
  }

  /** Stops renewing and, on a clean shutdown, releases the lease so another replica need not wait. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking?.catch(() => undefined);
    if (this.held) await this.leases.release(this.name, this.holder).catch(() => undefined);
    this.set(false);
  }

  private set(held: boolean): void {
    if (held === this.held) return;
    this.held = held;
    this.options.onChange?.(held);
  }
}
