import { describe, expect, it } from 'vitest';
import { isMissingText, MISSING_CELL, parseNumberBytes, parseNumberText, READ_AS_TEXT } from './cell-parsing.js';

/** What the byte parser makes of a text, in the text functions' terms. */
function fromBytes(text: string): number | 'missing' | 'text' {
  const bytes = Buffer.from(`#${text}#`); // padded, so the range is not the whole buffer
  const value = parseNumberBytes(bytes, 1, bytes.length - 1);
  return value === MISSING_CELL ? 'missing' : value === READ_AS_TEXT ? 'text' : value;
}

/** What the text functions say: the byte parser must agree whenever it answers itself. */
function fromText(text: string): number | 'missing' | 'text' {
  if (isMissingText(text)) return 'missing';
  return parseNumberText(text) ?? 'text';
}

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('parseNumberBytes', () => {
  it('reads numbers, missing values and text as the text functions do, -0 included', () => {
    const texts = [
      '0', '-0', '+0', '0.0', '-0.0', '1', '-1', '+7', '1.', '.5', '-.5', '00012', '0.000123', '1e5', '1E-5', '-2e3', '2e+3',
      '1.5e308', '1e309', '-1e400', '5e-324', '1e-400', '123456789012345', '1234567890123456', '12345678901234567890',
      '0.1', '0.30000000000000004', '9007199254740993', '1.7976931348623157e308', '4.9e-324', ' 42 ', '\t3.5', '3.5\t',
      '', ' ', 'NA', 'NaN', 'null', ' NA ', 'na', 'Null', 'nan', 'None', 'true', 'FALSE', '0x1f', 'Infinity', '-Infinity',
      '1e', '1e+', 'e5', '.', '-', '+', '1.2.3', '1,5', '1_000', '١٢', '\u00a01.5', '1.5\u00a0', '½', '1e5000000000000000000',
    ];
    for (const text of texts) {
      const bytes = fromBytes(text);
      if (bytes !== 'text') expect([text, bytes]).toEqual([text, fromText(text)]);
      expect(Object.is(bytes, -0)).toBe(Object.is(fromText(text), -0));
    }
    expect(fromBytes('1.5')).toBe(1.5);
    expect(fromBytes('NA')).toBe('missing');
    expect(fromBytes('abc')).toBe('text');
  });

  it('agrees with Number() to the last bit on 20,000 random numbers written every usual way', () => {
    const random = seeded(7);
    for (let i = 0; i < 5000; i++) {
      const magnitude = 10 ** Math.floor(random() * 40 - 20);
      const value = (random() - 0.5) * magnitude;
      for (const text of [String(value), value.toFixed(6), value.toExponential(8), value.toPrecision(17)]) {
        expect(fromBytes(text)).toBe(Number(text));
      }
    }
  });
});
