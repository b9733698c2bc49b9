// How one text cell of a data file is read: which texts mean "missing", which are numbers, which are booleans.

// What spreadsheets, pandas and R write for a missing value.
const MISSING_TEXTS = new Set(['', 'NA', 'NaN', 'null']);
// Plain decimal notation only: Number() would also take "0x1f", "Infinity" and "  " (as 0).
const DECIMAL_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function isMissingText(text: string): boolean {
  return MISSING_TEXTS.has(text.trim());
}

/** The finite number a text spells, or undefined. */
export function parseNumberText(text: string): number | undefined {
  const trimmed = text.trim();
  if (!DECIMAL_NUMBER.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/** true / false in any letter case, or undefined. */
export function parseBooleanText(text: string): boolean | undefined {
  const lower = text.trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return undefined;
}

const ZERO = 0x30;
const NINE = 0x39;
const DOT = 0x2e;
const PLUS = 0x2b;
const MINUS = 0x2d;
const SPACE = 0x20;
const TAB = 0x09;
// Up to 15 significant digits and a power of ten up to 22, both exact doubles, so one multiplication or division
// rounds once, exactly as Number() would (Clinger's fast path). Other numbers go through Number().
const EXACT_POWERS = Array.from({ length: 23 }, (_, i) => 10 ** i);
const FAST_DIGITS = 15;

export const MISSING_CELL = Symbol('missing cell');
export const READ_AS_TEXT = Symbol('read as text');

/**
 * What an unquoted cell's bytes are, without making a string when they spell a plain decimal number: the number, or
 * MISSING_CELL, or READ_AS_TEXT when the text functions must decide (other text, or bytes outside ASCII). A number
 * or MISSING_CELL is what parseNumberText and isMissingText say of the same text.
 */
export function parseNumberBytes(bytes: Uint8Array, start: number, end: number): number | typeof MISSING_CELL | typeof READ_AS_TEXT {
  while (start < end && (bytes[start] === SPACE || bytes[start] === TAB)) start += 1;
  while (end > start && (bytes[end - 1] === SPACE || bytes[end - 1] === TAB)) end -= 1;
  if (start === end) return MISSING_CELL;
  let i = start;
  const negative = bytes[i] === MINUS;
  if (negative || bytes[i] === PLUS) i += 1;
  let mantissa = 0;
  let digits = 0;
  let exponent = 0;
  let sawDigit = false;
  let exact = true;
  for (; i < end && bytes[i]! >= ZERO && bytes[i]! <= NINE; i++) {
    sawDigit = true;
    if (mantissa === 0 && bytes[i] === ZERO) continue;
    if (digits < FAST_DIGITS) mantissa = mantissa * 10 + (bytes[i]! - ZERO);
    else exact = false;
    digits += 1;
    if (digits > FAST_DIGITS) exponent += 1;
  }
  if (i < end && bytes[i] === DOT) {
    for (i += 1; i < end && bytes[i]! >= ZERO && bytes[i]! <= NINE; i++) {
      sawDigit = true;
      if (mantissa === 0 && bytes[i] === ZERO) {
        exponent -= 1;
        continue;
      }
      if (digits < FAST_DIGITS) {
        mantissa = mantissa * 10 + (bytes[i]! - ZERO);
        exponent -= 1;
      } else {
        exact = false;
      }
      digits += 1;
    }
  }
  if (!sawDigit) return missingOrText(bytes, start, end);
  if (i < end && (bytes[i] === 0x65 || bytes[i] === 0x45)) {
    i += 1;
    const negativeExponent = bytes[i] === MINUS;
    if (negativeExponent || bytes[i] === PLUS) i += 1;
    if (i === end) return READ_AS_TEXT;
    let written = 0;
    for (; i < end && bytes[i]! >= ZERO && bytes[i]! <= NINE; i++) written = Math.min(written * 10 + (bytes[i]! - ZERO), 1e6);
    exponent += negativeExponent ? -written : written;
  }
  if (i !== end) return missingOrText(bytes, start, end);
  if (exact && exponent >= -22 && exponent <= 22) {
    const magnitude = exponent < 0 ? mantissa / EXACT_POWERS[-exponent]! : mantissa * EXACT_POWERS[exponent]!;
    return negative ? -magnitude : magnitude;
  }
  const value = Number(latin1(bytes, start, end));
  return Number.isFinite(value) ? value : READ_AS_TEXT;
}

// NA, NaN and null are missing; anything else is for the text functions.
function missingOrText(bytes: Uint8Array, start: number, end: number): typeof MISSING_CELL | typeof READ_AS_TEXT {
  return end - start <= 4 && MISSING_TEXTS.has(latin1(bytes, start, end)) ? MISSING_CELL : READ_AS_TEXT;
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}
