// Durations in rule files ("0s", "15m", "2h", "1d", "1h30m") as milliseconds. Pure.
import { PitstopError } from '../errors/index.js';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
type Unit = keyof typeof UNIT_MS;
const UNITS = Object.keys(UNIT_MS) as Unit[];
// Largest first, so "1h30m" reads naturally and "30m1h" is refused as a likely typo.
const ORDER: readonly Unit[] = ['w', 'd', 'h', 'm', 's', 'ms'];

/** Parses a duration of whole numbers with units ms, s, m, h, d, w (e.g. "90s", "1h30m"); throws VALIDATION_FAILED naming the problem. */
export function parseDuration(text: string): number {
  const fail = (why: string): never => {
    throw new PitstopError('VALIDATION_FAILED', `duration ${JSON.stringify(text)} ${why}`, { details: { duration: text } });
  };
  const trimmed = text.trim();
  if (trimmed === '') fail('is empty; write e.g. "0s", "15m", "2h" or "1d"');
  if (trimmed.startsWith('-')) fail('is negative');
  if (/^\d+(\.\d+)?$/.test(trimmed)) fail(`has no unit; write e.g. "${trimmed}s" or "${trimmed}m" (units: ${UNITS.join(', ')})`);
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)([a-zA-Zµ]+)/g)];
  if (parts.map((p) => p[0]).join('') !== trimmed) fail(`is not a number followed by a unit (units: ${UNITS.join(', ')})`);
  let total = 0;
  let previous = -1;
  for (const [part, amount, unit] of parts) {
    if (!isUnit(unit!)) fail(`has an unknown unit "${unit}" (units: ${UNITS.join(', ')})`);
    if (amount!.includes('.')) fail(`has a fraction in "${part}"; use a smaller unit instead (e.g. "90m" for 1.5h)`);
    const rank = ORDER.indexOf(unit as Unit);
    if (rank <= previous) fail(`lists its units out of order or twice; write the largest first (e.g. "1h30m")`);
    previous = rank;
    total += Number(amount) * UNIT_MS[unit as Unit];
  }
  if (!Number.isSafeInteger(total)) fail('is too long');
  return total;
}

/** Formats milliseconds the way rule files write them ("1h30m", "0s"), for messages. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let text = '';
  for (const unit of ORDER) {
    const amount = Math.floor(rest / UNIT_MS[unit]);
    if (amount > 0) {
      text += `${amount}${unit}`;
      rest -= amount * UNIT_MS[unit];
    }
  }
  return text;
}

function isUnit(unit: string): unit is Unit {
  return Object.hasOwn(UNIT_MS, unit);
}
