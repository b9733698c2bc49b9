import { describe, expect, it } from 'vitest';
import { datetimeEpochSeconds } from './datetime-feature.js';

describe('datetimeEpochSeconds', () => {
  it('reads a date alone as midnight UTC and a date-time without an offset as UTC', () => {
    expect(datetimeEpochSeconds('1970-01-02')).toBe(86_400);
    expect(datetimeEpochSeconds('2024-05-01T12:00:00')).toBe(Date.UTC(2024, 4, 1, 12) / 1000);
    expect(datetimeEpochSeconds('2024-05-01 12:00')).toBe(Date.UTC(2024, 4, 1, 12) / 1000);
  });

  it('honours an explicit offset and floors fractions of a second', () => {
    expect(datetimeEpochSeconds('2024-05-01T12:00:00+02:00')).toBe(Date.UTC(2024, 4, 1, 10) / 1000);
    expect(datetimeEpochSeconds('1970-01-01T00:00:01.999Z')).toBe(1);
    expect(datetimeEpochSeconds(-1)).toBe(-1);
  });

  it('takes numbers as epoch milliseconds and refuses what is not a date', () => {
    expect(datetimeEpochSeconds(1_500)).toBe(1);
    for (const bad of ['1', 'May 1', '2024-02-30', '2024-05-01T25:00', Number.NaN, true, null]) expect(datetimeEpochSeconds(bad)).toBeNull();
  });
});
