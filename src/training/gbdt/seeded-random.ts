// The trainer's only source of randomness (row and column sampling): seeded, so the same seed gives the same model bytes.

/** Mulberry32: 32 bits of state, fast, and good enough to pick rows and columns. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    // Mixing the seed keeps nearby seeds (0, 1, 2) from starting on nearby sequences.
    this.state = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ (seed >>> 16)) >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** `count` distinct integers from [0, n), in increasing order (Knuth's selection sampling: one pass, exact count). */
  sample(n: number, count: number, into: Int32Array = new Int32Array(count)): Int32Array {
    let needed = count;
    let taken = 0;
    for (let i = 0; i < n && needed > 0; i++) {
      if (this.next() * (n - i) < needed) {
        into[taken++] = i;
        needed--;
      }
    }
    return into;
  }
}
