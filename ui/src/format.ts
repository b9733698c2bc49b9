// How numbers, times and digests read in the GUI: short, with units, and the same everywhere.

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** "3 min ago", "in 2 h", "5 d ago". */
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const seconds = (Date.parse(iso) - now) / 1000;
  const size = Math.abs(seconds);
  if (size < 5) return 'just now';
  const [value, unit] = size < 60 ? [size, 's'] : size < 3600 ? [size / 60, 'min'] : size < 86_400 ? [size / 3600, 'h'] : size < 86_400 * 365 ? [size / 86_400, 'd'] : [size / (86_400 * 365), 'y'];
  const text = `${Math.round(value)} ${unit}`;
  return seconds < 0 ? `${text} ago` : `in ${text}`;
}

export function formatNumber(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  const size = Math.abs(value);
  if (size !== 0 && (size < 0.001 || size >= 1e6)) return value.toExponential(2);
  return Number(value.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

export function formatPercent(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '—';
  return `${(share * 100).toFixed(digits)}%`;
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms).toLocaleString('en-US')} ms`;
}

/** sha256:ab12cd34… for tables; the whole digest goes in a title. */
export function shortDigest(digest: string): string {
  const hex = digest.replace(/^sha256:/, '');
  return `sha256:${hex.slice(0, 12)}…`;
}

/** A value from a record or an output, on one line. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return formatNumber(value, 6);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** A plural that reads: 1 model, 2 models. */
export function plural(count: number, noun: string, many = `${noun}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun : many}`;
}
