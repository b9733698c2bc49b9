import { describe, expect, it } from 'vitest';
import { evaluateGates } from './evaluate-gates.js';
import { parseGate } from './parse-gate.js';

function check(text: string, champion: Record<string, number | null>, challenger: Record<string, number | null>) {
  return evaluateGates([parseGate(text)], { champion, challenger })[0]!;
}

describe('evaluateGates', () => {
  it('explains a champion-plus-offset gate with every number in it', () => {
    expect(check('auc>=champion+0.005', { auc: 0.905 }, { auc: 0.912 })).toEqual({
      gate: parseGate('auc>=champion+0.005'),
      passed: true,
      threshold: expect.closeTo(0.91, 12),
      champion: 0.905,
      challenger: 0.912,
      explanation: 'auc 0.912 >= champion 0.905 + 0.005 = 0.910: passed',
    });
  });

  it('fails a challenger short of the offset', () => {
    expect(check('auc>=champion+0.005', { auc: 0.905 }, { auc: 0.907 })).toMatchObject({ passed: false, explanation: 'auc 0.907 >= champion 0.905 + 0.005 = 0.910: failed' });
  });

  it('passes a challenger exactly at champion + offset despite floating-point noise in the sum', () => {
    expect(0.1 + 0.2).toBeGreaterThan(0.3);
    expect(check('auc>=champion+0.2', { auc: 0.1 }, { auc: 0.3 })).toMatchObject({ passed: true, explanation: 'auc 0.300 >= champion 0.100 + 0.200 = 0.300: passed' });
  });

  it('explains a champion-minus-offset gate', () => {
    expect(check('auc>=champion-0.01', { auc: 0.9 }, { auc: 0.895 })).toMatchObject({ passed: true, explanation: 'auc 0.895 >= champion 0.900 - 0.010 = 0.890: passed' });
  });

  it('explains a factor-of-champion gate', () => {
    expect(check('rmse<=0.9*champion', { rmse: 1.4 }, { rmse: 1.2 })).toMatchObject({
      passed: true,
      threshold: expect.closeTo(1.26, 12),
      explanation: 'rmse 1.200 <= 0.9 * champion 1.400 = 1.260: passed',
    });
    expect(check('rmse<=0.9*champion', { rmse: 1.4 }, { rmse: 1.3 })).toMatchObject({ passed: false });
  });

  it('explains a bare champion gate, strict in both directions', () => {
    expect(check('log_loss<champion', { log_loss: 0.305 }, { log_loss: 0.301 })).toMatchObject({ passed: true, explanation: 'log_loss 0.301 < champion 0.305: passed' });
    expect(check('log_loss<champion', { log_loss: 0.305 }, { log_loss: 0.305 })).toMatchObject({ passed: false, explanation: 'log_loss 0.305 < champion 0.305: failed' });
    expect(check('auc>champion', { auc: 0.9 }, { auc: 0.9 })).toMatchObject({ passed: false });
    expect(check('auc>champion', { auc: 0.9 }, { auc: 0.9001 })).toMatchObject({ passed: true, explanation: 'auc 0.9001 > champion 0.9000: passed' });
  });

  it('checks a fixed threshold without needing a champion', () => {
    expect(check('accuracy>=0.95', {}, { accuracy: 0.962 })).toEqual({
      gate: parseGate('accuracy>=0.95'),
      passed: true,
      threshold: 0.95,
      champion: null,
      challenger: 0.962,
      explanation: 'accuracy 0.962 >= 0.950: passed',
    });
    expect(check('mape<=0.1', {}, { mape: 0.12 })).toMatchObject({ passed: false, explanation: 'mape 0.120 <= 0.100: failed' });
  });

  it('shows all the digits of a small offset and of a small metric', () => {
    expect(check('auc>=champion+0.0005', { auc: 0.9 }, { auc: 0.9004 }).explanation).toBe('auc 0.9004 >= champion 0.9000 + 0.0005 = 0.9005: failed');
    expect(check('ece<=0.005', {}, { ece: 0.0042 }).explanation).toBe('ece 0.0042 <= 0.0050: passed');
  });

  it('adds digits until a failing value and its threshold no longer look equal', () => {
    expect(check('accuracy>=0.95', {}, { accuracy: 0.94996 }).explanation).toBe('accuracy 0.94996 >= 0.95000: failed');
  });

  it('fails, and says so, when the challenger or the champion has no value for the metric', () => {
    expect(check('auc>=0.9', {}, { auc: null })).toMatchObject({ passed: false, challenger: null, explanation: 'auc has no value for the challenger: failed' });
    expect(check('auc>=champion+0.005', {}, { auc: 0.93 })).toMatchObject({
      passed: false,
      threshold: null,
      champion: null,
      explanation: 'auc >= champion + 0.005: the champion has no auc value: failed',
    });
  });

  it('checks several gates in order, each on its own metric', () => {
    const gates = ['auc>=champion', 'ece<=champion', 'accuracy>=0.99'].map((text) => parseGate(text));
    const results = evaluateGates(gates, { champion: { auc: 0.9, ece: 0.02, accuracy: 0.9 }, challenger: { auc: 0.92, ece: 0.03, accuracy: 0.91 } });
    expect(results.map((r) => [r.gate.metric, r.passed])).toEqual([
      ['auc', true],
      ['ece', false],
      ['accuracy', false],
    ]);
  });
});
