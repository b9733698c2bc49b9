// YAML from people and callers is read within fixed bounds: nesting, aliases and size are refused with a clear
// error before they can exhaust the parser, and ordinary documents read as before.
import { describe, expect, it } from 'vitest';
import { YAML_LIMITS, readBoundedYaml } from './read-yaml.js';
import { findNestingExcess } from './yaml-nesting.js';

const where = { source: 'test.yaml', code: 'VALIDATION_FAILED' } as const;

/** A "billion laughs": each level references the one before nine times. */
function aliasBomb(levels: number): string {
  const lines = ['l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let level = 1; level <= levels; level++) lines.push(`l${level}: &l${level} [${Array(9).fill(`*l${level - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

describe('readBoundedYaml', () => {
  it('reads an ordinary document, anchors and block scalars included', () => {
    const text = [
      'name: eta # the rule set',
      'defaults: &defaults { timeout: 50, retries: [1, 2] }',
      'routes:',
      '  - when: "x > [1] and {a: 1}"',
      '    use: *defaults',
      '  - - nested: true',
      'notes: |',
      '      [[[[[[[[[[ deep looking text inside a block scalar',
      '        - - - - - - - - - - - - - - - -',
      "quoted: 'it''s [not] nested'",
    ].join('\n');
    expect(readBoundedYaml(text, where)).toEqual({
      name: 'eta',
      defaults: { timeout: 50, retries: [1, 2] },
      routes: [{ when: 'x > [1] and {a: 1}', use: { timeout: 50, retries: [1, 2] } }, [{ nested: true }]],
      notes: '[[[[[[[[[[ deep looking text inside a block scalar\n  - - - - - - - - - - - - - - - -\n',
      quoted: "it's [not] nested",
    });
  });

  it.each([
    ['flow brackets', '['.repeat(5000) + ']'.repeat(5000)],
    ['flow mappings', '{a: '.repeat(3000) + '1' + '}'.repeat(3000)],
    ['compact sequences', `${'- '.repeat(5000)}1\n`],
    ['indentation', Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + `\n${' '.repeat(200)}1\n`],
  ])('refuses %s nested past the limit before parsing, naming the line', (_kind, text) => {
    expect(() => readBoundedYaml(text, where)).toThrow(expect.objectContaining({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(new RegExp(`^test\\.yaml: nested more than ${YAML_LIMITS.maxDepth} levels deep \\(line \\d+, column \\d+\\)$`)),
    }));
  });

  it('reads a document nested exactly to the limit: a mapping holding 63 sequences', () => {
    const sequences = YAML_LIMITS.maxDepth - 1;
    const value = readBoundedYaml(`v: ${'['.repeat(sequences)}1${']'.repeat(sequences)}`, where) as { v: unknown };
    let level = 0;
    for (let node = value.v; Array.isArray(node); node = node[0]) level++;
    expect(level).toBe(sequences);
    expect(() => readBoundedYaml(`v: ${'['.repeat(sequences + 1)}1${']'.repeat(sequences + 1)}`, where)).toThrow(/nested more than/);
  });

  it('refuses aliases that expand past the limit (a billion laughs), and keeps the caller\'s error code', () => {
    expect(() => readBoundedYaml(aliasBomb(9), { source: 'rules.yaml', code: 'RULE_INVALID' })).toThrow(
      expect.objectContaining({ code: 'RULE_INVALID', message: expect.stringMatching(/^rules\.yaml: .*alias/i) }),
    );
    expect(readBoundedYaml(aliasBomb(1), where)).toHaveProperty('l1');
  });

  it('refuses text over the size limit, and a syntax error is one line with its position', () => {
    expect(() => readBoundedYaml(`a: "${'x'.repeat(YAML_LIMITS.maxBytes)}"`, where)).toThrow(/more than the limit of 1048576/);
    expect(() => readBoundedYaml('a: [1, 2\nb: 3', where)).toThrow(/^test\.yaml: not valid YAML \(line \d+, column \d+\): /);
  });
});

describe('findNestingExcess', () => {
  it('does not count brackets, dashes or # inside quotes and comments', () => {
    const text = `a: "${'['.repeat(100)}"\nb: '${'{'.repeat(100)}'\nc: 1 # ${'['.repeat(100)}\n`;
    expect(findNestingExcess(text, 4)).toBeUndefined();
  });

  it('counts flow collections that span lines', () => {
    const text = `a: [\n  [\n    [\n      [1]\n    ]\n  ]\n]\n`;
    expect(findNestingExcess(text, 5)).toBeUndefined();
    expect(findNestingExcess(text, 4)).toMatchObject({ line: 4 });
  });
});
