import { describe, expect, it } from 'vitest';
import { fingerprint } from './fingerprint.js';
import { notificationFor, notificationSummary } from './notification.js';
import { alertRule, minute, replay } from './test-fixtures/alert-fixtures.js';

describe('fingerprint', () => {
  it('identifies a rule by model and name only, so editing its threshold keeps its alerts', () => {
    expect(fingerprint(alertRule({ threshold: 0.25 }))).toBe(fingerprint(alertRule({ threshold: 0.5, severity: 'critical' })));
    expect(fingerprint(alertRule())).toMatch(/^[0-9a-f]{16}$/);
  });

  it('tells apart rules whose model and name only differ in where a separator falls', () => {
    expect(fingerprint({ model: 'a/b', name: 'c' })).not.toBe(fingerprint({ model: 'a', name: 'b/c' }));
    expect(fingerprint({ model: 'churn', name: 'x' })).not.toBe(fingerprint({ model: 'fraud', name: 'x' }));
  });
});

describe('notificationFor', () => {
  const rule = alertRule({ severity: 'critical', description: 'age has drifted', labels: { team: 'ml' } });

  it('builds the firing notification of a firing transition', () => {
    const run = replay(rule, [0.1, 0.31]);
    const notification = notificationFor(rule, run.transitions[0]!, run.state);
    expect(notification).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      rule: 'psi-age',
      model: 'churn',
      metric: 'psi:age',
      value: 0.31,
      op: '>',
      threshold: 0.25,
      severity: 'critical',
      status: 'firing',
      startsAt: minute(1).toISOString(),
      at: minute(1).toISOString(),
      description: 'age has drifted',
      labels: { team: 'ml', model: 'churn', rule: 'psi-age', metric: 'psi:age', severity: 'critical', fingerprint: fingerprint(rule) },
    });
  });

  it('gives the resolved notification the startsAt of its firing and an id of its own', () => {
    const firing = replay(rule, [0.31]);
    const resolved = replay(rule, [0.31, 0.31, 0.1]);
    const first = notificationFor(rule, firing.transitions[0]!, firing.state)!;
    const last = notificationFor(rule, resolved.transitions[1]!, resolved.state)!;
    expect(last).toMatchObject({ status: 'resolved', value: 0.1, startsAt: minute(0).toISOString(), at: minute(2).toISOString() });
    expect(last.id).not.toBe(first.id);
  });

  it('gives the same id when the same transition is turned into a notification again, so receivers can deduplicate', () => {
    const a = replay(rule, [0.31]);
    const b = replay(rule, [0.31]);
    expect(notificationFor(rule, a.transitions[0]!, a.state)!.id).toBe(notificationFor(rule, b.transitions[0]!, b.state)!.id);
  });

  it('gives each firing episode of a rule a different id', () => {
    const run = replay(rule, [0.31, 0.1, 0.1, 0.31]);
    const first = notificationFor(rule, run.transitions[0]!, replay(rule, [0.31]).state)!;
    const second = notificationFor(rule, run.transitions[3]!, run.state)!;
    expect(second.id).not.toBe(first.id);
  });

  it('builds nothing for transitions that call for no notification', () => {
    const pending = replay(alertRule({ for: '5m' }), [0.31]);
    expect(notificationFor(rule, pending.transitions[0]!, pending.state)).toBeNull();
    const silenced = replay(rule, [0.31], { silenced: [0, 5] });
    expect(notificationFor(rule, silenced.transitions[0]!, silenced.state)).toBeNull();
  });

  it('describes the alert in words when the rule has no description', () => {
    const plain = alertRule();
    const run = replay(plain, [0.31]);
    expect(notificationFor(plain, run.transitions[0]!, run.state)!.description).toBe('psi:age of model churn is > 0.25');
  });
});

describe('notificationSummary', () => {
  it('puts status, severity, rule and the comparison on one line', () => {
    const run = replay(alertRule({ severity: 'critical' }), [0.31]);
    expect(notificationSummary(notificationFor(alertRule({ severity: 'critical' }), run.transitions[0]!, run.state)!)).toBe('[FIRING critical] churn/psi-age: psi:age = 0.31 (> 0.25)');
  });
});
