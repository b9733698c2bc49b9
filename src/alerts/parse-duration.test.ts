import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './parse-duration.js';

describe('parseDuration', () => {
  it.each([
    ['0s', 0],
    ['250ms', 250],
    ['90s', 90_000],
    ['15m', 900_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['1w', 604_800_000],
    ['1h30m', 5_400_000],
    ['1d2h3m4s5ms', 93_784_005],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ['', /is empty/],
    ['15', /"15" has no unit; write e.g. "15s" or "15m"/],
    ['-5m', /is negative/],
    ['5y', /unknown unit "y"/],
    ['1.5h', /fraction in "1.5h"; use a smaller unit instead/],
    ['30m1h', /out of order or twice/],
    ['5m5m', /out of order or twice/],
    ['five minutes', /not a number followed by a unit/],
    ['1h30', /not a number followed by a unit/],
  ])('refuses %j, saying why', (text, message) => {
    expect(() => parseDuration(text)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', message: expect.stringMatching(message) }));
  });
});

describe('formatDuration', () => {
  it('writes durations the way rule files do, so messages echo the rule', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(parseDuration('1d2h3m4s5ms'))).toBe('1d2h3m4s5ms');
  });
});
