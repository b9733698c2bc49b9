import { describe, expect, it } from 'vitest';
import { civilFromDays, datePartsOfSeconds, daysFromCivil } from './date-parts.js';

describe('datePartsOfSeconds', () => {
  it('agrees with Date on instants from year -2000 to 3000, with Monday as day 0', () => {
    let state = 12345;
    const from = Date.UTC(-2000, 0, 1) / 1000;
    const to = Date.UTC(3000, 0, 1) / 1000;
    for (let i = 0; i < 20_000; i += 1) {
      state = (state * 48271) % 2147483647;
      const seconds = Math.floor(from + (state / 2147483647) * (to - from));
      const date = new Date(seconds * 1000);
      const startOfYear = new Date(0);
      startOfYear.setUTCFullYear(date.getUTCFullYear(), 0, 1);
      const dayOfYear = Math.floor((date.getTime() - startOfYear.getTime()) / 86_400_000) + 1;
      expect(datePartsOfSeconds(seconds, ['year', 'month', 'day', 'dayofweek', 'hour', 'dayofyear']), date.toISOString()).toEqual([
        date.getUTCFullYear(),
        date.getUTCMonth() + 1,
        date.getUTCDate(),
        (date.getUTCDay() + 6) % 7,
        date.getUTCHours(),
        dayOfYear,
      ]);
    }
  });

  it('knows leap years and the last second before midnight', () => {
    expect(datePartsOfSeconds(Date.UTC(2000, 1, 29, 23, 59, 59) / 1000, ['month', 'day', 'hour', 'dayofyear'])).toEqual([2, 29, 23, 60]);
    expect(datePartsOfSeconds(Date.UTC(1900, 11, 31) / 1000, ['dayofyear'])).toEqual([365]);
    expect(datePartsOfSeconds(-1, ['year', 'month', 'day', 'hour', 'dayofweek'])).toEqual([1969, 12, 31, 23, 2]);
  });

  it('inverts days_from_civil with civil_from_days', () => {
    for (const days of [-800_000, -1, 0, 59, 10_957, 2_932_896]) {
      const { year, month, day } = civilFromDays(days);
      expect(daysFromCivil(year, month, day)).toBe(days);
    }
  });
});
