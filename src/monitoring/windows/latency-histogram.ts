// Request latencies per window as a mergeable log-scale histogram: percentiles within ~6% without keeping every value.

/** Bucket i holds latencies in [BASE·GROWTH^(i-1), BASE·GROWTH^i) ms; bucket 0 everything below BASE. */
const BASE_MS = 0.05;
const GROWTH = 1.12;
export const LATENCY_BUCKETS = 120; // up to ~40 s; slower requests land in the last bucket

export interface LatencyHistogram {
  count: number;
  sumMs: number;
  buckets: number[];
}

export function newLatencyHistogram(): LatencyHistogram {
  return { count: 0, sumMs: 0, buckets: new Array<number>(LATENCY_BUCKETS).fill(0) };
}

export function addLatency(histogram: LatencyHistogram, ms: number): void {
  if (!Number.isFinite(ms) || ms < 0) return;
  const bucket = ms < BASE_MS ? 0 : Math.min(LATENCY_BUCKETS - 1, 1 + Math.floor(Math.log(ms / BASE_MS) / Math.log(GROWTH)));
  histogram.buckets[bucket]! += 1;
  histogram.count += 1;
  histogram.sumMs += ms;
}

export function mergeLatency(a: LatencyHistogram, b: LatencyHistogram): LatencyHistogram {
  return { count: a.count + b.count, sumMs: a.sumMs + b.sumMs, buckets: a.buckets.map((n, i) => n + (b.buckets[i] ?? 0)) };
}

/** The latency below which a share `q` of requests fall (the bucket's geometric middle), or null without requests. */
export function latencyQuantile(histogram: LatencyHistogram, q: number): number | null {
  if (histogram.count === 0) return null;
  const rank = q * histogram.count;
  let seen = 0;
  for (let i = 0; i < histogram.buckets.length; i++) {
    seen += histogram.buckets[i]!;
    if (seen >= rank) return i === 0 ? BASE_MS / 2 : BASE_MS * GROWTH ** (i - 0.5);
  }
  return BASE_MS * GROWTH ** (LATENCY_BUCKETS - 1.5);
}
