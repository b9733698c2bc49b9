// Time on a chart's x axis: instants read from ISO strings, ticks at round UTC steps (5 minutes, an hour, a day, ...),
// and labels short enough for a small chart. UTC throughout, so a report reads the same wherever it is opened.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const STEPS = [MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 28 * DAY, 91 * DAY, 364 * DAY];

export interface TimeTick {
  readonly at: number;
  readonly label: string;
}

/** Milliseconds since the epoch, or null for a string that is not a date (report data is not trusted to be tidy). */
export function parseInstant(iso: string): number | null {
  const at = Date.parse(iso);
  return Number.isFinite(at) ? at : null;
}

/** `2025-01-31 14:05 UTC`; a string that is not a date comes back as it is (the caller escapes it). */
export function formatInstant(iso: string): string {
  const at = parseInstant(iso);
  if (at === null) return iso;
  const text = new Date(at).toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 16)} UTC`;
}

/** At most about `count` ticks at the smallest round step that needs no more, aligned to UTC midnight. */
export function timeTicks(domain: readonly [number, number], count = 5): TimeTick[] {
  const [low, high] = domain;
  if (!(high > low)) return [{ at: low, label: tickLabel(low, HOUR, false) }];
  const step = STEPS.find((s) => (high - low) / s <= count) ?? STEPS[STEPS.length - 1]!;
  const first = Math.ceil(low / step) * step;
  const ticks: number[] = [];
  for (let at = first; at <= high; at += step) ticks.push(at);
  const yearsDiffer = new Date(low).getUTCFullYear() !== new Date(high).getUTCFullYear();
  return ticks.map((at) => ({ at, label: tickLabel(at, step, yearsDiffer) }));
}

/** What the x axis spans, for its label: `UTC · 2025-01-30 → 2025-01-31`. */
export function timeAxisLabel(domain: readonly [number, number]): string {
  const [from, to] = domain.map((at) => new Date(at).toISOString().slice(0, 10));
  return from === to ? `UTC · ${from}` : `UTC · ${from} → ${to}`;
}

/** Times of day below a day's step, except at midnight, where the date says more; dates from a day up. */
function tickLabel(at: number, step: number, withYear: boolean): string {
  const iso = new Date(at).toISOString();
  const date = withYear ? iso.slice(0, 10) : iso.slice(5, 10);
  if (step >= DAY || at % DAY === 0) return date;
  return iso.slice(11, 16);
}
