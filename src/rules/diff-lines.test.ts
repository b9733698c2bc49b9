import { describe, expect, it } from 'vitest';
import { diffLines } from './diff-lines.js';

describe('diffLines', () => {
  it('keeps common lines and marks what was removed and added, in order', () => {
    const before = 'name: a\nroute:\n  - id: x\n    when: features.n < 10\n';
    const after = 'name: a\nroute:\n  - id: x\n    when: features.n < 5\n  - id: y\n';
    const diff = diffLines(before, after).filter((l) => l.kind !== 'same');
    expect(diff).toEqual([
      { kind: 'removed', text: '    when: features.n < 10' },
      { kind: 'added', text: '    when: features.n < 5' },
      { kind: 'added', text: '  - id: y' },
    ]);
    expect(diffLines(before, before).every((l) => l.kind === 'same')).toBe(true);
  });
});
