// What both bootstraps share: their options, checked, and drawing resamples of row indices into one reused buffer.
import { PitstopError } from '../errors/index.js';
import { SeededRandom } from './seeded-random.js';
import { checkConfidence } from './wilson-interval.js';

export interface BootstrapOptions {
  /** Resamples to draw; 1000 unless given. */
  readonly iterations?: number;
  /** The PRNG seed; the same seed, data and metric give the same interval. 1 unless given. */
  readonly seed?: number;
  /** 0.95 unless given. */
  readonly confidence?: number;
}

export interface BootstrapSettings {
  readonly iterations: number;
  readonly seed: number;
  readonly confidence: number;
}

export const DEFAULT_BOOTSTRAP: BootstrapSettings = { iterations: 1000, seed: 1, confidence: 0.95 };

export function bootstrapSettings(options: BootstrapOptions, rowsCount: number): BootstrapSettings {
  const settings = { ...DEFAULT_BOOTSTRAP, ...withoutUndefined(options) };
  if (!(Number.isInteger(settings.iterations) && settings.iterations >= 1)) {
    throw new PitstopError('VALIDATION_FAILED', `bootstrap iterations must be a whole number ≥ 1; got ${settings.iterations}`, { field: 'iterations' });
  }
  if (!Number.isInteger(settings.seed)) throw new PitstopError('VALIDATION_FAILED', `bootstrap seed must be a whole number; got ${settings.seed}`, { field: 'seed' });
  checkConfidence(settings.confidence);
  if (!(Number.isInteger(rowsCount) && rowsCount >= 1)) {
    throw new PitstopError('VALIDATION_FAILED', `cannot bootstrap ${rowsCount} rows; need at least one`, { field: 'rowsCount' });
  }
  return settings;
}

/** Draws resamples of `rowsCount` row indices with replacement, each into the same buffer. */
export class BootstrapResampler {
  readonly rows: Int32Array;
  private readonly random: SeededRandom;

  constructor(rowsCount: number, seed: number) {
    this.rows = new Int32Array(rowsCount);
    this.random = new SeededRandom(seed);
  }

  /** Refills `rows` with a fresh resample and returns it. */
  next(): Int32Array {
    this.random.fillInts(this.rows, this.rows.length);
    return this.rows;
  }
}

function withoutUndefined(options: BootstrapOptions): Partial<BootstrapSettings> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
