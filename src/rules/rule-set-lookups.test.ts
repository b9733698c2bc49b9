import { describe, expect, it } from 'vitest';
import { compileRuleSet, evaluateExpression } from './index.js';

const RULES = `name: recommend
lookups:
  - table: users
    key: request.user_id
  - table: popular
    key: "'all'"
    required: true
route:
  - id: everyone
    respond: { provider: constant, args: { value: features.items } }
`;

describe('rule-set lookups', () => {
  it('compiles each lookup key as an expression over the request, in order, optional unless said', () => {
    const compiled = compileRuleSet(RULES);
    expect(compiled.lookups.map((l) => [l.table, l.required])).toEqual([['users', false], ['popular', true]]);
    const values = new Map<string, unknown>([['request', { user_id: 42 }], ['headers', {}]]);
    expect(compiled.lookups.map((l) => evaluateExpression(l.key, values as never))).toEqual([42, 'all']);
  });

  it("refuses a key that reads features (they are what lookups find), with the key's line and column", () => {
    const text = RULES.replace('key: request.user_id', 'key: features.user_id');
    expect(() => compileRuleSet(text)).toThrow(/rules\.yaml:4:10: .*'features' is what the lookups find/);
  });

  it('names the fields a lookup may have when one is misspelled', () => {
    expect(() => compileRuleSet(RULES.replace('required: true', 'requried: true'))).toThrow(/requried/);
  });
});
