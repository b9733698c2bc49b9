import { describe, expect, it } from 'vitest';
import { alertLanes } from './alert-lanes.js';
import type { AlertEvent } from './monitoring-report.js';

const T0 = Date.parse('2025-01-31T00:00:00Z');
const HOUR = 3_600_000;
const WINDOW = [T0, T0 + 10 * HOUR] as const;

function event(rule: string, from: AlertEvent['from'], to: AlertEvent['to'], hour: number, severity: AlertEvent['severity'] = 'warning'): AlertEvent {
  return { rule, metric: 'drift_share', from, to, at: new Date(T0 + hour * HOUR).toISOString(), value: 0.6, threshold: 0.5, severity };
}

describe('alertLanes', () => {
  it('turns pending → firing → resolved into a pending and a firing period', () => {
    const [lane] = alertLanes([event('r', 'inactive', 'pending', 1), event('r', 'pending', 'firing', 2), event('r', 'firing', 'resolved', 4)], WINDOW);
    expect(lane).toMatchObject({ rule: 'r', status: 'resolved' });
    expect(lane!.periods).toEqual([
      { status: 'pending', from: T0 + HOUR, to: T0 + 2 * HOUR, open: false },
      { status: 'firing', from: T0 + 2 * HOUR, to: T0 + 4 * HOUR, open: false },
    ]);
  });

  it('starts a period at the window’s opening when the rule was already firing, and leaves one open at its close', () => {
    const [lane] = alertLanes([event('r', 'firing', 'resolved', 3), event('r', 'resolved', 'firing', 8, 'critical')], WINDOW);
    expect(lane!.periods).toEqual([
      { status: 'firing', from: T0, to: T0 + 3 * HOUR, open: false },
      { status: 'firing', from: T0 + 8 * HOUR, to: T0 + 10 * HOUR, open: true },
    ]);
    expect(lane).toMatchObject({ status: 'firing', severity: 'critical' });
  });

  it('keeps one firing period across a firing → firing announcement after a silence', () => {
    const [lane] = alertLanes([event('r', 'inactive', 'firing', 1), event('r', 'firing', 'firing', 2), event('r', 'firing', 'resolved', 5)], WINDOW);
    expect(lane!.periods).toEqual([{ status: 'firing', from: T0 + HOUR, to: T0 + 5 * HOUR, open: false }]);
  });

  it('gives each rule its own lane in order of first event, reads events in time order, and skips times that are not dates', () => {
    const lanes = alertLanes(
      [event('b', 'pending', 'firing', 2), event('a', 'inactive', 'pending', 3), event('b', 'inactive', 'pending', 1), { ...event('a', 'pending', 'firing', 4), at: 'soon' }],
      WINDOW,
    );
    expect(lanes.map((lane) => lane.rule)).toEqual(['b', 'a']);
    expect(lanes[0]!.periods.map((p) => p.status)).toEqual(['pending', 'firing']);
    expect(lanes[1]!.periods).toEqual([{ status: 'pending', from: T0 + 3 * HOUR, to: T0 + 10 * HOUR, open: true }]);
  });
});
