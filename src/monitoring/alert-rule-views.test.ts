import { describe, expect, it } from 'vitest';
import { AlertRuleSchema } from '../alerts/index.js';
import type { StoredAlertState } from '../store/index.js';
import { alertRuleViews } from './alert-rule-views.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const rule = (name: string, model = 'm', threshold = 1) => AlertRuleSchema.parse({ name, model, metric: 'accuracy', op: '<', threshold, severity: 'warning' });
const state = (ruleName: string, status: string, silencedUntil: string | null = null): StoredAlertState => ({
  fingerprint: ruleName, model: 'm', ruleName, silencedUntil, updatedAt: NOW.toISOString(),
  state: { status, since: '2026-03-01T11:00:00Z', activeAt: null, firedAt: null, announced: false, lastValue: 0.5, evaluatedAt: '2026-03-01T11:00:00Z' },
});

describe('alert rule views', () => {
  it("lets a stored rule replace the file's rule of the same model and name, and sorts each model's rules by name", () => {
    const views = alertRuleViews([rule('b'), rule('a'), rule('a', 'other')], [{ model: 'm', name: 'b', rule: rule('b', 'm', 0.5), createdBy: 'u', createdAt: NOW.toISOString() }], [], NOW);
    expect(views.get('m')!.map((v) => [v.name, v.source, v.threshold])).toEqual([['a', 'config', 1], ['b', 'api', 0.5]]);
    expect(views.get('other')!.map((v) => v.name)).toEqual(['a']);
  });

  it('maps states to ok, pending or firing, with since and the last value; a rule never evaluated is ok', () => {
    const views = alertRuleViews([rule('a'), rule('b'), rule('c'), rule('d')], [], [state('a', 'firing'), state('b', 'pending'), state('c', 'resolved')], NOW).get('m')!;
    expect(views.map((v) => [v.state, v.lastValue])).toEqual([['firing', 0.5], ['pending', 0.5], ['ok', 0.5], ['ok', null]]);
    expect(views[0]!.since).toBe('2026-03-01T11:00:00.000Z');
    expect(views[3]!.since).toBeNull();
  });

  it('shows a silence only while it lasts, and leaves out stored rules that no longer parse', () => {
    const views = alertRuleViews([rule('a'), rule('b')], [{ model: 'm', name: 'x', rule: { name: 'x' }, createdBy: 'u', createdAt: NOW.toISOString() }], [state('a', 'firing', '2026-03-01T13:00:00Z'), state('b', 'firing', '2026-03-01T11:59:00Z')], NOW).get('m')!;
    expect(views.map((v) => [v.name, v.silencedUntil])).toEqual([['a', '2026-03-01T13:00:00Z'], ['b', null]]);
  });
});
