// How error messages name the value that came: its JSON kind and, for scalars, the value itself.

const MAX_QUOTED = 40;

/** `string "12"`, `number 2.5`, `boolean true`, `null`, `array`, `object`: what a message says came instead. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return `string ${quote(value)}`;
    case 'number':
    case 'boolean':
    case 'bigint':
      return `${typeof value} ${String(value)}`;
    default:
      return typeof value;
  }
}

/** A string in JSON quotes, shortened so one long value cannot flood a message. */
export function quote(text: string): string {
  return JSON.stringify(text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}...` : text);
}

/** A list for a message, capped: `a, b, c (and 7 more)`. */
export function listForMessage(items: readonly string[], max: number): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} (and ${items.length - max} more)` : shown;
}
