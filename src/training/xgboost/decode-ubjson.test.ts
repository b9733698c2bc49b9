import { describe, expect, it } from 'vitest';
import { decodeUbjson } from './decode-ubjson.js';

const bytes = (...parts: (string | number[])[]) => Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

describe('decodeUbjson', () => {
  it('reads every scalar type, big-endian', () => {
    expect(decodeUbjson(bytes('Z'))).toBeNull();
    expect(decodeUbjson(bytes('T'))).toBe(true);
    expect(decodeUbjson(bytes('i', [0xff]))).toBe(-1);
    expect(decodeUbjson(bytes('U', [0xff]))).toBe(255);
    expect(decodeUbjson(bytes('I', [0x01, 0x00]))).toBe(256);
    expect(decodeUbjson(bytes('l', [0xff, 0xff, 0xff, 0xfe]))).toBe(-2);
    expect(decodeUbjson(bytes('L', [0, 0, 0, 0, 0, 0, 1, 0]))).toBe(256);
    expect(decodeUbjson(bytes('d', [0x3f, 0xc0, 0, 0]))).toBe(1.5);
    expect(decodeUbjson(bytes('D', [0x40, 0x09, 0x21, 0xfb, 0x54, 0x44, 0x2d, 0x18]))).toBe(Math.PI);
    expect(decodeUbjson(bytes('S', 'i', [3], 'h\u00e9'.replace('\u00e9', ''), [0xc3, 0xa9]))).toBe('hé');
    expect(decodeUbjson(bytes('C', 'x'))).toBe('x');
  });

  it('reads counted, typed and open containers, with no-op markers between values', () => {
    // {"a": [1, "b"], "n": [$d#i2 1.5 -2]} written three ways
    const open = bytes('{', 'i', [1], 'a', '[', 'i', [1], 'N', 'S', 'i', [1], 'b', ']', 'i', [1], 'n', '[$d#i', [2], [0x3f, 0xc0, 0, 0], [0xc0, 0, 0, 0], '}');
    expect(decodeUbjson(open)).toEqual({ a: [1, 'b'], n: [1.5, -2] });
    const counted = bytes('{#i', [1], 'i', [1], 'k', '[#i', [2], 'T', 'F');
    expect(decodeUbjson(counted)).toEqual({ k: [true, false] });
    const typedObject = bytes('{$U#i', [2], 'i', [1], 'x', [7], 'i', [1], 'y', [8]);
    expect(decodeUbjson(typedObject)).toEqual({ x: 7, y: 8 });
    expect(Object.getPrototypeOf(decodeUbjson(bytes('{#i', [1], 'i', [9], '__proto__', 'T')))).toBeNull();
  });

  it('refuses a truncated document, an unknown marker and trailing bytes, naming the byte', () => {
    expect(() => decodeUbjson(bytes('[', 'i', [1]))).toThrow(expect.objectContaining({ code: 'MODEL_IMPORT_INVALID', message: expect.stringMatching(/ends early/) }));
    expect(() => decodeUbjson(bytes('[', 'q', ']'))).toThrow(/unknown type marker 'q' at byte 1/);
    expect(() => decodeUbjson(bytes('T', 'T'))).toThrow(/bytes after the end of the document at byte 1/);
    expect(() => decodeUbjson(bytes('S', 'i', [0xff]))).toThrow(/a length of -1/);
  });
});
