// How commands print: a readable table or text for people, the same data as JSON with --json for scripts.

export interface Output {
  readonly json: boolean;
  /** Prints `data` as JSON with --json, else the human rendering. */
  result(data: unknown, human: () => string): void;
}

export function createOutput(json: boolean, write: (text: string) => void = (t) => process.stdout.write(t)): Output {
  return {
    json,
    result(data, human) {
      write(json ? `${JSON.stringify(data, null, 2)}\n` : ensureNewline(human()));
    },
  };
}

export function formatTable(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cells = rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? '-' : String(cell))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]?.length ?? 0)));
  const line = (values: readonly string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(headers.map((h) => h.toUpperCase())), ...cells.map(line)].join('\n');
}

export function formatKeyValues(pairs: readonly (readonly [string, unknown])[]): string {
  const width = Math.max(...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `${`${k}:`.padEnd(width + 2)}${v === null || v === undefined ? '-' : String(v)}`).join('\n');
}

export function shortDigest(digest: string): string {
  return `sha256:${digest.slice(0, 12)}`;
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
