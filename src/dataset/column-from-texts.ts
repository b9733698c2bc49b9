// Turns one column of text cells into a typed Column, as declared or, without a declaration, as inferred from the cells.
import { PitstopError } from '../errors/index.js';
import { isMissingText, parseBooleanText, parseNumberText } from './cell-parsing.js';
import type { Column, DeclaredColumnType } from './table.js';

/**
 * `locate(row)` says where row `row` came from ("data.csv line 7"), for error messages.
 * Inference: every non-missing cell a number → number; every one true/false → boolean; otherwise string.
 * A column with no values at all is a number column of NaNs, as pandas reads it.
 */
export function columnFromTexts(name: string, texts: readonly string[], declared: DeclaredColumnType | undefined, locate: (row: number) => string): Column {
  const type = declared ?? inferColumnType(texts);
  if (type === 'number' || type === 'integer') return numberColumn(name, texts, type === 'integer', locate);
  if (type === 'boolean') return booleanColumn(name, texts, locate);
  return { name, type: 'string', values: texts.map((text) => (isMissingText(text) ? null : text)) };
}

function inferColumnType(texts: readonly string[]): 'number' | 'boolean' | 'string' {
  let numeric = true;
  let boolean = true;
  for (const text of texts) {
    if (isMissingText(text)) continue;
    numeric &&= parseNumberText(text) !== undefined;
    boolean &&= parseBooleanText(text) !== undefined;
    if (!numeric && !boolean) return 'string';
  }
  return numeric ? 'number' : 'boolean';
}

function numberColumn(name: string, texts: readonly string[], integer: boolean, locate: (row: number) => string): Column {
  const values = new Float64Array(texts.length);
  texts.forEach((text, row) => {
    if (isMissingText(text)) {
      values[row] = Number.NaN;
      return;
    }
    const value = parseNumberText(text);
    if (value === undefined) throw invalidCell(name, text, 'a number', locate(row));
    if (integer && !Number.isInteger(value)) throw invalidCell(name, text, 'an integer', locate(row));
    values[row] = value;
  });
  return { name, type: 'number', values };
}

function booleanColumn(name: string, texts: readonly string[], locate: (row: number) => string): Column {
  const values = texts.map((text, row) => {
    if (isMissingText(text)) return null;
    const value = parseBooleanText(text);
    if (value === undefined) throw invalidCell(name, text, 'true or false', locate(row));
    return value;
  });
  return { name, type: 'boolean', values };
}

function invalidCell(column: string, text: string, expected: string, where: string): PitstopError {
  return new PitstopError('REFERENCE_DATA_INVALID', `${where}, column "${column}": ${JSON.stringify(text)} is not ${expected}`, { field: column });
}
