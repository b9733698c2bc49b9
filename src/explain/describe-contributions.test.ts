import { describe, expect, it } from 'vitest';
import { describeContributions, formatNumber, type Explanation } from './index.js';

const EXPLANATION: Explanation = {
  method: 'linear',
  baseline: 0.5,
  output: 0.83,
  additivityGap: 0,
  contributions: [
    { index: 0, name: 'age', value: 67, contribution: 0.12 },
    { index: 1, name: 'income <eur> & "net"', value: 41250.5, contribution: -0.04 },
    { index: 2, name: 'tenure', value: Number.NaN, contribution: 0.25 },
    { index: 3, name: 'region code', value: 3, contribution: 0 },
  ],
};

describe('describeContributions', () => {
  it('opens with the output and the baseline, then names the biggest effects first', () => {
    expect(describeContributions(EXPLANATION, { outputName: 'risk score' })).toEqual([
      'The risk score is 0.83, compared with 0.5 on average.',
      'tenure (missing) raised the risk score by 0.25.',
      'age = 67 raised the risk score by 0.12.',
      'income <eur> & "net" = 41300 lowered the risk score by 0.04.',
      'region code = 3 did not change the risk score.',
    ]);
  });

  it('sums the features beyond the top few into one sentence', () => {
    const sentences = describeContributions(EXPLANATION, { top: 2 });
    expect(sentences).toHaveLength(4);
    expect(sentences[3]).toBe('The 2 other features together lowered it by 0.04.');
  });

  it('mentions the uncertainty of sampled estimates', () => {
    const sampled: Explanation = {
      ...EXPLANATION,
      method: 'sampling',
      contributions: [{ index: 0, name: 'age', value: 67, contribution: -0.1234, standardError: 0.011 }],
    };
    expect(describeContributions(sampled)[1]).toBe('age = 67 lowered the score by 0.123 (give or take 0.011).');
  });

  it('writes a category or a date as given, even though its number is not a value', () => {
    const categorical: Explanation = {
      ...EXPLANATION,
      contributions: [
        { index: 0, name: 'island', value: Number.NaN, display: 'Dream', contribution: 0.3 },
        { index: 1, name: 'sex', value: Number.NaN, contribution: -0.1 },
      ],
    };
    expect(describeContributions(categorical).slice(1)).toEqual(['island = Dream raised the score by 0.3.', 'sex (missing) lowered the score by 0.1.']);
  });
});

describe('formatNumber', () => {
  it('keeps three significant digits, never writes -0, and uses exponents only for extreme magnitudes', () => {
    expect([0.123456, -2, 1234567, -1e-20, 0.00001234, 1e20].map(formatNumber)).toEqual([
      '0.123', '-2', '1230000', '0', '0.0000123', '1.00e+20',
    ]);
  });
});
