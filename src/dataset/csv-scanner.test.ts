import { describe, expect, it } from 'vitest';
import { CsvScanner, CsvSyntaxError, fieldText, quotedFieldText, type CsvRecord } from './csv-scanner.js';

interface Scanned {
  line: number;
  fields: string[];
}

const textOf = (record: CsvRecord, c: number) =>
  record.quoted[c] === 1 ? quotedFieldText(record.bytes, record.starts[c]!, record.ends[c]!) : fieldText(record.bytes, record.starts[c]!, record.ends[c]!);

/** Scans `text` cut into chunks at `cuts`, carrying the unfinished record over as readCsvTable does. */
function scan(text: string, cuts: number[] = []): Scanned[] {
  const records: Scanned[] = [];
  const scanner = new CsvScanner((record) => records.push({ line: record.line, fields: Array.from({ length: record.count }, (_, c) => textOf(record, c)) }));
  const bytes = Buffer.from(text);
  let pending = Buffer.alloc(0);
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    const chunk = Buffer.concat([pending, bytes.subarray(from, cut)]);
    const used = scanner.scan(chunk, chunk.length, false);
    pending = Buffer.from(chunk.subarray(used));
    from = cut;
  }
  scanner.scan(pending, pending.length, true);
  return records;
}

describe('CsvScanner', () => {
  const text = 'a,b,c\r\n1,"x, ""y""",\n\n"multi\nline",2,"3"\r\n"",,last';

  it('splits quoted fields, escaped quotes, CRLF and LF lines, skipping blank lines, with each record\'s first line', () => {
    expect(scan(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x, "y"', ''] },
      { line: 4, fields: ['multi\nline', '2', '3'] },
      { line: 6, fields: ['', '', 'last'] },
    ]);
  });

  it('gives the same records however the bytes are cut into chunks', () => {
    const whole = scan(text);
    for (let cut = 0; cut <= text.length; cut++) expect(scan(text, [cut])).toEqual(whole);
    for (let first = 0; first <= text.length; first += 3) expect(scan(text, [first, Math.min(text.length, first + 2)])).toEqual(whole);
  });

  it('refuses an unclosed quote, a quote inside an unquoted field and text after a closing quote, naming the line', () => {
    expect(() => scan('a\n"open\n')).toThrow(new CsvSyntaxError('Quote Not Closed: the quoted field starting on line 2 does not end'));
    expect(() => scan('a\nx"y\n')).toThrow(/Invalid Opening Quote: a quote in an unquoted field on line 2/);
    expect(() => scan('a\n"x"y\n')).toThrow(/Invalid Closing Quote: got "y" after the quoted field on line 2/);
  });
});
