import { describe, expect, it } from 'vitest';
import { progressLine, TerminalProgress } from './terminal-progress.js';

function terminal(): { progress: TerminalProgress; written: string[]; clock: { now: number } } {
  const written: string[] = [];
  const clock = { now: 0 };
  return { progress: new TerminalProgress({ write: (text) => written.push(text) }, () => clock.now), written, clock };
}

describe('TerminalProgress', () => {
  it('draws a stage at once, then at most every 100 ms, each time rewriting the line in place', () => {
    const { progress, written, clock } = terminal();
    progress.start('training gbdt', { total: 100, unit: 'trees' });
    expect(written).toEqual(['\r\x1b[2Ktraining gbdt: 0/100 trees, 0.0 s']);
    clock.now = 50;
    progress.advance(10);
    expect(written).toHaveLength(1);
    clock.now = 2000;
    progress.advance(40);
    expect(written[1]).toBe('\r\x1b[2Ktraining gbdt: 40/100 trees, 2.0 s, eta 3.0 s');
  });

  it('clears its line when the work ends, and draws nothing after', () => {
    const { progress, written, clock } = terminal();
    progress.start('reading data.csv', { unit: 'rows' });
    progress.end();
    clock.now = 1000;
    progress.advance(5, 0.5);
    progress.end();
    expect(written).toEqual(['\r\x1b[2Kreading data.csv: 0 rows, 0.0 s', '\r\x1b[2K']);
  });
});

describe('progressLine', () => {
  it('shows rows with the share of the file when rows are not counted ahead, and a stage with no unit by its time', () => {
    expect(progressLine('reading data.csv', { unit: 'rows' }, 45_120, 0.48, 1.2)).toBe('reading data.csv: 45,120 rows (48%), 1.2 s, eta 1.3 s');
    expect(progressLine('building the package', { unit: '' }, 0, 0, 0.4)).toBe('building the package: 0.4 s');
    expect(progressLine('replaying', { total: 5000, unit: 'predictions' }, 250, 0.05, 1)).toBe('replaying: 250/5,000 predictions, 1.0 s');
    expect(progressLine('training gbdt', { total: 1000, unit: 'trees' }, 100, 0.1, 75)).toBe('training gbdt: 100/1,000 trees, 1 min 15 s, eta 11 min 15 s');
  });
});
