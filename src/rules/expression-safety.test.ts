// The language cannot reach anything but the data it is given, and cannot run unbounded.
import { describe, expect, it } from 'vitest';
import { isPitstopError } from '../errors/index.js';
import { compileExpression } from './compile-expression.js';
import { evaluateExpression } from './evaluate-expression.js';
import { EvaluationBudget } from './evaluation-budget.js';
import { EXCLUDE_WHERE_SCOPE } from './expression-scope.js';
import { RuleError } from './rule-error.js';
import { DEFAULT_RULE_LIMITS } from './rule-limits.js';
import { evaluate } from './test-fixtures/rule-fixtures.js';

function compileMessage(source: string): string {
  try {
    compileExpression(source, { scope: EXCLUDE_WHERE_SCOPE });
  } catch (error) {
    if (error instanceof RuleError) return error.message;
    throw error;
  }
  return 'compiled';
}

function limitError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isPitstopError(error) && error.code === 'RULE_LIMIT_EXCEEDED') return error.message;
    throw error;
  }
  throw new Error('no limit was exceeded');
}

describe('no globals: only the context roots are names', () => {
  it.each(['globalThis', 'global', 'window', 'process', 'require', 'module', 'this', 'self', 'Object', 'Function', 'eval', 'import', 'Math', 'JSON', 'console', 'toString', 'hasOwnProperty', 'constructor', '__proto__'])(
    '%s is an unknown name at compile time',
    (name) => {
      expect(compileMessage(`${name}.x`)).toContain(`unknown name '${name}'`);
      expect(compileMessage(`${name}.x`)).toContain('expressions start from request, features, headers, output, model, item');
    },
  );

  it.each(['process.exit', 'globalThis.process', 'this.constructor', 'Function("return process")', 'eval("1")', 'require("fs")', 'import("fs")'])('%s does not compile', (source) => {
    expect(compileMessage(source)).not.toBe('compiled');
  });

  it('suggests the root meant by a typo, and names a function used as a value', () => {
    expect(compileMessage('feature.x')).toContain("unknown name 'feature' (did you mean features?)");
    expect(compileMessage('len + 1')).toContain("unknown name 'len' (len is a function: call it as len(x))");
  });

  it('cannot call anything but a built-in function by name', () => {
    expect(compileMessage('features.constructor("x")')).not.toBe('compiled');
    expect(compileMessage('features.toString()')).toContain('only the built-in functions can be called');
    expect(compileMessage('(features.f)(1)')).toContain('only the built-in functions can be called');
    expect(compileMessage('constructor(1)')).toContain("unknown function 'constructor'");
    expect(compileMessage('hasOwnProperty(1)')).toContain("unknown function 'hasOwnProperty'");
    expect(compileMessage('__proto__(1)')).toContain("unknown function '__proto__'");
  });
});

describe('no prototypes', () => {
  it.each([
    ['features.constructor', 10],
    ['features.__proto__', 10],
    ['features.prototype', 10],
    ['features.x.constructor.name', 12],
    ['features["constructor"]', 10],
    ["features['__proto__']", 10],
    ['request["prototype"]', 9],
  ])('%s is refused at compile time, at column %i', (source, column) => {
    expect(compileMessage(source)).toMatch(new RegExp(`^<expression>:1:${column}: the property '(constructor|__proto__|prototype)' cannot be read`));
  });

  it('reads nothing through a computed key that names a prototype property', () => {
    const roots = { features: { a: 1, list: [1, 2] }, request: {} as Record<string, unknown> };
    for (const key of ['constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__']) {
      roots.request = { key };
      expect(evaluate('features[request.key]', roots), key).toBeNull();
      expect(evaluate('features.list[request.key]', roots), key).toBeNull();
      expect(evaluate('request.key in features', roots), key).toBe(false);
    }
    expect(evaluate('len(features.list[request.k])', { ...roots, request: { k: 'length' } })).toBeNull();
  });

  it('reads an own __proto__ key of parsed JSON as nothing, and never changes Object.prototype', () => {
    const features = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as unknown;
    expect(evaluate('features["__" + "proto__"]', { features })).toBeNull();
    expect(evaluate('features[concat("__", "proto__")]', { features })).toBeNull();
    expect(evaluate('features[concat("__", "proto__")].polluted', { features })).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('sees inherited properties as missing', () => {
    const parent = { secret: 'inherited' };
    const child = Object.create(parent) as Record<string, unknown>;
    expect(evaluate('features.secret', { features: child })).toBeNull();
    const plain = Object.assign(Object.create(null) as object, { visible: 1 });
    expect(evaluate('features.visible', { features: plain })).toBe(1);
  });

  it('never runs a getter, a function or a host object found in the data', () => {
    let ran = false;
    const features = {
      get trap() {
        ran = true;
        return 1;
      },
      fn: () => {
        ran = true;
        return 'called';
      },
      date: new Date(0),
      map: new Map([['a', 1]]),
      instance: new (class Secret {
        readonly field = 'hidden';
      })(),
      big: 10n,
      symbol: Symbol('s'),
      nan: Number.NaN,
      list: [() => 'called', Number.POSITIVE_INFINITY],
    };
    for (const path of ['trap', 'fn', 'date', 'map', 'instance', 'instance.field', 'big', 'symbol', 'nan', 'list[0]', 'list[1]', 'map.a', 'date.getTime']) {
      expect(evaluate(`features.${path}`, { features }), path).toBeNull();
    }
    expect(evaluate('features.fn == null and len(features.instance) == null and min(features.list) == null', { features })).toBe(true);
    expect(ran).toBe(false);
  });

  it('does not call methods a list in the data overrides', () => {
    let ran = false;
    const list = [1, 2, 3];
    for (const method of ['slice', 'some', 'every', 'map', 'includes', 'reduce', 'indexOf']) {
      Object.defineProperty(list, method, { value: () => ((ran = true), []) });
    }
    expect(evaluate('[2 in features.list, take(features.list, 2), sum(features.list), max(features.list), contains(features.list, 3)]', { features: { list } })).toEqual([
      true,
      [1, 2],
      6,
      3,
      true,
    ]);
    expect(ran).toBe(false);
  });
});

describe('bounded compilation', () => {
  it('refuses an expression with more nodes than the limit', () => {
    const many = `[${Array.from({ length: 600 }, () => '1').join(', ')}]`;
    expect(compileMessage(many)).toBe('<expression>:1:1: the expression has 601 parts; the limit is 500');
    expect(compileMessage(`[${Array.from({ length: 400 }, () => '1').join(', ')}]`)).toBe('compiled');
  });

  it('refuses an expression nested deeper than the limit, even without brackets', () => {
    const chain = `features${'.a'.repeat(70)}`;
    expect(compileMessage(chain)).toContain('the expression nests 71 levels deep; the limit is 64');
  });

  it('refuses source longer than the limit before parsing it', () => {
    expect(compileMessage(`'${'x'.repeat(DEFAULT_RULE_LIMITS.maxSourceLength)}'`)).toContain(`the limit is ${DEFAULT_RULE_LIMITS.maxSourceLength}`);
  });

  it('takes stricter limits when given', () => {
    expect(() => compileExpression('1 + 2 + 3', { limits: { ...DEFAULT_RULE_LIMITS, maxNodes: 3 } })).toThrow('the expression has 5 parts; the limit is 3');
  });
});

describe('bounded evaluation', () => {
  const list = Array.from({ length: 5_000 }, (_, i) => i);

  it('charges membership by the length of the list it walks', () => {
    const budget = new EvaluationBudget();
    evaluate('-1 in features.list', { features: { list } }, budget);
    expect(budget.steps).toBeGreaterThan(5_000);
    expect(budget.steps).toBeLessThan(5_020);
  });

  it.each([
    ['-1 in features.list'],
    ['features.list == features.copy'],
    ['contains(features.list, -1)'],
    ['max(features.list)'],
    ['sum(features.list)'],
    ['len(take(features.list, 5000)) > 0'],
  ])('stops %s when it needs more steps than the budget', (source) => {
    const message = limitError(() => evaluate(source, { features: { list, copy: [...list] } }, new EvaluationBudget(1_000)));
    expect(message).toBe('<expression>:1:1: evaluation needs more than 1000 steps');
  });

  it('shares one budget across every expression of a decision', () => {
    const budget = new EvaluationBudget(12_000);
    const roots = { features: { list } };
    evaluate('-1 in features.list', roots, budget);
    evaluate('-2 in features.list', roots, budget);
    expect(() => evaluate('-3 in features.list', roots, budget)).toThrow('evaluation needs more than 12000 steps');
  });

  it('refuses to produce a string longer than the limit', () => {
    const long = 'x'.repeat(6_000);
    expect(evaluate('len(concat(features.s, "y"))', { features: { s: long } })).toBe(6_001);
    const message = limitError(() => evaluate('concat(features.s, features.s)', { features: { s: long } }));
    expect(message).toContain('a string of 12000 characters is longer than the limit of 10000');
    expect(() => evaluate('upper(features.s)', { features: { s: 'x'.repeat(20_000) } })).toThrow('longer than the limit');
  });

  it('refuses to compare data nested deeper than it can walk', () => {
    const nest = () => {
      let value: unknown = 1;
      for (let i = 0; i < 10_000; i++) value = [value];
      return value;
    };
    expect(limitError(() => evaluate('features.a == features.b', { features: { a: nest(), b: nest() } }))).toContain('values nest more than 100 levels deep');
  });

  it('bounds work that grows with the data, not with the source', () => {
    const expression = compileExpression('-1 in features.list');
    const huge = new Map([['features', { list: Array.from({ length: 2_000_000 }, (_, i) => i) }]]);
    expect(() => evaluateExpression(expression, huge)).toThrow('evaluation needs more than 1000000 steps');
  });

  it('never throws on data: a random mix of values only gives values', () => {
    const samples: unknown[] = [null, 0, -1, 1.5, '', 'a', true, false, [], [1, 'a'], {}, { a: { b: 1 } }, undefined, Number.NaN];
    const sources = ['features.a + features.b', 'features.a < features.b', 'features.a in features.b', 'features.a ?? features.b', 'len(features.a)', 'clamp(features.a, 0, features.b)', 'features.a[features.b]', 'features.a.x.y', '-features.a', 'not features.a', 'features.a ? 1 : 2', 'features.a is null', 'concat(features.a, features.b)'];
    for (const a of samples) for (const b of samples) for (const source of sources) expect(() => evaluate(source, { features: { a, b } })).not.toThrow();
  });
});
