// Builds one typed column from a CSV file's cells as they are scanned: numbers straight from the bytes into a
// Float64Array, booleans and text as values. A column without a declared type is inferred as it goes: every
// non-missing cell a number → number; every one true/false → boolean; otherwise string. A column with no values at all
// is a number column of NaNs, as pandas reads it.
import { PitstopError } from '../errors/index.js';
import { fieldText, quotedFieldText } from './csv-scanner.js';
import { isMissingText, MISSING_CELL, parseBooleanText, parseNumberBytes, parseNumberText, READ_AS_TEXT } from './cell-parsing.js';
import type { Column, DeclaredColumnType } from './table.js';

type Kind = 'number' | 'integer' | 'boolean' | 'string';

export class CsvColumn {
  private kind: Kind;
  private readonly inferring: boolean;
  private numbers = new Float64Array(1024);
  private values: (string | boolean | null)[] = [];
  private rows = 0;
  /** Non-missing cells seen so far: a column inferred as number or boolean can change its mind only before any. */
  private present = 0;
  /**
   * Set when an inferred column meets text after numbers or booleans: the text of the earlier cells is gone, so the
   * file is scanned again for this column's text (readCsvTable does).
   */
  needsText = false;

  /** `where(line)` names the place for an error: "data.csv line 7". */
  constructor(
    readonly name: string,
    declared: DeclaredColumnType | undefined,
    private readonly where: (line: number) => string,
  ) {
    this.inferring = declared === undefined;
    this.kind = declared === undefined || declared === 'number' ? 'number' : declared === 'category' ? 'string' : declared;
  }

  add(bytes: Uint8Array, start: number, end: number, quoted: boolean, line: number): void {
    const row = this.rows++;
    if (this.kind === 'number' || this.kind === 'integer') {
      const value = quoted ? READ_AS_TEXT : parseNumberBytes(bytes, start, end);
      if (value === MISSING_CELL) this.setNumber(row, Number.NaN);
      else if (value !== READ_AS_TEXT) this.addNumber(row, value, bytes, start, end, line);
      else this.addNumberText(row, quoted ? quotedFieldText(bytes, start, end) : fieldText(bytes, start, end), line);
      return;
    }
    if (this.needsText) return;
    const text = quoted ? quotedFieldText(bytes, start, end) : fieldText(bytes, start, end);
    if (this.kind === 'boolean') this.addBoolean(text, line);
    else this.values.push(isMissingText(text) ? null : text);
  }

  /** The finished column; one that needed its text gets it here, as the whole column's cells in order. */
  finish(texts?: readonly string[]): Column {
    if (texts) return { name: this.name, type: 'string', values: texts.map((text) => (isMissingText(text) ? null : text)) };
    if (this.kind === 'number' || this.kind === 'integer') return { name: this.name, type: 'number', values: this.numbers.slice(0, this.rows) };
    if (this.kind === 'boolean') return { name: this.name, type: 'boolean', values: this.values as (boolean | null)[] };
    return { name: this.name, type: 'string', values: this.values as (string | null)[] };
  }

  private addNumberText(row: number, text: string, line: number): void {
    if (isMissingText(text)) return this.setNumber(row, Number.NaN);
    const value = parseNumberText(text);
    if (value !== undefined) {
      if (this.kind === 'integer' && !Number.isInteger(value)) throw invalidCell(this.name, text, 'an integer', this.where(line));
      return this.setNumber(row, value, true);
    }
    if (!this.inferring) throw invalidCell(this.name, text, 'a number', this.where(line));
    if (this.present > 0) return this.becomeText();
    // Text in a column inferred as numbers, before any number: a boolean or string column after all.
    const boolean = parseBooleanText(text);
    this.kind = boolean === undefined ? 'string' : 'boolean';
    this.values = new Array<null>(row).fill(null);
    this.values.push(boolean ?? text);
    this.present += 1;
  }

  private addNumber(row: number, value: number, bytes: Uint8Array, start: number, end: number, line: number): void {
    if (this.kind === 'integer' && !Number.isInteger(value)) throw invalidCell(this.name, fieldText(bytes, start, end), 'an integer', this.where(line));
    this.setNumber(row, value, true);
  }

  private setNumber(row: number, value: number, present = false): void {
    if (present) this.present += 1;
    if (row === this.numbers.length) {
      const grown = new Float64Array(this.numbers.length * 2);
      grown.set(this.numbers);
      this.numbers = grown;
    }
    this.numbers[row] = value;
  }

  private addBoolean(text: string, line: number): void {
    if (isMissingText(text)) {
      this.values.push(null);
      return;
    }
    const value = parseBooleanText(text);
    if (value !== undefined) {
      this.values.push(value);
      this.present += 1;
      return;
    }
    if (!this.inferring) throw invalidCell(this.name, text, 'true or false', this.where(line));
    this.becomeText();
  }

  private becomeText(): void {
    this.kind = 'string';
    this.needsText = true;
    this.values = [];
  }
}

function invalidCell(column: string, text: string, expected: string, where: string): PitstopError {
  return new PitstopError('REFERENCE_DATA_INVALID', `${where}, column "${column}": ${JSON.stringify(text)} is not ${expected}`, { field: column });
}
