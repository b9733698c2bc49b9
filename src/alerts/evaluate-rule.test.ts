import { describe, expect, it } from 'vitest';
import { AlertStateSchema } from './alert-state.js';
import { evaluateRule, observationFor } from './evaluate-rule.js';
import { alertRule, minute, moves, replay } from './test-fixtures/alert-fixtures.js';

const HIGH = 0.31;
const LOW = 0.1;
const repeat = <T>(value: T, times: number): T[] => Array.from({ length: times }, () => value);

describe('evaluateRule: firing', () => {
  it('fires at the first breach when `for` is 0s, skipping pending', () => {
    const run = replay(alertRule({ for: '0s' }), [HIGH]);
    expect(moves(run)).toEqual(['inactive→firing@0']);
    expect(run.notifications).toEqual(['firing@0']);
    expect(run.state).toMatchObject({ status: 'firing', activeAt: minute(0), firedAt: minute(0), since: minute(0), lastValue: HIGH });
  });

  it('starts pending at a breach and fires once the breach has lasted `for`, counting the boundary as elapsed', () => {
    const run = replay(alertRule({ for: '5m' }), repeat(HIGH, 7));
    expect(moves(run)).toEqual(['inactive→pending@0', 'pending→firing@5']);
    expect(run.notifications).toEqual(['firing@5']);
    expect(run.state).toMatchObject({ status: 'firing', activeAt: minute(0), firedAt: minute(5), since: minute(5) });
    expect(run.transitions[1]!.reason).toBe('psi:age 0.31 > 0.25 for 5m');
  });

  it('never fires when pending recovers before `for`, and restarts the clock at the next breach', () => {
    const run = replay(alertRule({ for: '5m' }), [HIGH, HIGH, HIGH, HIGH, LOW, HIGH, HIGH, HIGH, HIGH, HIGH, HIGH]);
    expect(moves(run)).toEqual(['inactive→pending@0', 'pending→inactive@4', 'inactive→pending@5', 'pending→firing@10']);
    expect(run.transitions.filter((t) => t.notify)).toHaveLength(1);
  });

  it('treats a value equal to the threshold as a breach for >= and <=, and not for > and <', () => {
    expect(replay(alertRule({ op: '>=', threshold: 0.25 }), [0.25]).state.status).toBe('firing');
    expect(replay(alertRule({ op: '>', threshold: 0.25 }), [0.25]).state.status).toBe('inactive');
    expect(replay(alertRule({ metric: 'accuracy', op: '<=', threshold: 0.85 }), [0.85]).state.status).toBe('firing');
    expect(replay(alertRule({ metric: 'accuracy', op: '<', threshold: 0.85 }), [0.85]).state.status).toBe('inactive');
  });
});

describe('evaluateRule: resolving with hysteresis', () => {
  it('keeps a value hovering around the threshold firing once, instead of flapping', () => {
    const rule = alertRule({ threshold: 0.25, resolveThreshold: 0.2 });
    const hovering = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 0.26 : 0.24));
    const run = replay(rule, hovering);
    expect(moves(run)).toEqual(['inactive→firing@0']);
    expect(run.notifications).toEqual(['firing@0']);
  });

  it('flaps on every crossing without a resolve threshold, which is what hysteresis is for', () => {
    const run = replay(alertRule({ threshold: 0.25 }), [0.26, 0.24, 0.26, 0.24]);
    expect(run.notifications).toEqual(['firing@0', 'resolved@1', 'firing@2', 'resolved@3']);
  });

  it('does not fire at all on a hovering value when `for` asks for a sustained breach', () => {
    const run = replay(alertRule({ for: '2m' }), Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 0.26 : 0.24)));
    expect(run.notifications).toEqual([]);
  });

  it('resolves a > rule once the value is at or below resolveThreshold, and not before', () => {
    const rule = alertRule({ op: '>', threshold: 0.25, resolveThreshold: 0.2 });
    expect(replay(rule, [0.3, 0.21]).state.status).toBe('firing');
    const run = replay(rule, [0.3, 0.21, 0.2]);
    expect(moves(run)).toEqual(['inactive→firing@0', 'firing→resolved@2']);
    expect(run.transitions[1]!.reason).toBe('psi:age 0.2 no longer > 0.2');
    expect(run.state).toMatchObject({ status: 'resolved', activeAt: null, firedAt: minute(0), since: minute(2) });
  });

  it('resolves a < rule (accuracy dropping) once the value climbs back to resolveThreshold', () => {
    const rule = alertRule({ metric: 'accuracy', op: '<', threshold: 0.85, resolveThreshold: 0.88 });
    const run = replay(rule, [0.91, 0.84, 0.86, 0.87, 0.88]);
    expect(moves(run)).toEqual(['inactive→firing@1', 'firing→resolved@4']);
  });

  it('after resolving, goes inactive on a clear value, or pending (or firing) again on a new breach', () => {
    expect(moves(replay(alertRule(), [HIGH, LOW, LOW]))).toEqual(['inactive→firing@0', 'firing→resolved@1', 'resolved→inactive@2']);
    expect(moves(replay(alertRule({ for: '1m' }), [HIGH, HIGH, LOW, HIGH, HIGH]))).toEqual([
      'inactive→pending@0',
      'pending→firing@1',
      'firing→resolved@2',
      'resolved→pending@3',
      'pending→firing@4',
    ]);
    const refired = replay(alertRule(), [HIGH, LOW, HIGH]);
    expect(moves(refired)).toEqual(['inactive→firing@0', 'firing→resolved@1', 'resolved→firing@2']);
    expect(refired.state.firedAt).toEqual(minute(2));
  });
});

describe('evaluateRule: deduplication', () => {
  it('raises nothing over 30 evaluations of a stable value that does not breach', () => {
    const run = replay(alertRule({ for: '5m' }), repeat(LOW, 30));
    expect(run.transitions).toEqual([]);
    expect(run.state).toMatchObject({ status: 'inactive', since: minute(0), lastValue: LOW, evaluatedAt: minute(29) });
  });

  it('notifies once over 30 evaluations of a stable breaching value', () => {
    const run = replay(alertRule({ for: '5m' }), repeat(HIGH, 30));
    expect(moves(run)).toEqual(['inactive→pending@0', 'pending→firing@5']);
    expect(run.notifications).toEqual(['firing@5']);
  });

  it('notifies exactly once when an alert starts firing and once when it resolves, however long it fires', () => {
    const run = replay(alertRule({ resolveThreshold: 0.2 }), [...repeat(HIGH, 50), ...repeat(0.22, 10), ...repeat(LOW, 10)]);
    expect(run.notifications).toEqual(['firing@0', 'resolved@60']);
  });

  it('ignores an observation that is not newer than the last one, so re-running an evaluation changes nothing', () => {
    const first = evaluateRule(alertRule(), undefined, { at: minute(0), value: HIGH });
    expect(first.transition?.notify).toBe(true);
    const again = evaluateRule(alertRule(), first.state, { at: minute(0), value: HIGH });
    expect(again).toEqual({ state: first.state, transition: null });
    const older = evaluateRule(alertRule(), first.state, { at: minute(-1), value: LOW });
    expect(older).toEqual({ state: first.state, transition: null });
  });
});

describe('evaluateRule: missing data', () => {
  it('neither fires nor changes an inactive rule', () => {
    const run = replay(alertRule(), [null, null, null]);
    expect(run.transitions).toEqual([]);
    expect(run.state).toMatchObject({ status: 'inactive', lastValue: null, evaluatedAt: minute(2) });
  });

  it('does not resolve a firing alert, however long the data is missing', () => {
    const run = replay(alertRule(), [HIGH, ...repeat(null, 20)]);
    expect(moves(run)).toEqual(['inactive→firing@0']);
    expect(run.state).toMatchObject({ status: 'firing', lastValue: HIGH, evaluatedAt: minute(20) });
  });

  it('does not fire a pending alert on missing data, but keeps its clock running for the next breach', () => {
    const rule = alertRule({ for: '5m' });
    const gap = replay(rule, [HIGH, null, null, null, null, null, null]);
    expect(gap.state.status).toBe('pending');
    expect(moves(replay(rule, [HIGH, null, null, null, null, null, null, HIGH]))).toEqual(['inactive→pending@0', 'pending→firing@7']);
  });

  it('treats NaN as missing data rather than as a clear value', () => {
    const run = replay(alertRule(), [HIGH, Number.NaN, Number.NaN]);
    expect(run.state.status).toBe('firing');
    expect(run.transitions).toHaveLength(1);
  });

  it('starts an unseen rule as inactive when its first observation is missing', () => {
    const { state, transition } = evaluateRule(alertRule(), undefined, { at: minute(0), value: null });
    expect(transition).toBeNull();
    expect(state).toEqual({ status: 'inactive', since: minute(0), activeAt: null, firedAt: null, announced: false, lastValue: null, evaluatedAt: minute(0) });
  });
});

describe('evaluateRule: silences', () => {
  it('tracks an alert that fires inside a silence but marks the transition silenced and due no notification', () => {
    const run = replay(alertRule(), [HIGH], { silenced: [0, 10] });
    expect(run.transitions[0]).toMatchObject({ from: 'inactive', to: 'firing', silenced: true, notify: false });
    expect(run.state).toMatchObject({ status: 'firing', announced: false });
  });

  it('announces an alert still firing when its silence ends, once, and then its resolution', () => {
    const run = replay(alertRule(), [...repeat(HIGH, 15), LOW], { silenced: [0, 10] });
    expect(moves(run)).toEqual(['inactive→firing@0', 'firing→firing@10', 'firing→resolved@15']);
    expect(run.notifications).toEqual(['firing@10', 'resolved@15']);
    expect(run.transitions[1]!.reason).toContain('silence has ended');
  });

  it('sends nothing for an alert that fires and resolves inside a silence', () => {
    const run = replay(alertRule(), [LOW, HIGH, HIGH, LOW, LOW, LOW], { silenced: [0, 5] });
    expect(moves(run)).toEqual(['inactive→firing@1', 'firing→resolved@3', 'resolved→inactive@4']);
    expect(run.notifications).toEqual([]);
    expect(run.transitions.slice(0, 3).every((t) => t.silenced)).toBe(true);
  });

  it('sends no "resolved" for a firing that was never announced', () => {
    const run = replay(alertRule(), [HIGH, HIGH, LOW], { silenced: [0, 2] });
    expect(run.transitions[1]).toMatchObject({ to: 'resolved', silenced: false, notify: false });
    expect(run.notifications).toEqual([]);
  });

  it('suppresses the resolution of an announced alert that resolves inside a silence', () => {
    const run = replay(alertRule(), [HIGH, HIGH, LOW], { silenced: [1, 5] });
    expect(run.notifications).toEqual(['firing@0']);
    expect(run.transitions[1]).toMatchObject({ to: 'resolved', silenced: true, notify: false });
  });

  it('ends a silence at silencedUntil itself', () => {
    const { transition } = evaluateRule(alertRule(), undefined, { at: minute(5), value: HIGH }, minute(5));
    expect(transition).toMatchObject({ silenced: false, notify: true });
  });
});

describe('alert state', () => {
  it('survives a round trip through JSON, and evaluation carries on from it as if it never left', () => {
    const rule = alertRule({ for: '5m' });
    const before = replay(rule, repeat(HIGH, 3)).state;
    const restored = AlertStateSchema.parse(JSON.parse(JSON.stringify(before)));
    expect(restored).toEqual(before);
    expect(moves(replay(rule, repeat(HIGH, 3), { state: restored, firstMinute: 3 }))).toEqual(['pending→firing@5']);
  });
});

describe('observationFor', () => {
  it("takes the rule's metric from one evaluation's metrics, and null when the job did not report it", () => {
    const metrics = { 'psi:age': 0.31, drift_share: 0.4, accuracy: null };
    expect(observationFor({ metric: 'psi:age' }, metrics, minute(0))).toEqual({ at: minute(0), value: 0.31 });
    expect(observationFor({ metric: 'accuracy' }, metrics, minute(0)).value).toBeNull();
    expect(observationFor({ metric: 'p99_latency_ms' }, metrics, minute(0)).value).toBeNull();
    expect(observationFor({ metric: 'toString' }, metrics, minute(0)).value).toBeNull();
  });
});
