import { describe, expect, it } from 'vitest';
import { parseGate } from './parse-gate.js';

describe('parseGate', () => {
  it.each([
    ['accuracy>=0.95', { metric: 'accuracy', operator: '>=', threshold: { kind: 'value', value: 0.95 } }, 'accuracy >= 0.95'],
    ['log_loss<champion', { metric: 'log_loss', operator: '<', threshold: { kind: 'champion-offset', offset: 0 } }, 'log_loss < champion'],
    ['auc>=champion+0.005', { metric: 'auc', operator: '>=', threshold: { kind: 'champion-offset', offset: 0.005 } }, 'auc >= champion + 0.005'],
    ['auc>champion-0.01', { metric: 'auc', operator: '>', threshold: { kind: 'champion-offset', offset: -0.01 } }, 'auc > champion - 0.01'],
    ['rmse<=0.9*champion', { metric: 'rmse', operator: '<=', threshold: { kind: 'champion-factor', factor: 0.9 } }, 'rmse <= 0.9 * champion'],
    ['r2>-0.5', { metric: 'r2', operator: '>', threshold: { kind: 'value', value: -0.5 } }, 'r2 > -0.5'],
    ['mae<=1e-3', { metric: 'mae', operator: '<=', threshold: { kind: 'value', value: 0.001 } }, 'mae <= 0.001'],
    ['ece<.05', { metric: 'ece', operator: '<', threshold: { kind: 'value', value: 0.05 } }, 'ece < 0.05'],
  ] as const)('reads %s', (text, expected, canonical) => {
    expect(parseGate(text)).toEqual({ ...expected, text: canonical });
  });

  it('allows spaces around the parts and any case in the metric and "champion"', () => {
    expect(parseGate('  AUC >= Champion + 0.005 ')).toEqual(parseGate('auc>=champion+0.005'));
    expect(parseGate('rmse <= 0.9 * CHAMPION')).toEqual(parseGate('rmse<=0.9*champion'));
    expect(parseGate('ndcg_at_k >= champion')).toMatchObject({ metric: 'ndcg_at_k' });
  });

  it.each(['auc', 'auc>=', 'auc=>0.9', 'auc==0.9', 'auc>=champion*0.9', 'auc>=champion+', 'auc>=0.9x', 'auc >= best', '>=0.9', 'auc>=champion+-0.1', ''])(
    'refuses malformed %j and shows the grammar',
    (text) => {
      expect(() => parseGate(text)).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'gate', message: expect.stringContaining('expected METRIC OP EXPR, where OP is >=, <=, > or <') }),
      );
    },
  );

  it('refuses an unknown metric and lists the valid names', () => {
    expect(() => parseGate('auroc>=0.9')).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/^unknown metric "auroc" in gate "auroc>=0\.9"; valid metrics: accuracy, .*ndcg_at_k$/) }),
    );
  });

  it("accepts only the task's metrics when told the task", () => {
    expect(parseGate('rmse<=champion', { task: 'regression' }).metric).toBe('rmse');
    expect(() => parseGate('auc>=0.9', { task: 'regression' })).toThrow(expect.objectContaining({ message: 'unknown metric "auc" in gate "auc>=0.9"; valid regression metrics: mae, rmse, mape, r2' }));
  });
});
