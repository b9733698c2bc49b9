// A small seeded PRNG (sfc32, seeded through splitmix32) so bootstrap resamples are the same on every machine and run.
// The 128-bit state lives in an Int32Array: V8 then never changes the fields' representation under the hot loop
// (plain number fields holding int32 values flip between small-integer and boxed-double storage, and the optimised
// loop was thrown away on every call).

export class SeededRandom {
  private readonly state = new Int32Array(4);

  constructor(seed: number) {
    let mix = seed | 0;
    // splitmix32 spreads a small integer seed over all 128 bits of state, so seeds 1 and 2 give unrelated streams.
    for (let i = 0; i < 4; i++) {
      mix = (mix + 0x9e3779b9) | 0;
      let z = mix;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      this.state[i] = z ^ (z >>> 16);
    }
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const s = this.state;
    const a = s[0]!;
    const b = s[1]!;
    const c = s[2]!;
    const d = s[3]!;
    const t = (((a + b) | 0) + d) | 0;
    s[3] = (d + 1) | 0;
    s[0] = b ^ (b >>> 9);
    s[1] = (c + (c << 3)) | 0;
    s[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /** A uniform float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A uniform integer in [0, bound); the bias for bounds far below 2^32 is negligible for resampling. */
  nextInt(bound: number): number {
    return Math.floor(this.next() * bound);
  }

  /**
   * Fills `into` with uniform integers in [0, bound): the same stream as calling nextInt repeatedly, with the
   * generator inlined in one loop, because the bootstrap draws millions of them (~4 ns each this way).
   */
  fillInts(into: Int32Array, bound: number): void {
    const s = this.state;
    let a = s[0]!;
    let b = s[1]!;
    let c = s[2]!;
    let d = s[3]!;
    const scale = bound / 4294967296;
    for (let i = 0; i < into.length; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
      into[i] = Math.floor((t >>> 0) * scale);
    }
    s[0] = a;
    s[1] = b;
    s[2] = c;
    s[3] = d;
  }
}
