import { decodeTime, isValid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { fastUlid, ulidTime } from './fast-ulid.js';

describe('fastUlid', () => {
  it('makes valid ULIDs that carry their time', () => {
    const id = fastUlid(1_700_000_000_123);
    expect(isValid(id)).toBe(true);
    expect(decodeTime(id)).toBe(1_700_000_000_123);
  });

  it('increases strictly within one millisecond and across milliseconds', () => {
    const ids = [...Array.from({ length: 1000 }, () => fastUlid(1_700_000_000_000)), ...Array.from({ length: 10 }, (_, i) => fastUlid(1_700_000_000_001 + i))];
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('reads back the time a ULID was made, and nothing from other strings', () => {
    const id = fastUlid(1_764_000_000_123);
    expect(ulidTime(id)).toBe(1_764_000_000_123);
    expect(ulidTime(id)).toBe(decodeTime(id));
    expect(ulidTime('01HP00000005')).toBeNull();
    expect(ulidTime(id.toLowerCase())).toBeNull();
  });
});
