// What a `datetime` feature's value means: an ISO-8601 date-time string (UTC unless it names an offset) or epoch
// milliseconds, as JSON callers send them; models see it as epoch seconds (int64), which ONNX arithmetic can split into parts.

// A date alone (`2024-05-01`) or a date and time with an optional offset; Date.parse alone would take "1" or "May 1".
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Epoch seconds (floored) of a datetime value, or null when it is not one. */
export function datetimeEpochSeconds(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.floor(value / 1000) : null;
  if (typeof value !== 'string') return null;
  const match = ISO_8601.exec(value);
  // Date.parse rolls 2024-02-30 over to March 1st; a caller who sent it made a mistake.
  if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) return null;
  // A date-time without an offset is read as UTC, not as the server's local time.
  const text = /T|\s/.test(value) && !/(?:Z|[+-]\d{2}:?\d{2})$/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
