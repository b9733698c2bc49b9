// Dry runs: which past decisions a rule-set change would alter, replaying the model outputs that were logged.
import { describe, expect, it } from 'vitest';
import { compareDecisions, type LoggedDecisionCase } from './compare-decisions.js';
import { compileRuleSet } from './compile-rule-set.js';
import { RECOMMEND_RULES } from './test-fixtures/rule-fixtures.js';

const deployed = compileRuleSet(RECOMMEND_RULES);
// The candidate sends users with fewer than 20 ratings (not 10) to the popular list and approves from 0.8 (not 0.7).
const candidate = compileRuleSet(RECOMMEND_RULES.replace('features.ratings_count < 10', 'features.ratings_count < 20').replace('>= 0.7', '>= 0.8'));

const popular = { items: [100, 101], score: null };
const logged = (id: string, ratings: number, score: number | null): LoggedDecisionCase => ({
  id,
  context: { features: { ratings_count: ratings, rated_items: [1] } },
  modelOutputs: { 'personal_recs@champion': { items: [1, 2, 3], score } },
  providerOutputs: { top_popular: popular },
});

describe('compareDecisions', () => {
  it('counts the decisions a candidate rule set would change and shows examples', async () => {
    const cases = [logged('cold', 5, null), logged('warming', 15, 0.9), logged('borderline', 50, 0.75), logged('confident', 50, 0.95), logged('low', 50, 0.2)];
    const report = await compareDecisions(deployed, candidate, cases);
    expect(report).toMatchObject({ total: 5, compared: 5, changed: 2, unchanged: 3, notReplayable: 0 });
    expect(report.transitions).toEqual([
      { from: 'personalised/model', to: 'cold-start/respond', count: 1 },
      { from: 'personalised/model', to: 'personalised/model', count: 1 },
    ]);
    expect(report.examples.map((e) => e.id)).toEqual(['warming', 'borderline']);
    expect(report.examples[1]).toEqual({
      id: 'borderline',
      baseline: { decidedBy: { ruleSetName: 'recommend', ruleId: 'personalised', kind: 'model' }, output: { items: [2, 3], score: 0.75, decision: 'approve' }, error: null },
      candidate: { decidedBy: { ruleSetName: 'recommend', ruleId: 'personalised', kind: 'model' }, output: { items: [2, 3], score: 0.75, decision: 'review' }, error: null },
    });
  });

  it('reports no change when comparing a rule set with itself', async () => {
    const cases = [logged('a', 5, null), logged('b', 50, 0.75)];
    expect(await compareDecisions(deployed, deployed, cases)).toMatchObject({ total: 2, changed: 0, unchanged: 2, examples: [], transitions: [] });
  });

  it('keeps at most maxExamples examples but counts every change', async () => {
    const cases = Array.from({ length: 10 }, (_, i) => logged(`case-${i}`, 15, 0.5));
    const report = await compareDecisions(deployed, candidate, cases, { maxExamples: 3 });
    expect(report.changed).toBe(10);
    expect(report.examples.map((e) => e.id)).toEqual(['case-0', 'case-1', 'case-2']);
  });

  it('sets aside cases that call a model or provider whose answer was not logged', async () => {
    const challenger = compileRuleSet(RECOMMEND_RULES.replace('version: "champion"', 'version: "challenger"'));
    const report = await compareDecisions(deployed, challenger, [logged('a', 50, 0.9), logged('b', 5, null)]);
    expect(report).toMatchObject({ total: 2, compared: 1, unchanged: 1, notReplayable: 1 });
    expect(report.notReplayableExamples).toEqual([{ id: 'a', missing: ['model personal_recs@challenger'] }]);
  });

  it('finds a logged output by model name alone, and computes provider answers when told how', async () => {
    const cases: LoggedDecisionCase[] = [{ context: { request: { k: 2 }, features: { ratings_count: 15 } }, modelOutputs: { personal_recs: { items: [5], score: 0.9 } } }];
    const report = await compareDecisions(deployed, candidate, cases, { callProvider: async (_name, args) => ({ items: Array.from({ length: Number(args.k) }, (_, i) => i) }) });
    expect(report).toMatchObject({ compared: 1, changed: 1, notReplayable: 0 });
    expect(report.examples[0]).toMatchObject({ id: '0', baseline: { output: { items: [5], score: 0.9, decision: 'approve' } }, candidate: { output: { items: [0, 1] } } });
  });

  it('reports a decision that would now fail, by its error code', async () => {
    const strict = compileRuleSet('name: strict\nroute:\n  - id: known\n    when: features.ratings_count > 100\n    model: { name: personal_recs, version: champion }\n');
    const report = await compareDecisions(deployed, strict, [logged('a', 50, 0.9)]);
    expect(report.transitions).toEqual([{ from: 'personalised/model', to: 'error RULE_NO_ROUTE', count: 1 }]);
    expect(report.examples[0]!.candidate).toMatchObject({ decidedBy: null, output: null, error: expect.stringMatching(/^RULE_NO_ROUTE: /) });
  });

  describe('a logged model answer answers only the input it was given', () => {
    const scoring = (input: string) => compileRuleSet(`name: scoring
route:
  - id: scored
    model: { name: m, input: { x: ${input} } }
`);
    const cases: LoggedDecisionCase[] = [{ id: 'a', context: { request: { amount: 3 } }, modelOutputs: { m: { value: 10 } } }];

    it('reuses the logged answer when the candidate sends the model the same input', async () => {
      const calls: unknown[] = [];
      const report = await compareDecisions(scoring('request.amount'), scoring('request.amount + 0'), cases, { callModel: async (_n, _v, input) => (calls.push(input), { value: -1 }) });
      expect(report).toMatchObject({ compared: 1, unchanged: 1 });
      expect(calls).toEqual([]);
    });

    it('runs the model for a different input, and without a way to run it, says the case cannot be replayed', async () => {
      const calls: unknown[] = [];
      const run = await compareDecisions(scoring('request.amount'), scoring('request.amount * 2'), cases, { callModel: async (_n, _v, input) => (calls.push(input), { value: 20 }) });
      expect(calls).toEqual([{ x: 6 }]);
      expect(run).toMatchObject({ compared: 1, changed: 1 });
      expect(run.examples[0]).toMatchObject({ baseline: { output: { value: 10 } }, candidate: { output: { value: 20 } } });
      const noRunner = await compareDecisions(scoring('request.amount'), scoring('request.amount * 2'), cases);
      expect(noRunner).toMatchObject({ compared: 0, notReplayable: 1 });
    });

    it('takes the logged input when the case has it, over what the baseline would send', async () => {
      const withInput: LoggedDecisionCase[] = [{ ...cases[0]!, modelInputs: { m: { x: 6 } } }];
      const report = await compareDecisions(scoring('request.amount'), scoring('request.amount * 2'), withInput);
      expect(report).toMatchObject({ notReplayable: 1 });
      expect(report.notReplayableExamples[0]!.missing[0]).toMatch(/^model m@/);
    });
  });
});
