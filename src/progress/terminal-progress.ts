// Draws a Progress as one line on a terminal, rewritten in place: "training gbdt: 37/100 trees, 2.1 s, eta 3.6 s".

import type { Progress, ProgressStage } from './progress.js';

export interface ProgressTerminal {
  write(text: string): void;
}

/** Redraws at most this often; the first state of a stage is drawn at once. */
const REDRAW_MS = 100;
// Carriage return, then erase the line: the next text replaces the previous one.
const CLEAR_LINE = '\r\x1b[2K';

export class TerminalProgress implements Progress {
  private stage: string | null = null;
  private details: ProgressStage = { unit: '' };
  private startedAt = 0;
  private drawnAt = 0;
  private drawn = false;

  constructor(
    private readonly terminal: ProgressTerminal,
    private readonly now: () => number = () => performance.now(),
  ) {}

  start(stage: string, details: ProgressStage): void {
    this.stage = stage;
    this.details = details;
    this.startedAt = this.now();
    this.draw(0, 0);
  }

  advance(done: number, share?: number): void {
    if (this.stage === null) return;
    const now = this.now();
    if (now - this.drawnAt < REDRAW_MS) return;
    const total = this.details.total;
    this.draw(done, share ?? (total ? done / total : 0), now);
  }

  end(): void {
    if (this.drawn) this.terminal.write(CLEAR_LINE);
    this.drawn = false;
    this.stage = null;
  }

  private draw(done: number, share: number, now = this.now()): void {
    this.drawnAt = now;
    this.drawn = true;
    this.terminal.write(`${CLEAR_LINE}${progressLine(this.stage!, this.details, done, share, (now - this.startedAt) / 1000)}`);
  }
}

/**
 * "reading data.csv: 45,120 rows (48%), 1.2 s, eta 1.3 s"; the eta once a tenth of the work is done. A stage without
 * a unit ("building package") shows only its time.
 */
export function progressLine(stage: string, details: ProgressStage, done: number, share: number, seconds: number): string {
  if (details.unit === '') return `${stage}: ${formatSeconds(seconds)}`;
  const count = details.total !== undefined ? `${formatCount(done)}/${formatCount(details.total)} ${details.unit}` : `${formatCount(done)} ${details.unit}`;
  const percent = details.total === undefined && share > 0 ? ` (${Math.floor(share * 100)}%)` : '';
  const eta = share >= 0.1 && share < 1 ? `, eta ${formatSeconds((seconds * (1 - share)) / share)}` : '';
  return `${stage}: ${count}${percent}, ${formatSeconds(seconds)}${eta}`;
}

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}
