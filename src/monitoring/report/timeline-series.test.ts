import { describe, expect, it } from 'vitest';
import type { AlertEvent, TimelinePoint } from './monitoring-report.js';
import { timeDomain } from './timeline-series.js';

const HOUR = 3_600_000;
const DAY_START = Date.parse('2025-01-31T00:00:00Z');
const iso = (hours: number) => new Date(DAY_START + hours * HOUR).toISOString();
const window = { from: iso(0), to: iso(24), label: 'last 24h' };
const point = (from: number, to: number) => ({ version: 1, windowStart: iso(from), windowEnd: iso(to) }) as TimelinePoint;
const alert = (at: number) => ({ rule: 'r', metric: 'rmse', from: 'inactive', to: 'firing', at: iso(at), value: 9, threshold: 6, severity: 'critical' }) as AlertEvent;

describe('timeDomain', () => {
  it('starts at the first window when the model was served only late in the period, and ends with the period', () => {
    expect(timeDomain({ window, timeline: [point(23.5, 23.75), point(23.75, 23.8)], alerts: [alert(23.8)] })).toEqual([DAY_START + 23.5 * HOUR, DAY_START + 24 * HOUR]);
  });

  it('widens to a window or an alert outside the period', () => {
    expect(timeDomain({ window, timeline: [point(-1, 0)], alerts: [alert(25)] })).toEqual([DAY_START - HOUR, DAY_START + 25 * HOUR]);
  });

  it('is the period itself when nothing happened in it', () => {
    expect(timeDomain({ window, timeline: [], alerts: [] })).toEqual([DAY_START, DAY_START + 24 * HOUR]);
    expect(timeDomain({ window: { from: 'x', to: 'y', label: '?' }, timeline: [], alerts: [] })).toEqual([0, 1]);
  });
});
