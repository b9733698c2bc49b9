// Numbered progress for the demo: one line per step with its key figure and how long it took; a step that fails
// becomes one readable error naming the step.
import path from 'node:path';
import { PitstopError, toPitstopError } from '../errors/index.js';

export class DemoSteps {
  private done = 0;
  private readonly started = performance.now();

  constructor(private readonly total: number, private readonly write: (line: string) => void) {}

  /** Runs a step and prints `[ n/N] summary (time)`; a failure is rethrown as `demo step n/N (title) failed: ...`. */
  async run<T>(title: string, action: () => Promise<T>, summary: (value: T) => string): Promise<T> {
    const number = ++this.done;
    const started = performance.now();
    let value: T;
    try {
      value = await action();
    } catch (error) {
      const problem = toPitstopError(error);
      throw new PitstopError(problem.code, `demo step ${number}/${this.total} (${title}) failed: ${problem.message}`, { cause: error });
    }
    this.write(`[${String(number).padStart(String(this.total).length)}/${this.total}] ${summary(value)} (${formatSeconds(performance.now() - started)})`);
    return value;
  }

  /** Time since the demo started. */
  get elapsedMs(): number {
    return performance.now() - this.started;
  }
}

export function formatSeconds(ms: number): string {
  return ms < 100 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A path as the user would type it from here. */
export function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? file : `./${relative}`;
}
