import { describe, expect, it } from 'vitest';
import { alertStatus, driftStatus, isPerformanceMetric } from './health-status.js';

describe('model health lights', () => {
  it('colours drift by the share of drifted features: none green, some amber, 30% or more red, unmeasured unknown', () => {
    expect([0, 0.01, 0.29, 0.3, 1, null].map(driftStatus)).toEqual(['green', 'amber', 'amber', 'red', 'red', 'unknown']);
  });

  it('is red for a firing critical rule, amber for a firing warning, and ignores pending and info rules', () => {
    expect(alertStatus([{ severity: 'warning', firing: true }, { severity: 'critical', firing: true }], true)).toBe('red');
    expect(alertStatus([{ severity: 'warning', firing: true }, { severity: 'critical', firing: false }], true)).toBe('amber');
    expect(alertStatus([{ severity: 'info', firing: true }], true)).toBe('green');
  });

  it('is unknown when there is nothing to judge by, whatever does not fire', () => {
    expect(alertStatus([], false)).toBe('unknown');
    expect(alertStatus([{ severity: 'critical', firing: true }], false)).toBe('red');
  });

  it('tells performance metrics from drift and operational ones', () => {
    expect(['accuracy', 'estimated_auc', 'rmse', 'f1'].map(isPerformanceMetric)).toEqual([true, true, true, true]);
    expect(['drift_share', 'psi:age', 'drift:age', 'missing_rate:age', 'p99_latency_ms', 'rows', 'prediction_drift'].map(isPerformanceMetric)).toEqual(new Array(7).fill(false));
  });
});
