// Deploy-time checks of a rule-set file: every problem is reported at its line and column in the YAML.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileRuleSet } from './compile-rule-set.js';
import { RuleError, type RuleDiagnostic } from './rule-error.js';
import { RECOMMEND_RULES } from './test-fixtures/rule-fixtures.js';

/** The RuleError a rule set fails with. */
function failure(text: string, file?: string): RuleError {
  try {
    compileRuleSet(text, file ? { file } : {});
  } catch (error) {
    if (error instanceof RuleError) return error;
    throw error;
  }
  throw new Error('the rule set compiled');
}

const at = (d: RuleDiagnostic) => `${d.line}:${d.column} ${d.message}`;
const firstProblem = (text: string) => at(failure(text).diagnostics[0]!);

const header = `name: recommend
route:
  - id: cold-start
    when: features.ratings_count < 10
    respond: { provider: top_popular, args: { k: "request.k ?? 10" } }
  - id: personalised
`;
/** A rule set whose second route rule (from line 7 on) is `rest`, followed by a catch-all. */
const withRule = (rest: string) => `${header}${rest}\n    model: { name: personal_recs }\n  - id: default\n    respond: { provider: top_popular }\n`;

describe('compileRuleSet', () => {
  it('compiles the recommendation rule set of the brief', () => {
    const ruleSet = compileRuleSet(RECOMMEND_RULES);
    expect(ruleSet.name).toBe('recommend');
    expect(ruleSet.description).toBe('cold-start users get popular movies');
    expect(ruleSet.warnings).toEqual([]);
    expect(ruleSet.route.map((r) => [r.id, r.action.kind])).toEqual([
      ['cold-start', 'respond'],
      ['personalised', 'model'],
    ]);
    expect(ruleSet.route[1]!.action).toMatchObject({ kind: 'model', name: 'personal_recs', version: 'champion', timeoutMs: 200, input: null, fallback: { provider: 'top_popular' } });
    expect(ruleSet.after.map((r) => [r.id, r.action.kind])).toEqual([
      ['never-rated', 'exclude'],
      ['clamp-score', 'set'],
      ['decide', 'set'],
    ]);
    expect(ruleSet.after[0]!.action).toMatchObject({ kind: 'exclude', itemsPath: ['items'] });
  });

  it('compiles the example of the README without warnings', () => {
    const readme = fs.readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(readme)![1]!;
    const ruleSet = compileRuleSet(example);
    expect(ruleSet.warnings).toEqual([]);
    expect(ruleSet.route.map((r) => r.id)).toEqual(['cold-start', 'eu-challenger', 'personalised']);
  });

  it('takes numbers and booleans as expressions, and fills in defaults', () => {
    const ruleSet = compileRuleSet(`name: r
route:
  - id: a
    when: true
    model: { name: m, version: 3 }
    fallback: { provider: p, args: { k: 10 } }
  - id: b
    model: { name: m }
`);
    expect(ruleSet.route[0]!.when?.ast).toMatchObject({ kind: 'literal', value: true });
    expect(ruleSet.route[0]!.action).toMatchObject({ version: '3', timeoutMs: 1000, fallback: { args: [{ name: 'k', expression: { source: '10' } }] } });
    expect(ruleSet.route[1]!.action).toMatchObject({ version: 'production' });
    expect(ruleSet.after).toEqual([]);
  });
});

describe('expression errors point at their line and column in the file', () => {
  it('in a plain scalar', () => {
    expect(firstProblem(withRule("    when: features.segment == 'gold' and clmap(1)"))).toBe("7:42 unknown function 'clmap' (did you mean clamp?)");
  });

  it('formats as file:line:column with the source line and a caret', () => {
    const error = failure(withRule("    when: features.segment == 'gold' and clmap(1)"), 'movies/rules.yaml');
    expect(error.message).toBe("movies/rules.yaml:7:42: unknown function 'clmap' (did you mean clamp?)");
    expect(error).toMatchObject({ code: 'RULE_INVALID', status: 400, exitCode: 2, line: 7, column: 42, file: 'movies/rules.yaml', field: 'route[1].when' });
    expect(error.details?.excerpt).toBe(`    when: features.segment == 'gold' and clmap(1)\n${' '.repeat(41)}^`);
    expect(error.errors).toEqual([{ field: 'route[1].when', message: "movies/rules.yaml:7:42: unknown function 'clmap' (did you mean clamp?)" }]);
  });

  it('in a double-quoted scalar, counting escapes as written', () => {
    expect(firstProblem(withRule('    when: "request.tag == \\"a\\" and bogus.x"'))).toBe("7:37 unknown name 'bogus'; expressions start from request, features, headers");
  });

  it("in a single-quoted scalar, counting '' as written", () => {
    expect(firstProblem(withRule("    when: 'request.tag == ''a'' and bogus.x'"))).toBe("7:37 unknown name 'bogus'; expressions start from request, features, headers");
  });

  it('on a later line of a literal block scalar', () => {
    const rule = `    when: |
      features.ratings_count >= 10
        and features.segment in ['gold', 'silver']
        and clamp(features.score, 0) > 0.5`;
    expect(firstProblem(withRule(rule))).toBe('10:13 clamp takes 3 arguments (clamp(x, lo, hi)), not 2');
  });

  it('on a later line of a folded block scalar', () => {
    expect(firstProblem(withRule('    when: >-\n      features.a == 1\n      or nope.b'))).toBe("9:10 unknown name 'nope'; expressions start from request, features, headers");
  });

  it('on a later line of a multi-line plain scalar', () => {
    expect(firstProblem(withRule('    when: features.a == 1\n      and nope.b'))).toBe("8:11 unknown name 'nope'; expressions start from request, features, headers");
  });

  it('at the end of an expression that stops too early', () => {
    expect(firstProblem(withRule('    when: "features.a <"'))).toBe('7:24 the expression ends where a value was expected');
  });

  it('in a flow mapping of arguments', () => {
    const text = RECOMMEND_RULES.replace('args: { k: "request.k ?? 10" }', 'args: { k: "request.k ?? ", n: 1 }');
    expect(firstProblem(text)).toBe('6:64 the expression ends where a value was expected');
  });

  it('for a syntax error inside an after rule', () => {
    const text = RECOMMEND_RULES.replace("output.score >= 0.7 ? 'approve' : 'review'", "output.score >= 0.7 ? 'approve' 'review'");
    expect(firstProblem(text)).toBe("19:55 expected the ':' of this conditional (c ? a : b) but found a string");
  });

  it('for a prototype property', () => {
    expect(firstProblem(withRule('    when: request.constructor.name == "Object"'))).toBe("7:19 the property 'constructor' cannot be read: rules see data, not JavaScript objects");
  });
});

describe('YAML anchors', () => {
  it('compiles an aliased expression and reports its errors at the anchor', () => {
    const shared = 'name: a\nroute:\n  - id: x\n    when: &cold features.ratings_count < 10\n    respond: { provider: p }\n  - id: y\n    when: *cold\n    respond: { provider: q }\n  - id: z\n    respond: { provider: r }\n';
    expect(compileRuleSet(shared).route[1]!.when?.source).toBe('features.ratings_count < 10');
    expect(failure(shared.replace('< 10', '< 1O')).diagnostics.map(at)).toEqual(['4:43 unexpected "O" after the number 1']);
  });
});

describe('names are checked against where the expression sits', () => {
  it("refuses 'output' and 'model' before anything has answered", () => {
    const error = failure(withRule('    when: output.score > 0.5 or model.name == "x"'));
    expect(error.diagnostics.map(at)).toEqual([
      "7:11 'output' does not exist before the model or provider answers; use it in an 'after' rule",
      "7:33 'model' does not exist before the model or provider answers; use it in an 'after' rule",
    ]);
  });

  it("refuses 'item' outside an exclude rule's where", () => {
    const text = RECOMMEND_RULES.replace('when: "output.score is not null"', 'when: "item is not null"');
    expect(firstProblem(text)).toBe("16:12 'item' is only bound in the 'where' of an exclude rule");
  });

  it('refuses an exclude list that is not a path into the output', () => {
    const text = RECOMMEND_RULES.replace('items: "output.items"', 'items: "features.rated_items"');
    expect(firstProblem(text)).toBe('14:23 after[0].exclude.items: must name a list in the output, such as output.items, so that the filtered list can replace it');
    expect(compileRuleSet(RECOMMEND_RULES.replace('items: "output.items"', 'items: "output.recs[\'list\'][0]"')).after[0]!.action).toMatchObject({ itemsPath: ['recs', 'list', 0] });
  });

  it('refuses field names that are not identifiers', () => {
    const text = RECOMMEND_RULES.replace('set: { score: "clamp', 'set: { "bad-name": 1, __proto__: 2, score: "clamp');
    expect(failure(text).diagnostics.map(at)).toEqual([
      "17:12 after[1].set.bad-name: 'bad-name' cannot be a field name: use letters, digits and _, not starting with a digit",
      "17:27 after[1].set.__proto__: '__proto__' cannot be a field name: use letters, digits and _, not starting with a digit",
    ]);
  });
});

describe('document errors point at the field', () => {
  it('for YAML that does not parse', () => {
    const error = failure('name: r\nroute: [\n  - id: a\n');
    expect(error.message).toMatch(/^rules\.yaml:\d+:\d+: not valid YAML: /);
    expect(error.line).toBeGreaterThanOrEqual(2);
  });

  it('for a key given twice', () => {
    expect(firstProblem('name: r\nname: s\nroute: []\n')).toMatch(/^2:1 not valid YAML: Map keys must be unique/);
  });

  it('for an unknown field, suggesting the one meant', () => {
    expect(firstProblem(withRule('    whenn: features.a > 1'))).toBe("7:5 unknown field 'whenn' (did you mean when?)");
    expect(firstProblem(RECOMMEND_RULES.replace('route:', 'routes:'))).toBe("3:1 unknown field 'routes' (did you mean route?)");
    expect(firstProblem(RECOMMEND_RULES.replace('{ name: personal_recs, version', '{ name: personal_recs, verison'))).toBe("9:35 unknown field 'verison' (did you mean version?)");
  });

  it('for prototype keys anywhere in the document, which never reach an object', () => {
    expect(firstProblem('name: a\n__proto__: { x: 1 }\nroute:\n  - id: x\n    respond: { provider: p }\n')).toBe("2:1 unknown field '__proto__'");
    expect(firstProblem('name: a\nroute:\n  - id: x\n    constructor: 1\n    respond: { provider: p }\n')).toBe("4:5 unknown field 'constructor'");
    expect(firstProblem('name: a\nroute:\n  - id: x\n    respond: { provider: p, args: { __proto__: "1" } }\n')).toBe(
      "4:37 route[0].respond.args.__proto__: '__proto__' cannot be a field name: use letters, digits and _, not starting with a digit",
    );
  });

  it('for an empty file, a file of several documents, and a document that is not a mapping', () => {
    expect(failure('').diagnostics.map(at)).toEqual(['1:1 name: is required', '1:1 route: is required']);
    expect(firstProblem('name: a\nroute:\n  - id: x\n    respond: { provider: p }\n---\nname: b\n')).toBe('5:1 a rule-set file holds one YAML document; remove the ---');
    expect(firstProblem('- 1\n')).toBe('1:1 the rule set: must be an object');
  });

  it('for a missing field, at the object that lacks it', () => {
    expect(firstProblem('name: r\nroute:\n  - when: "true"\n    respond: { provider: p }\n')).toBe('3:5 route[0].id: is required');
    expect(firstProblem('name: r\n')).toBe('1:1 route: is required');
  });

  it('for a value of the wrong type', () => {
    expect(firstProblem('name: r\nroute:\n  - id: a\n    respond: { provider: p }\n    when: [1]\n')).toBe('5:11 route[0].when: must be an expression (a string, number or boolean)');
    expect(firstProblem('name: r\nroute: {}\n')).toBe('2:8 route: must be an array');
  });

  it('for a route rule with both or neither of respond and model', () => {
    expect(firstProblem('name: r\nroute:\n  - id: a\n    respond: { provider: p }\n    model: { name: m }\n')).toBe(
      "3:5 route[0]: a route rule needs exactly one of 'respond' (a provider) or 'model'",
    );
    expect(firstProblem('name: r\nroute:\n  - id: a\n')).toBe("3:5 route[0]: a route rule needs exactly one of 'respond' (a provider) or 'model'");
  });

  it('for a fallback or timeout on a provider rule', () => {
    expect(firstProblem('name: r\nroute:\n  - id: a\n    respond: { provider: p }\n    timeout_ms: 100\n')).toBe("5:17 route[0].timeout_ms: 'timeout_ms' only applies to a rule with 'model'");
  });

  it('for an after rule with both or neither of set and exclude', () => {
    expect(firstProblem('name: r\nroute:\n  - id: a\n    respond: { provider: p }\nafter:\n  - id: b\n')).toBe("6:5 after[0]: an after rule needs exactly one of 'set' or 'exclude'");
  });

  it('for a rule id used twice, at the second one', () => {
    const text = RECOMMEND_RULES.replace('id: clamp-score', 'id: never-rated');
    expect(firstProblem(text)).toBe("15:9 after[1].id: rule id 'never-rated' is already used by after[0]");
    expect(firstProblem(RECOMMEND_RULES.replace('id: decide', 'id: cold-start'))).toBe("18:9 after[2].id: rule id 'cold-start' is already used by route[0]");
  });

  it('reports every problem at once, in one RULE_INVALID', () => {
    const text = RECOMMEND_RULES.replace('features.ratings_count < 10', 'features.ratings_count <').replace('clamp(output.score, 0, 1)', 'clamp(output.score)').replace('id: decide', 'id: cold-start');
    const error = failure(text);
    expect(error.diagnostics.map(at)).toEqual([
      '5:35 the expression ends where a value was expected',
      '17:20 clamp takes 3 arguments (clamp(x, lo, hi)), not 1',
      "18:9 after[2].id: rule id 'cold-start' is already used by route[0]",
    ]);
    expect(error.message).toBe('rules.yaml:5:35: the expression ends where a value was expected (and 2 more)');
    expect(error.errors.map((e) => e.field)).toEqual(['route[0].when', 'after[1].set.score', 'after[2].id']);
  });

  it('applies the limits it is given', () => {
    expect(() => compileRuleSet(RECOMMEND_RULES, { limits: { maxNodes: 4 } })).toThrow('rules.yaml:17:20: the expression has 5 parts; the limit is 4 (and 1 more)');
    expect(compileRuleSet(RECOMMEND_RULES, { limits: { maxSteps: 50 } }).limits).toMatchObject({ maxSteps: 50, maxNodes: 500 });
  });
});

describe('warnings', () => {
  it('warns when no route rule matches every request', () => {
    const ruleSet = compileRuleSet('name: r\nroute:\n  - id: a\n    when: request.x == 1\n    respond: { provider: p }\n');
    expect(ruleSet.warnings.map(at)).toEqual([
      "4:11 no route rule matches every request, so a request none of them matches fails with RULE_NO_ROUTE; end the list with a rule without 'when'",
    ]);
    expect(ruleSet.warnings[0]).toMatchObject({ severity: 'warning', path: 'route[0].when' });
  });

  it('warns about route rules after a catch-all, which can never run', () => {
    const ruleSet = compileRuleSet('name: r\nroute:\n  - id: a\n    when: "true"\n    respond: { provider: p }\n  - id: b\n    respond: { provider: q }\n');
    expect(ruleSet.warnings.map(at)).toEqual(["6:9 rule 'b' is never reached: 'a' above it matches every request"]);
  });
});
