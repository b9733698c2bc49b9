import { describe, expect, it } from 'vitest';
import { PitstopError } from '../../errors/index.js';
import { DEFAULT_MATRIX_FACTORIZATION_PARAMS, recommendTopK, scoreItems, type MatrixFactorizationModel } from './index.js';

/** Two users, four items, two factors, written out so every score can be checked by hand. */
const EXPLICIT: MatrixFactorizationModel = {
  feedback: 'explicit',
  userIds: ['ann', 'bob'],
  itemIds: ['w', 'x', 'y', 'z'],
  factors: 2,
  userFactors: Float32Array.of(1, 0, 0, 2),
  itemFactors: Float32Array.of(0.5, 0, 0, 0.25, 1, 1, -1, 0),
  userBias: Float32Array.of(0.5, -0.5),
  itemBias: Float32Array.of(0, 0.25, -0.25, 1),
  globalMean: 3,
  params: { ...DEFAULT_MATRIX_FACTORIZATION_PARAMS, factors: 2 },
  history: [],
};

const IMPLICIT: MatrixFactorizationModel = {
  ...EXPLICIT,
  feedback: 'implicit',
  userBias: undefined,
  itemBias: undefined,
  globalMean: undefined,
};

describe('scoreItems', () => {
  it('scores an explicit model as global mean + user bias + item bias + the dot product', () => {
    // ann = (1, 0), bias 0.5: w 3.5 + 0.5, x 3.5 + 0.25, y 3.5 − 0.25 + 1, z 3.5 + 1 − 1
    expect([...scoreItems(EXPLICIT, 'ann')]).toEqual([4, 3.75, 4.25, 3.5]);
    // bob = (0, 2), bias −0.5: w 2.5, x 2.5 + 0.25 + 0.5, y 2.5 − 0.25 + 2, z 2.5 + 1
    expect([...scoreItems(EXPLICIT, 'bob')]).toEqual([2.5, 3.25, 4.25, 3.5]);
  });

  it('scores an implicit model by the dot product alone', () => {
    expect([...scoreItems(IMPLICIT, 'bob')]).toEqual([0, 0.5, 2, 0]);
  });

  it('gives an unknown user the mean user vector and bias, so what most users like comes first', () => {
    // mean user = (0.5, 1), bias 0: w 3.25, x 3.5, y 4.25, z 3.5
    expect([...scoreItems(EXPLICIT, 'nobody')]).toEqual([3.25, 3.5, 4.25, 3.5]);
  });
});

describe('recommendTopK', () => {
  it('returns the k best items, best first, with their scores', () => {
    expect(recommendTopK(EXPLICIT, 'ann', 2)).toEqual({ items: ['y', 'w'], scores: [4.25, 4] });
  });

  it('breaks ties by item order, as onnxruntime’s TopK does', () => {
    // The unknown user ties x and z at 3.5; bob ties w and z at 0.
    expect(recommendTopK(EXPLICIT, 'nobody', 3).items).toEqual(['y', 'x', 'z']);
    expect(recommendTopK(IMPLICIT, 'bob', 4).items).toEqual(['y', 'x', 'w', 'z']);
  });

  it('gives every item when k is larger than the catalogue', () => {
    expect(recommendTopK(EXPLICIT, 'ann', 10).items).toEqual(['y', 'w', 'x', 'z']);
  });

  it('refuses a k that is not a positive integer', () => {
    expect(() => recommendTopK(EXPLICIT, 'ann', 0)).toThrow(PitstopError);
    expect(() => recommendTopK(EXPLICIT, 'ann', 1.5)).toThrow(/k must be a positive integer, got 1.5/);
  });
});
