import { describe, expect, it } from 'vitest';
import { METRIC_NAMES, allMetricNames, isMetricName, metricDirection } from './metric-names.js';

describe('metric names', () => {
  it('lists the metrics of each task', () => {
    expect(METRIC_NAMES).toEqual({
      classification: ['accuracy', 'precision', 'recall', 'f1', 'auc', 'log_loss', 'brier', 'ece'],
      regression: ['mae', 'rmse', 'mape', 'r2'],
      ranking: ['precision_at_k', 'recall_at_k', 'ndcg_at_k'],
    });
    expect(allMetricNames()).toHaveLength(15);
    expect(isMetricName('auc')).toBe(true);
    expect(isMetricName('AUC')).toBe(false);
  });

  it.each(['accuracy', 'precision', 'recall', 'f1', 'auc', 'r2', 'precision_at_k', 'recall_at_k', 'ndcg_at_k'])('says higher %s is better', (name) => {
    expect(metricDirection(name)).toBe('higher');
  });

  it.each(['log_loss', 'brier', 'ece', 'mae', 'rmse', 'mape'])('says lower %s is better', (name) => {
    expect(metricDirection(name)).toBe('lower');
  });

  it('refuses an unknown metric and lists the known ones', () => {
    expect(() => metricDirection('auroc')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', message: expect.stringContaining('accuracy, precision') }));
  });
});
