import { describe, expect, it } from 'vitest';
import type { NewFeatureTable } from '../store/index.js';
import { checkFeatureRows, entityKey } from './feature-values.js';

const TABLE: NewFeatureTable = {
  name: 'users',
  key: { name: 'user_id', type: 'integer' },
  columns: [
    { name: 'count', type: 'integer' }, { name: 'mean', type: 'number' }, { name: 'active', type: 'boolean' }, { name: 'plan', type: 'category' },
    { name: 'bio', type: 'string' }, { name: 'seen', type: 'datetime' }, { name: 'extra', type: 'json' },
  ],
};
const json = { source: 'json' as const, place: (i: number, c: string) => `rows[${i}].${c}` };
const file = { source: 'file' as const, place: (i: number, c: string) => `users.csv row ${i + 1}, column "${c}"` };

describe('checkFeatureRows', () => {
  it('turns JSON rows into stored rows: the key as text, missing values left out', () => {
    const rows = checkFeatureRows(TABLE, [
      { user_id: 42, count: 3, mean: 2.5, active: true, plan: 'gold', bio: 'hi', seen: '2024-05-01T10:00:00Z', extra: { tags: ['a'] } },
      { user_id: '7', count: null, seen: 1714557600000 },
    ], json);
    expect(rows).toEqual([
      { key: '42', values: { count: 3, mean: 2.5, active: true, plan: 'gold', bio: 'hi', seen: '2024-05-01T10:00:00Z', extra: { tags: ['a'] } } },
      { key: '7', values: { seen: 1714557600000 } },
    ]);
  });

  it('reads the text cells of a file as their column types, keeping leading zeros of text', () => {
    const rows = checkFeatureRows(TABLE, [{ user_id: '1', count: '12', mean: ' 1e3 ', active: 'TRUE', plan: '007', bio: 3, seen: '2024-05-01', extra: '{"a":[1,2]}' }], file);
    expect(rows).toEqual([{ key: '1', values: { count: 12, mean: 1000, active: true, plan: '007', bio: '3', seen: '2024-05-01', extra: { a: [1, 2] } } }]);
  });

  it('names the row and the column of every bad value, and stores nothing', () => {
    const records = [
      { user_id: 1, count: 2 },
      { user_id: 2, count: 'many', active: 'yes' },
      { user_id: 3, mean: 'NaN?', seen: '2024-02-30', extra: '{' },
    ];
    const error = (() => {
      try {
        checkFeatureRows(TABLE, records, file);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED', field: 'rows[1].count',
      message: 'users.csv row 2, column "count": expected an integer, got string "many" (and 4 more problems)',
      errors: [
        { field: 'rows[1].count', message: 'expected an integer, got string "many"' },
        { field: 'rows[1].active', message: 'expected true or false, got string "yes"' },
        { field: 'rows[2].mean', message: 'expected a finite number, got string "NaN?"' },
        { field: 'rows[2].seen', message: expect.stringContaining('ISO-8601') },
        { field: 'rows[2].extra', message: 'expected JSON text, got string "{"' },
      ],
    });
  });

  it('is strict about JSON types: a number column takes 3, not "3"', () => {
    expect(() => checkFeatureRows(TABLE, [{ user_id: 1, count: '3' }], json)).toThrow(/rows\[0\]\.count: expected an integer, got string "3"/);
    expect(() => checkFeatureRows(TABLE, [{ user_id: 1, plan: 7 }], json)).toThrow(/expected text, got number 7/);
    expect(() => checkFeatureRows(TABLE, [{ user_id: 1, mean: Number.POSITIVE_INFINITY }], json)).toThrow(/finite number/);
  });

  it('refuses a row without its key, an unknown column and a row that is not an object', () => {
    const attempt = () => checkFeatureRows(TABLE, [{ count: 1 }, { user_id: 2, colour: 'red' }, 5], json);
    expect(attempt).toThrow(expect.objectContaining({
      errors: [
        { field: 'rows[0].user_id', message: 'is missing; every row needs its key' },
        { field: 'rows[1].colour', message: expect.stringContaining('unknown column; feature table "users" has count, mean') },
        { field: 'rows[2]', message: 'expected an object of column values, got number 5' },
      ],
    }));
  });

  it('lists at most 100 problems and counts the rest', () => {
    const records = Array.from({ length: 150 }, (_, i) => ({ user_id: i, count: 'x' }));
    expect(() => checkFeatureRows(TABLE, records, json)).toThrow(expect.objectContaining({ message: expect.stringContaining('(and 149 more problems; the first 100 are listed)'), errors: expect.toSatisfy((e: unknown[]) => e.length === 100) }));
  });
});

describe('entityKey', () => {
  it('writes integer keys in one canonical form, so 42 and "42" find the same row', () => {
    expect([entityKey(42, 'integer', 'json'), entityKey('42', 'integer', 'json'), entityKey(-3, 'integer', 'file')]).toEqual(['42', '42', '-3']);
    for (const bad of ['042', '4.5', 4.5, '', true, 2 ** 60]) expect(entityKey(bad, 'integer', 'json')).toEqual({ problem: expect.stringContaining('expected an integer key') });
  });

  it('keeps text keys as they are; numbers are text only when read from a file', () => {
    expect(entityKey('007', 'string', 'json')).toBe('007');
    expect(entityKey(7, 'string', 'file')).toBe('7');
    expect(entityKey(7, 'string', 'json')).toEqual({ problem: 'expected a text key, got number 7' });
    expect(entityKey('', 'string', 'json')).toEqual({ problem: expect.stringContaining('1 to 512 characters') });
    expect(entityKey(null, 'string', 'json')).toEqual({ problem: expect.stringContaining('is missing') });
  });
});
