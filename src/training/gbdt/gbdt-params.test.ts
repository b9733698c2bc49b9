import { describe, expect, it } from 'vitest';
import { PitstopError } from '../../errors/index.js';
import { DEFAULT_GBDT_PARAMS, resolveGbdtParams } from './index.js';

function problemWith(partial: Record<string, unknown>): PitstopError {
  try {
    resolveGbdtParams('regression', partial);
  } catch (error) {
    expect(error).toBeInstanceOf(PitstopError);
    return error as PitstopError;
  }
  return expect.fail(`expected ${JSON.stringify(partial)} to be refused`);
}

describe('resolveGbdtParams', () => {
  it('fills in the documented defaults', () => {
    expect(resolveGbdtParams('binary', {})).toEqual({
      objective: 'binary',
      nTrees: 100, maxDepth: 6, learningRate: 0.1, minLeaf: 20, lambda: 1, minGain: 0,
      subsample: 1, colsample: 1, maxBins: 255, earlyStoppingRounds: null, seed: 0,
    });
    expect(Object.isFrozen(DEFAULT_GBDT_PARAMS)).toBe(true);
  });

  it('keeps given values, including early stopping', () => {
    const params = resolveGbdtParams('multiclass', { nTrees: 10, learningRate: 0.5, subsample: 0.8, earlyStoppingRounds: 3, seed: 7 });
    expect(params).toMatchObject({ objective: 'multiclass', nTrees: 10, learningRate: 0.5, subsample: 0.8, earlyStoppingRounds: 3, seed: 7, maxDepth: 6 });
  });

  it.each([
    [{ learningRate: -0.1 }, 'learningRate', /learningRate must be in \(0, 1\]; got -0.1/],
    [{ maxDepth: 0 }, 'maxDepth', /maxDepth must be an integer from 1 to 20; got 0/],
    [{ subsample: 1.5 }, 'subsample', /subsample must be in \(0, 1\]; got 1.5/],
    [{ colsample: 0 }, 'colsample', /colsample/],
    [{ nTrees: 2.5 }, 'nTrees', /nTrees must be an integer ≥ 1/],
    [{ minLeaf: 0 }, 'minLeaf', /minLeaf/],
    [{ lambda: -1 }, 'lambda', /lambda must be a finite number ≥ 0/],
    [{ maxBins: 256 }, 'maxBins', /maxBins must be an integer from 2 to 255/],
    [{ earlyStoppingRounds: 0 }, 'earlyStoppingRounds', /earlyStoppingRounds must be an integer ≥ 1/],
    [{ learningRate: '0.1' }, 'learningRate', /must be a number; got "0.1"/],
    [{ learningRate: Number.NaN }, 'learningRate', /learningRate/],
  ])('refuses %o, naming %s', (partial, field, message) => {
    const error = problemWith(partial);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });

  it('refuses unknown parameters and lists the known ones, so a typo does not pass silently', () => {
    const error = problemWith({ learning_rate: 0.1 });
    expect(error.field).toBe('learning_rate');
    expect(error.message).toMatch(/Unknown GBDT parameter 'learning_rate'; known: .*learningRate/);
  });

  it('refuses an objective in the parameters that contradicts the one asked for', () => {
    expect(problemWith({ objective: 'binary' }).field).toBe('objective');
    expect(() => resolveGbdtParams('ranking' as 'regression', {})).toThrow(/objective must be one of regression, binary, multiclass/);
  });
});
