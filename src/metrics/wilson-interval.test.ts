import { describe, expect, it } from 'vitest';
import { normalQuantile } from './normal-quantile.js';
import { wilsonInterval } from './wilson-interval.js';

describe('wilsonInterval', () => {
  it('gives statsmodels’ proportion_confint(5, 10, method="wilson"): [0.2366, 0.7634]', () => {
    const interval = wilsonInterval(5, 10);
    expect(interval.low).toBeCloseTo(0.2365930905, 8);
    expect(interval.high).toBeCloseTo(0.7634069095, 8);
    expect(interval.confidence).toBe(0.95);
  });

  it('stays inside [0, 1] at 0% and 100%, where the normal approximation collapses to a point', () => {
    expect(wilsonInterval(0, 10)).toEqual({ low: 0, high: expect.closeTo(0.2775327998, 8), confidence: 0.95 });
    expect(wilsonInterval(10, 10)).toEqual({ low: expect.closeTo(0.7224672002, 8), high: 1, confidence: 0.95 });
  });

  it('narrows with more trials and widens with more confidence', () => {
    const width = ({ low, high }: { low: number; high: number }) => high - low;
    expect(width(wilsonInterval(900, 1000))).toBeLessThan(width(wilsonInterval(90, 100)));
    expect(width(wilsonInterval(90, 100, 0.99))).toBeGreaterThan(width(wilsonInterval(90, 100, 0.9)));
  });

  it('refuses impossible counts and confidence levels', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => wilsonInterval(0, 0)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => wilsonInterval(5, 10, 95)).toThrow(expect.objectContaining({ field: 'confidence' }));
  });
});

describe('normalQuantile', () => {
  it.each([
    [0.5, 0],
    [0.975, 1.959963984540054],
    [0.995, 2.5758293035489004],
    [0.001, -3.090232306167813],
    [1e-10, -6.361340902404056],
  ])('gives z(%s) = %s', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 7);
  });
});
