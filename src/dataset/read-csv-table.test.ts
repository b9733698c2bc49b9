import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCsvTable } from './read-csv-table.js';
import type { Column } from './table.js';
import { TITANIC_CSV } from '../../test/fixtures/third-party-data.js';

const TITANIC = TITANIC_CSV;

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pitstop-csv-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function csv(text: string): Promise<string> {
  const file = path.join(dir, 'data.csv');
  await fs.writeFile(file, text);
  return file;
}

const valuesOf = (column: Column | undefined) => (column ? Array.from(column.values as ArrayLike<unknown>) : undefined);

describe('readCsvTable', () => {
  it('infers number, boolean and string columns, with missing values as NaN or null', async () => {
    const table = await readCsvTable(await csv('n,b,s,empty\n1.5,true,x,\n-2e3,FALSE,NA,\nNA,,7,null\n,True,"a, b",NaN\n'));
    expect(table.rowCount).toBe(4);
    expect([...table.columns.keys()]).toEqual(['n', 'b', 's', 'empty']);
    expect(table.columns.get('n')).toMatchObject({ name: 'n', type: 'number' });
    expect(valuesOf(table.columns.get('n'))).toEqual([1.5, -2000, Number.NaN, Number.NaN]);
    expect(table.columns.get('b')).toMatchObject({ type: 'boolean', values: [true, false, null, true] });
    expect(table.columns.get('s')).toMatchObject({ type: 'string', values: ['x', null, '7', 'a, b'] });
    expect(table.columns.get('empty')?.type).toBe('number');
    expect(valuesOf(table.columns.get('empty'))).toEqual([Number.NaN, Number.NaN, Number.NaN, Number.NaN]);
  });

  it('does not take hex, Infinity or a blank as numbers', async () => {
    const table = await readCsvTable(await csv('a,b\n0x1f,1\nInfinity,2\n'));
    expect(table.columns.get('a')).toMatchObject({ type: 'string', values: ['0x1f', 'Infinity'] });
  });

  it('reads declared types: a numeric-looking category stays text, integers are checked', async () => {
    const table = await readCsvTable(await csv('pclass,age,ok\n1,30,true\n3,,false\n'), { columns: { pclass: 'category', age: 'integer', ok: 'boolean' } });
    expect(table.columns.get('pclass')).toMatchObject({ type: 'string', values: ['1', '3'] });
    expect(valuesOf(table.columns.get('age'))).toEqual([30, Number.NaN]);
    expect(table.columns.get('ok')).toMatchObject({ type: 'boolean', values: [true, false] });
  });

  it('names the line and column of a value that does not fit its declared type', async () => {
    const file = await csv('id,age\n1,30\n2,thirty\n');
    await expect(readCsvTable(file, { columns: { age: 'number' } })).rejects.toMatchObject({
      code: 'REFERENCE_DATA_INVALID',
      field: 'age',
      message: `${file} line 3, column "age": "thirty" is not a number`,
    });
    await expect(readCsvTable(await csv('age\n30\n30.5\n'), { columns: { age: 'integer' } })).rejects.toMatchObject({ message: expect.stringMatching(/line 3, column "age": "30.5" is not an integer/) });
    await expect(readCsvTable(await csv('ok\nyes\n'), { columns: { ok: 'boolean' } })).rejects.toMatchObject({ message: expect.stringMatching(/line 2, column "ok": "yes" is not true or false/) });
  });

  it('names the line and the first missing column of a ragged row', async () => {
    const file = await csv('a,b,c\n1,2,3\n4,5\n');
    await expect(readCsvTable(file)).rejects.toMatchObject({ code: 'REFERENCE_DATA_INVALID', message: expect.stringMatching(/line 3: the row has 2 field\(s\) where the header has 3; column "c" and after are missing/) });
    await expect(readCsvTable(await csv('a,b\n1,2,3\n'))).rejects.toMatchObject({ message: expect.stringMatching(/line 2: the row has 3 field\(s\)/) });
  });

  it('counts lines in the file, skipping blank lines and spanning quoted newlines', async () => {
    const file = await csv('a,b\n\n"multi\nline",1\n2,x\n');
    await expect(readCsvTable(file, { columns: { b: 'number' } })).rejects.toMatchObject({ message: `${file} line 5, column "b": "x" is not a number` });
  });

  it('refuses a file without a header, a duplicate or blank column name, and an undeclared column', async () => {
    await expect(readCsvTable(await csv(''))).rejects.toMatchObject({ code: 'REFERENCE_DATA_INVALID', message: expect.stringMatching(/has no header row/) });
    await expect(readCsvTable(await csv('a,a\n1,2\n'))).rejects.toMatchObject({ message: expect.stringMatching(/column "a" appears twice/) });
    await expect(readCsvTable(await csv('a,\n1,2\n'))).rejects.toMatchObject({ message: expect.stringMatching(/column 2 of the header has no name/) });
    await expect(readCsvTable(await csv('a\n1\n'), { columns: { b: 'number' } })).rejects.toMatchObject({ code: 'REFERENCE_DATA_INVALID', field: 'b' });
  });

  it('does not mistake Object.prototype members for declared types', async () => {
    const table = await readCsvTable(await csv('constructor,toString\n1,2\n'), { columns: {} });
    expect(table.columns.get('constructor')?.type).toBe('number');
  });

  it('reports a malformed CSV file and a missing file with their own codes', async () => {
    await expect(readCsvTable(await csv('a,b\n1,"open\n'))).rejects.toMatchObject({ code: 'REFERENCE_DATA_INVALID', message: expect.stringMatching(/not a readable CSV file: Quote Not Closed/) });
    await expect(readCsvTable(path.join(dir, 'missing.csv'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });

  it('skips a byte-order mark and reads a header-only file as zero rows', async () => {
    const table = await readCsvTable(await csv('\uFEFFa,b\n'));
    expect(table.rowCount).toBe(0);
    expect([...table.columns.keys()]).toEqual(['a', 'b']);
  });

  it('turns a column that meets text after numbers or booleans into text, keeping every cell as written', async () => {
    const table = await readCsvTable(await csv('code,flag,late\n00123,TRUE,\n7,false,NA\nA-7,maybe,x\n'));
    expect(table.columns.get('code')).toMatchObject({ type: 'string', values: ['00123', '7', 'A-7'] });
    expect(table.columns.get('flag')).toMatchObject({ type: 'string', values: ['TRUE', 'false', 'maybe'] });
    // Only missing values before the text: nothing to recover, the column is text from the start.
    expect(table.columns.get('late')).toMatchObject({ type: 'string', values: [null, null, 'x'] });
  });

  it('reads a file of many chunks as one: records cut anywhere, quoted newlines included', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `${i},${(i * 0.37).toFixed(3)},"note ${i}\nwith ""quotes"""`);
    const table = await readCsvTable(await csv(`id,x,note\n${rows.join('\n')}\n`));
    expect(table.rowCount).toBe(40_000);
    const x = table.columns.get('x')!.values as Float64Array;
    expect(x[12_345]).toBe(Number((12_345 * 0.37).toFixed(3)));
    expect((table.columns.get('note')!.values as string[])[39_999]).toBe('note 39999\nwith "quotes"');
    await expect(readCsvTable(await csv(`id,x\n${Array.from({ length: 40_000 }, (_, i) => `${i},${i}`).join('\n')}\n1,oops\n`), { columns: { x: 'number' } }))
      .rejects.toMatchObject({ message: expect.stringMatching(/line 40002, column "x": "oops" is not a number/) });
  });

  it('tells a progress reporter the rows read and the share of the file', async () => {
    const events: string[] = [];
    const progress = { start: (stage: string) => events.push(stage), advance: (rows: number, share?: number) => events.push(`${rows} ${share}`), end: () => events.push('end') };
    await readCsvTable(await csv(`a\n${'1\n'.repeat(600_000)}`), { progress });
    expect(events[0]).toBe('reading data.csv');
    expect(events.length).toBeGreaterThan(1);
    const last = events.at(-1)!.split(' ').map(Number);
    expect(last[0]).toBeGreaterThan(400_000);
    expect(last[1]).toBeGreaterThan(0.8);
  });

  it('reads the titanic sample', async () => {
    const table = await readCsvTable(TITANIC, { columns: { pclass: 'category' } });
    expect(table.rowCount).toBe(38);
    expect(table.columns.get('pclass')?.type).toBe('string');
    expect(table.columns.get('age')?.type).toBe('number');
    expect(table.columns.get('sex')?.type).toBe('string');
    expect(table.columns.get('name')).toMatchObject({ type: 'string' });
    expect((table.columns.get('name')?.values as string[])[13]).toBe('Barber, Miss. Ellen "Nellie"');
    expect(Array.from(table.columns.get('age')?.values as Float64Array).filter(Number.isNaN)).toHaveLength(2);
  });
});
