// ULIDs (time-sortable ids) for predictions and requests, monotonic within a millisecond. The `ulid` package asks the
// OS for random bytes one character at a time, which cost ~9% of a busy server's CPU; this draws from a pooled buffer.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const POOL_SIZE = 4096;

let pool = randomBytes(POOL_SIZE);
let poolOffset = 0;
let lastTime = -1;
const lastRandom = new Uint8Array(10);

/** A 26-character ULID; ids made in the same millisecond increase. */
export function fastUlid(now: number = Date.now()): string {
  if (now === lastTime) {
    increment(lastRandom);
  } else {
    lastTime = now;
    if (poolOffset + 10 > POOL_SIZE) {
      pool = randomBytes(POOL_SIZE);
      poolOffset = 0;
    }
    lastRandom.set(pool.subarray(poolOffset, poolOffset + 10));
    poolOffset += 10;
  }
  return encodeTime(now) + encodeRandom(lastRandom);
}

function encodeTime(time: number): string {
  let out = '';
  for (let i = 9; i >= 0; i--) {
    out = ALPHABET[time % 32]! + out;
    time = Math.floor(time / 32);
  }
  return out;
}

/** 80 bits as 16 base-32 characters. */
function encodeRandom(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}

function increment(bytes: Uint8Array): void {
  for (let i = bytes.length - 1; i >= 0; i--) {
    if (bytes[i]! < 255) {
      bytes[i]!++;
      return;
    }
    bytes[i] = 0;
  }
}

/** The millisecond a ULID was made, or null for a string that is not a ULID. */
export function ulidTime(id: string): number | null {
  if (!/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/.test(id)) return null;
  let time = 0;
  for (const char of id.slice(0, 10)) time = time * 32 + ALPHABET.indexOf(char);
  return time;
}
