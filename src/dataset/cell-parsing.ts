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
