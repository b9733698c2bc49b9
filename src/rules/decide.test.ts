// Deciding a request: first-match routing, fallback on model error and timeout, after rules, one budget.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isPitstopError } from '../errors/index.js';
import { compileRuleSet } from './compile-rule-set.js';
import { decide, type DecisionContext } from './decide.js';
import { RECOMMEND_RULES, recordingHooks } from './test-fixtures/rule-fixtures.js';

const recommend = compileRuleSet(RECOMMEND_RULES);
const popular = (_name: string, args: Record<string, unknown>) => Promise.resolve({ items: Array.from({ length: Number(args.k) }, (_, i) => 100 + i), source: 'popular' });
const coldUser: DecisionContext = { request: { k: 3 }, features: { ratings_count: 2, rated_items: [] } };
const regularUser: DecisionContext = { request: {}, features: { ratings_count: 40, rated_items: [2, 4] } };

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('the decision succeeded');
}

describe('routing', () => {
  it('sends a user with fewer than 10 ratings to the popular provider, with its arguments evaluated', async () => {
    const hooks = recordingHooks({ provider: popular });
    const decision = await decide(recommend, coldUser, hooks);
    expect(decision.decidedBy).toEqual({ ruleSetName: 'recommend', ruleId: 'cold-start', kind: 'respond' });
    expect(hooks.calls).toEqual([{ target: 'provider', name: 'top_popular', args: { k: 3 } }]);
    expect(decision.output).toMatchObject({ items: [100, 101, 102] });
  });

  it('uses the default of ?? when the request leaves it out', async () => {
    const hooks = recordingHooks({ provider: popular });
    await decide(recommend, { features: { ratings_count: 0 } }, hooks);
    expect(hooks.calls[0]!.args).toEqual({ k: 10 });
  });

  it('sends everyone else to the personalised model, with the features as its input by default', async () => {
    const hooks = recordingHooks({ model: async () => ({ items: [1, 2, 3], score: 0.5 }) });
    const decision = await decide(recommend, regularUser, hooks);
    expect(decision.decidedBy).toEqual({ ruleSetName: 'recommend', ruleId: 'personalised', kind: 'model' });
    expect(hooks.calls).toEqual([{ target: 'model', name: 'personal_recs', version: 'champion', input: regularUser.features, timeoutMs: 200 }]);
  });

  it('takes the first rule that matches, even when later ones match too', async () => {
    const ruleSet = compileRuleSet(`name: r
route:
  - id: first
    when: request.n > 1
    respond: { provider: a }
  - id: second
    when: request.n > 0
    respond: { provider: b }
  - id: rest
    respond: { provider: c }
`);
    const provider = async (name: string) => ({ from: name });
    const decideFor = async (n: number | null) => (await decide(ruleSet, { request: { n } }, recordingHooks({ provider }))).decidedBy.ruleId;
    expect([await decideFor(2), await decideFor(1), await decideFor(0), await decideFor(null)]).toEqual(['first', 'second', 'rest', 'rest']);
  });

  it('chooses a model or version by segment, region header and request', async () => {
    const ruleSet = compileRuleSet(`name: r
route:
  - id: gold
    when: features.segment in ['gold', 'platinum']
    model: { name: premium, version: 4 }
  - id: eu
    when: headers["x-region"] == 'eu'
    model: { name: recs, version: challenger, input: { user: request.user, region: "headers['x-region']" } }
  - id: rest
    model: { name: recs }
`);
    const calls = async (context: DecisionContext) => {
      const hooks = recordingHooks({ model: async () => ({}) });
      await decide(ruleSet, context, hooks);
      return hooks.calls.map((c) => [c.name, c.version, c.input]);
    };
    expect(await calls({ features: { segment: 'gold' } })).toEqual([['premium', '4', { segment: 'gold' }]]);
    expect(await calls({ features: { segment: 'basic' }, headers: { 'x-region': 'eu' }, request: { user: 'u1' } })).toEqual([['recs', 'challenger', { user: 'u1', region: 'eu' }]]);
    expect(await calls({ headers: { 'x-region': 'us' } })).toEqual([['recs', 'production', null]]);
  });

  it('fails with RULE_NO_ROUTE when no rule matches', async () => {
    const ruleSet = compileRuleSet('name: strict\nroute:\n  - id: only\n    when: request.ok == true\n    respond: { provider: p }\n');
    const error = await rejection(decide(ruleSet, { request: {} }, recordingHooks({})));
    expect(isPitstopError(error) && error.code).toBe('RULE_NO_ROUTE');
    expect((error as Error).message).toContain("rule set 'strict': no route rule matched");
  });
});

describe('fallback', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('uses the fallback when the model fails, and says so', async () => {
    const hooks = recordingHooks({ model: () => Promise.reject(new Error('session crashed')), provider: popular });
    const decision = await decide(recommend, regularUser, hooks);
    expect(decision.decidedBy).toEqual({ ruleSetName: 'recommend', ruleId: 'personalised', kind: 'fallback' });
    expect(hooks.calls.map((c) => [c.target, c.name])).toEqual([
      ['model', 'personal_recs'],
      ['provider', 'top_popular'],
    ]);
    expect(hooks.calls[1]!.args).toEqual({ k: 10 });
    expect(decision.trace).toContainEqual({ phase: 'model', ruleId: 'personalised', outcome: 'failed', detail: 'personal_recs@champion failed: session crashed' });
    expect(decision.output).toMatchObject({ source: 'popular' });
  });

  it('uses the fallback when the model throws before returning a promise', async () => {
    const hooks = recordingHooks({ provider: popular });
    const decision = await decide(recommend, regularUser, {
      ...hooks,
      callModel: () => {
        throw new Error('synchronous failure');
      },
    });
    expect(decision.decidedBy.kind).toBe('fallback');
  });

  it('uses the fallback when the model does not answer within timeout_ms, and aborts the call', async () => {
    vi.useFakeTimers();
    let signal: AbortSignal | undefined;
    const hooks = recordingHooks({
      model: (_name, _version, _input, s) => {
        signal = s;
        return new Promise(() => {});
      },
      provider: popular,
    });
    const pending = decide(recommend, regularUser, hooks);
    await vi.advanceTimersByTimeAsync(199);
    expect(hooks.calls.map((c) => c.target)).toEqual(['model']);
    expect(signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const decision = await pending;
    expect(decision.decidedBy.kind).toBe('fallback');
    expect(signal?.aborted).toBe(true);
    expect(decision.trace).toContainEqual({ phase: 'model', ruleId: 'personalised', outcome: 'timed-out', detail: 'personal_recs@champion did not answer within 200 ms' });
  });

  it('ignores a model that answers after its timeout', async () => {
    vi.useFakeTimers();
    const hooks = recordingHooks({
      model: () => new Promise((resolve) => setTimeout(() => resolve({ items: [1], score: 0.9 }), 500)),
      provider: popular,
    });
    const pending = decide(recommend, regularUser, hooks);
    await vi.advanceTimersByTimeAsync(1_000);
    expect((await pending).decidedBy.kind).toBe('fallback');
  });

  const noFallback = compileRuleSet('name: r\nroute:\n  - id: only\n    model: { name: m, version: 2 }\n    timeout_ms: 50\n');

  it('lets the model error through when the rule has no fallback', async () => {
    const failure = new Error('model exploded');
    const error = await rejection(decide(noFallback, {}, recordingHooks({ model: () => Promise.reject(failure) })));
    expect(error).toBe(failure);
  });

  it('fails with MODEL_TIMEOUT when a model without fallback is too slow', async () => {
    vi.useFakeTimers();
    const pending = rejection(decide(noFallback, {}, recordingHooks({ model: () => new Promise(() => {}) })));
    await vi.advanceTimersByTimeAsync(50);
    const error = await pending;
    expect(isPitstopError(error) && error.code).toBe('MODEL_TIMEOUT');
    expect((error as Error).message).toBe("model m@2 did not answer within 50 ms (rule 'only'), and the rule has no fallback");
  });

  it('lets a failing fallback provider fail the decision', async () => {
    const hooks = recordingHooks({ model: () => Promise.reject(new Error('down')), provider: () => Promise.reject(new Error('also down')) });
    expect(((await rejection(decide(recommend, regularUser, hooks))) as Error).message).toBe('also down');
  });
});

describe('after rules', () => {
  it('never recommends an item the user already rated', async () => {
    const hooks = recordingHooks({ model: async () => ({ items: [1, 2, 3, 4, 5], score: 0.5 }) });
    const decision = await decide(recommend, regularUser, hooks);
    expect(decision.output).toMatchObject({ items: [1, 3, 5] });
    expect(decision.trace).toContainEqual({ phase: 'after', ruleId: 'never-rated', outcome: 'changed', detail: 'excluded 2 of 5' });
  });

  it('clamps a score and thresholds it into a decision', async () => {
    const scored = async (score: number | null) => (await decide(recommend, regularUser, recordingHooks({ model: async () => ({ items: [], score }) }))).output;
    expect(await scored(1.7)).toEqual({ items: [], score: 1, decision: 'approve' });
    expect(await scored(0.7)).toEqual({ items: [], score: 0.7, decision: 'approve' });
    expect(await scored(0.69)).toEqual({ items: [], score: 0.69, decision: 'review' });
    expect(await scored(-3)).toEqual({ items: [], score: 0, decision: 'review' });
    // A missing score is not a high score: the comparison is false and the decision is review.
    expect(await scored(null)).toEqual({ items: [], score: null, decision: 'review' });
  });

  it('lists only the after rules that changed the output, and traces every rule', async () => {
    const decision = await decide(recommend, regularUser, recordingHooks({ model: async () => ({ items: [7, 8], score: null, decision: 'review' }) }));
    expect(decision.applied).toEqual([]);
    expect(decision.trace.filter((t) => t.phase === 'after')).toEqual([
      { phase: 'after', ruleId: 'never-rated', outcome: 'unchanged' },
      { phase: 'after', ruleId: 'clamp-score', outcome: 'skipped', detail: 'its when does not hold' },
      { phase: 'after', ruleId: 'decide', outcome: 'unchanged' },
    ]);
    const changed = await decide(recommend, regularUser, recordingHooks({ model: async () => ({ items: [2, 7], score: 3 }) }));
    expect(changed.applied).toEqual(['never-rated', 'clamp-score', 'decide']);
  });

  it('never changes the object a model or provider returned', async () => {
    const answer = { items: [1, 2, 3], score: 2, meta: { nested: [2] } };
    const frozen = structuredClone(answer);
    const decision = await decide(recommend, regularUser, recordingHooks({ model: async () => answer }));
    expect(answer).toEqual(frozen);
    expect(decision.output).not.toBe(answer);
    expect((decision.output as { meta: unknown }).meta).toBe(answer.meta);
  });

  it('computes every field of one set rule from the output before it', async () => {
    const ruleSet = compileRuleSet(`name: r
route:
  - id: m
    model: { name: m }
after:
  - id: swap
    set: { a: output.b, b: output.a }
  - id: model-info
    set: { by: "concat(model.name, '@', model.version)", first: "output.a" }
`);
    const decision = await decide(ruleSet, {}, recordingHooks({ model: async () => ({ a: 1, b: 2 }) }));
    expect(decision.output).toEqual({ a: 2, b: 1, by: 'm@production', first: 2 });
  });

  it("sees 'model' as null when a provider answered", async () => {
    const ruleSet = compileRuleSet(`name: r
route:
  - id: p
    respond: { provider: p }
after:
  - id: mark
    set: { personalised: "model is not null" }
`);
    expect((await decide(ruleSet, {}, recordingHooks({ provider: async () => ({}) }))).output).toEqual({ personalised: false });
  });

  it('skips set and exclude rules, without failing, when the output does not have the expected shape', async () => {
    const ruleSet = compileRuleSet(`name: r
route:
  - id: p
    respond: { provider: p }
after:
  - id: exclude
    exclude: { items: output.items, where: "item == 1" }
  - id: set
    set: { x: 1 }
`);
    for (const answer of [null, 3, 'text', [1, 2], { items: 'not a list' }]) {
      const decision = await decide(ruleSet, {}, recordingHooks({ provider: async () => answer }));
      expect(decision.applied, JSON.stringify(answer)).toEqual(Array.isArray(answer) || answer === null || typeof answer !== 'object' ? [] : ['set']);
      expect(decision.trace.find((t) => t.ruleId === 'exclude')?.outcome).toBe('skipped');
    }
  });

  it('filters a list nested in the output, or the output itself', async () => {
    const ruleSet = compileRuleSet(`name: r
route:
  - id: p
    respond: { provider: p }
after:
  - id: nested
    exclude: { items: "output.pages[0].items", where: "item.id in request.blocked" }
`);
    const answer = { pages: [{ items: [{ id: 1 }, { id: 2 }, { id: 3 }], n: 1 }, { items: [{ id: 1 }] }] };
    const decision = await decide(ruleSet, { request: { blocked: [1, 3] } }, recordingHooks({ provider: async () => answer }));
    expect(decision.output).toEqual({ pages: [{ items: [{ id: 2 }], n: 1 }, { items: [{ id: 1 }] }] });

    const whole = compileRuleSet('name: r\nroute:\n  - id: p\n    respond: { provider: p }\nafter:\n  - id: all\n    exclude: { items: output, where: "item % 2 == 0" }\n');
    expect((await decide(whole, {}, recordingHooks({ provider: async () => [1, 2, 3, 4] }))).output).toEqual([1, 3]);
  });

  it('treats a model answer that is not JSON as null', async () => {
    const ruleSet = compileRuleSet('name: r\nroute:\n  - id: m\n    model: { name: m }\n');
    expect((await decide(ruleSet, {}, recordingHooks({ model: async () => new Map() }))).output).toBeNull();
  });
});

describe('the budget', () => {
  it('is one budget for the whole decision, reported in steps', async () => {
    const decision = await decide(recommend, regularUser, recordingHooks({ model: async () => ({ items: [1, 2, 3], score: 0.5 }) }));
    expect(decision.steps).toBeGreaterThan(0);
    const error = await rejection(decide(recommend, regularUser, recordingHooks({ model: async () => ({ items: [1, 2, 3], score: 0.5 }) }), { maxSteps: decision.steps - 1 }));
    expect(isPitstopError(error) && error.code).toBe('RULE_LIMIT_EXCEEDED');
  });

  it('stops an exclude over a huge list, naming the rule in the file', async () => {
    const rated = Array.from({ length: 3_000 }, (_, i) => i);
    const error = await rejection(decide(recommend, { features: { ratings_count: 50, rated_items: rated } }, recordingHooks({ model: async () => ({ items: rated.map((i) => -i - 1) }) })));
    expect(isPitstopError(error) && error.code).toBe('RULE_LIMIT_EXCEEDED');
    expect((error as Error).message).toBe('rules.yaml:14:47 (after[0].exclude.where): evaluation needs more than 1000000 steps');
  });
});
