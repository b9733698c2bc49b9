import { describe, expect, it } from 'vitest';
import { findJsonNestingExcess } from './json-nesting.js';

describe('findJsonNestingExcess', () => {
  it('finds where an array or object opens one level too deep', () => {
    expect(findJsonNestingExcess('[[[1]]]', 3)).toBe(-1);
    expect(findJsonNestingExcess('[[[1]]]', 2)).toBe(2);
    expect(findJsonNestingExcess('{"a":{"b":[1]}}', 2)).toBe(10);
    expect(findJsonNestingExcess('[[1],[2],[3]]', 2)).toBe(-1);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(findJsonNestingExcess(JSON.stringify({ text: '[[[[{{{{' }), 1)).toBe(-1);
    expect(findJsonNestingExcess(JSON.stringify({ text: 'say \\"[[[[\\" \\\\' }), 1)).toBe(-1);
    expect(findJsonNestingExcess('["\\\\", [[1]]]', 2)).toBe(8);
  });

  it('agrees with the real nesting depth of generated values', () => {
    for (let depth = 1; depth <= 40; depth++) {
      let value: unknown = depth % 2 ? 'x"]' : 1;
      for (let d = 0; d < depth; d++) value = d % 3 ? [value, '{'] : { k: value, '[': '\\' };
      const text = JSON.stringify(value);
      expect(findJsonNestingExcess(text, depth)).toBe(-1);
      expect(findJsonNestingExcess(text, depth - 1)).toBeGreaterThanOrEqual(0);
    }
  });
});
