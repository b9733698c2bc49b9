// The one reading of ISO-8601 date and date-time text that type inference, time splits and feature pipelines share.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Milliseconds since 1970-01-01T00:00:00Z, or undefined when `text` is not an ISO-8601 date (`2012-01-31`) or
 * date-time (`2012-01-31T10:00`, `...:00.250Z`, `...+02:00`; a space may stand for the T). Text without an offset is
 * read as UTC, not as the machine's local time (which Date.parse would use for a date-time), so a value means the same
 * on every server. Digits past milliseconds are dropped.
 */
export function parseIsoDate(text: string): number | undefined {
  const match = ISO_DATE.exec(text);
  if (match === null) return undefined;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1, 7).map((part) => (part === undefined ? undefined : Number(part)));
  const millis = match[7] === undefined ? 0 : Math.floor(Number(`0${match[7]}`) * 1000);
  if (month! < 1 || month! > 12 || day! < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  // setUTCFullYear, not Date.UTC, which would read year 0050 as 1950.
  const date = new Date(0);
  date.setUTCFullYear(year!, month! - 1, day!);
  date.setUTCHours(hour, minute, second, millis);
  // 2021-02-30 rolls over into March; such a date is not a date.
  if (date.getUTCDate() !== day) return undefined;
  return date.getTime() - offsetMinutes(match[8]) * 60_000;
}

function offsetMinutes(offset: string | undefined): number {
  if (offset === undefined || offset === 'Z') return 0;
  const digits = offset.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return offset.startsWith('-') ? -minutes : minutes;
}
