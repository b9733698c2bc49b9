// Calendar parts of an instant given in epoch seconds (UTC), by integer arithmetic only: the graph does the same
// divisions on int64 (emit-date-parts-onnx.ts), so both agree on every date, including before 1970.
import type { DatePart } from './feature-pipeline-config.js';

const SECONDS_PER_DAY = 86_400;

/**
 * year; month 1-12; day 1-31; dayofweek 0-6 with Monday = 0 (as pandas' dayofweek, not ISO's 1-7); hour 0-23;
 * dayofyear 1-366. `seconds` must be a whole number.
 */
export function datePartsOfSeconds(seconds: number, parts: readonly DatePart[]): number[] {
  const secondOfDay = floorMod(seconds, SECONDS_PER_DAY);
  const days = (seconds - secondOfDay) / SECONDS_PER_DAY;
  const civil = civilFromDays(days);
  return parts.map((part) => {
    if (part === 'year') return civil.year;
    if (part === 'month') return civil.month;
    if (part === 'day') return civil.day;
    // 1970-01-01 was a Thursday (3 when Monday is 0).
    if (part === 'dayofweek') return floorMod(days + 3, 7);
    if (part === 'hour') return Math.trunc(secondOfDay / 3600);
    return days - daysFromCivil(civil.year, 1, 1) + 1;
  });
}

/** Howard Hinnant's civil_from_days: days since 1970-01-01 to a proleptic Gregorian date, counting in 400-year eras from March. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const dayOfEra = floorMod(z, 146_097);
  const era = (z - dayOfEra) / 146_097;
  const yearOfEra = Math.trunc((dayOfEra - Math.trunc(dayOfEra / 1460) + Math.trunc(dayOfEra / 36_524) - Math.trunc(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.trunc(yearOfEra / 4) - Math.trunc(yearOfEra / 100));
  const monthFromMarch = Math.trunc((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.trunc((153 * monthFromMarch + 2) / 5) + 1;
  const month = ((monthFromMarch + 2) % 12) + 1;
  const year = yearOfEra + era * 400 + Math.trunc(monthFromMarch / 10);
  return { year, month, day };
}

/** Howard Hinnant's days_from_civil, the inverse, for January 1st when counting the day of the year. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const yearOfEra = floorMod(y, 400);
  const era = (y - yearOfEra) / 400;
  const monthFromMarch = month > 2 ? month - 3 : month + 9;
  const dayOfYear = Math.trunc((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.trunc(yearOfEra / 4) - Math.trunc(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The remainder with the divisor's sign, as ONNX Mod (fmod=0) computes it on integers. */
export function floorMod(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}
