// How commands print: a readable table or text for people, the same data as JSON with --json for scripts, and a
// progress line for long work on stderr when it is a terminal.
import { SILENT_PROGRESS, TerminalProgress, type Progress } from '../progress/index.js';

export interface Output {
  readonly json: boolean;
  /** Prints `data` as JSON with --json, else the human rendering; the progress line is cleared first. */
  result(data: unknown, human: () => string): void;
  /** Rewritten in place on stderr when it is a terminal; silent with --json or when stderr is a pipe or a file. */
  readonly progress: Progress;
}

export function createOutput(
  json: boolean,
  write: (text: string) => void = (t) => process.stdout.write(t),
  stderr: { isTTY?: boolean; write(text: string): unknown } = process.stderr,
): Output {
  const progress = !json && stderr.isTTY ? new TerminalProgress({ write: (text) => stderr.write(text) }) : SILENT_PROGRESS;
  return {
    json,
    progress,
    result(data, human) {
      progress.end();
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
