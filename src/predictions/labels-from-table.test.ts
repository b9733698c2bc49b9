import { describe, expect, it } from 'vitest';
import { tableFromRecords } from '../dataset/index.js';
import { labelsFromTable } from './labels-from-table.js';

const describeRow = (row: number) => `labels.json row ${row + 1}`;
const columns = { idColumn: 'id', labelColumn: 'label', describe: describeRow };

describe('labelsFromTable', () => {
  it('makes one label per row, in row order, keeping numbers, text and booleans as they are', () => {
    expect(labelsFromTable(tableFromRecords([{ id: 'a', label: 3.5 }, { id: 'b', label: 0 }]), columns)).toEqual([
      { predictionId: 'a', actual: 3.5 },
      { predictionId: 'b', actual: 0 },
    ]);
    expect(labelsFromTable(tableFromRecords([{ id: 'a', label: '3.5' }, { id: 'b', label: 'cat' }]), columns).map((l) => l.actual)).toEqual(['3.5', 'cat']);
    expect(labelsFromTable(tableFromRecords([{ id: 'a', label: false }]), { ...columns, reason: 'audit' })).toEqual([{ predictionId: 'a', actual: false, reason: 'audit' }]);
    expect(labelsFromTable(tableFromRecords([{ id: 7, label: 1 }]), columns)[0]!.predictionId).toBe('7');
  });

  it('refuses an empty id or label cell, naming the row and column', () => {
    expect(() => labelsFromTable(tableFromRecords([{ id: 'a', label: 1 }, { id: null, label: 2 }]), columns)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', message: 'labels.json row 2: column "id" is empty; every row needs a prediction id' }));
    expect(() => labelsFromTable(tableFromRecords([{ id: 'a', label: Number.NaN }]), columns)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'label' }));
  });

  it('refuses the same prediction twice, naming both rows', () => {
    const table = tableFromRecords([{ id: 'a', label: 1 }, { id: 'b', label: 1 }, { id: 'a', label: 2 }]);
    expect(() => labelsFromTable(table, columns)).toThrow(expect.objectContaining({ code: 'LABEL_CONFLICT', message: expect.stringContaining('labels.json row 3: prediction "a" is labelled again (first on labels.json row 1)') }));
  });

  it('names the flag and the columns there are when a column is missing', () => {
    expect(() => labelsFromTable(tableFromRecords([{ id: 'a', outcome: 1 }]), columns)).toThrow(expect.objectContaining({ code: 'REFERENCE_DATA_INVALID', field: '--label-column', message: expect.stringContaining('the columns are id, outcome') }));
  });
});
