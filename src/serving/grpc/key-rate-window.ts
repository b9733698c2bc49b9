// Requests per second per API key for the gRPC door, counted in one-second windows as the HTTP door's rate limit
// counts them (@fastify/rate-limit, timeWindow 1 s); past the limit a call is refused as RATE_LIMITED.
import { PitstopError } from '../../errors/index.js';

export class KeyRateWindow {
  private windowStart = 0;
  private readonly counts = new Map<string, number>();

  constructor(private readonly defaultLimit: number, private readonly now: () => number = Date.now) {}

  take(keyId: string, keyLimit: number | null): void {
    const now = this.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.counts.clear();
    }
    const limit = keyLimit ?? this.defaultLimit;
    const used = (this.counts.get(keyId) ?? 0) + 1;
    this.counts.set(keyId, used);
    if (used > limit) throw new PitstopError('RATE_LIMITED', `rate limit of ${limit} requests per second exceeded; retry in ${Math.ceil((this.windowStart + 1000 - now) / 1000)}s`);
  }
}
