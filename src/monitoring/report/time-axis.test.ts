import { describe, expect, it } from 'vitest';
import { formatInstant, timeAxisLabel, timeTicks } from './time-axis.js';

const at = (iso: string) => Date.parse(iso);

describe('timeTicks', () => {
  it('puts ticks at round UTC steps, times of day within a day and the date at midnight', () => {
    expect(timeTicks([at('2025-01-31T00:00:00Z'), at('2025-01-31T06:00:00Z')], 4)).toEqual([
      { at: at('2025-01-31T00:00:00Z'), label: '01-31' },
      { at: at('2025-01-31T02:00:00Z'), label: '02:00' },
      { at: at('2025-01-31T04:00:00Z'), label: '04:00' },
      { at: at('2025-01-31T06:00:00Z'), label: '06:00' },
    ]);
    expect(timeTicks([at('2025-01-30T21:10:00Z'), at('2025-01-31T02:50:00Z')], 5).map((t) => t.label)).toEqual(['22:00', '01-31', '02:00']);
  });

  it('labels ticks by date from a day’s step up, with the year when the span crosses one', () => {
    // Steps of several days fall on multiples of the step since the epoch: the same days in every chart.
    expect(timeTicks([at('2025-01-01T00:00:00Z'), at('2025-01-08T00:00:00Z')], 4).map((t) => t.label)).toEqual(['01-02', '01-04', '01-06', '01-08']);
    expect(timeTicks([at('2024-12-30T00:00:00Z'), at('2025-01-02T00:00:00Z')], 4).map((t) => t.label)).toEqual(['2024-12-30', '2024-12-31', '2025-01-01', '2025-01-02']);
  });

  it('gives a single tick for a span without width', () => {
    expect(timeTicks([at('2025-01-31T12:00:00Z'), at('2025-01-31T12:00:00Z')])).toHaveLength(1);
  });
});

describe('formatInstant and timeAxisLabel', () => {
  it('write instants to the minute in UTC, and hand back what is not a date', () => {
    expect(formatInstant('2025-01-31T14:05:59.999+02:00')).toBe('2025-01-31 12:05 UTC');
    expect(formatInstant('yesterday')).toBe('yesterday');
    expect(timeAxisLabel([at('2025-01-30T12:00:00Z'), at('2025-01-31T12:00:00Z')])).toBe('UTC · 2025-01-30 → 2025-01-31');
  });
});
