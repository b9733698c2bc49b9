import { describe, expect, it } from 'vitest';
import { formatCount, formatMetric, formatPValue, formatPercent, formatSigned, metricLabel } from './report-format.js';

describe('report number formats', () => {
  it.each([
    [0.91234, '0.9123'],
    [0, '0.0000'],
    [0.00042, '0.00042'],
    [12.3456, '12.35'],
    [123.456, '123.5'],
    [12345.6, '12,346'],
    [-2.5, '-2.5000'],
  ])('shows the metric value %s as %s', (value, text) => {
    expect(formatMetric(value)).toBe(text);
  });

  it('signs differences with a plus or a true minus', () => {
    expect([formatSigned(0.0123), formatSigned(-0.004), formatSigned(0)]).toEqual(['+0.0123', '\u22120.0040', '0.0000']);
  });

  it('groups counts, rounds percentages and floors p-values at what 1000 resamples resolve', () => {
    expect([formatCount(1234567), formatCount(12)]).toEqual(['1,234,567', '12']);
    expect([formatPercent(0.95), formatPercent(0.999)]).toEqual(['95%', '99.9%']);
    expect([formatPValue(0), formatPValue(0.004), formatPValue(0.25)]).toEqual(['p < 0.001', 'p = 0.004', 'p = 0.25']);
  });

  it('names metrics for people, with k filled in', () => {
    expect([metricLabel('auc'), metricLabel('ndcg_at_k', 10), metricLabel('custom_metric')]).toEqual(['ROC AUC', 'NDCG@10', 'custom_metric']);
  });
});
