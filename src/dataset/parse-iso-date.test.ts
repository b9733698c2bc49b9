import { describe, expect, it } from 'vitest';
import { parseIsoDate } from './parse-iso-date.js';

describe('parseIsoDate', () => {
  it('reads dates and date-times without an offset as UTC', () => {
    expect(parseIsoDate('2012-01-31')).toBe(Date.UTC(2012, 0, 31));
    expect(parseIsoDate('2012-01-31T10:05')).toBe(Date.UTC(2012, 0, 31, 10, 5));
    expect(parseIsoDate('2012-01-31 10:05:30.25')).toBe(Date.UTC(2012, 0, 31, 10, 5, 30, 250));
    expect(parseIsoDate('2001-01-14T21:55:00.000Z')).toBe(Date.UTC(2001, 0, 14, 21, 55));
  });

  it('applies an offset', () => {
    expect(parseIsoDate('2012-01-31T10:00:00+02:00')).toBe(Date.UTC(2012, 0, 31, 8));
    expect(parseIsoDate('2012-01-31T10:00:00-0130')).toBe(Date.UTC(2012, 0, 31, 11, 30));
  });

  it('reads years before 100 as they are written', () => {
    expect(new Date(parseIsoDate('0050-06-01')!).getUTCFullYear()).toBe(50);
  });

  it('refuses what is not a real ISO-8601 date', () => {
    for (const text of ['2021-02-30', '2021-13-01', '2021-01-01T24:00', '31/01/2012', '2012', '2012-01-31T', 'yesterday', '']) {
      expect(parseIsoDate(text), text).toBeUndefined();
    }
  });
});
