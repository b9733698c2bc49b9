// The in-memory table that reference data is read into: named, typed columns of equal length.

/** How a feature's values are meant to be read; `integer` and `category` refine `number` and `string`. */
export type DeclaredColumnType = 'number' | 'integer' | 'boolean' | 'category' | 'string';
export const DECLARED_COLUMN_TYPES: readonly DeclaredColumnType[] = ['number', 'integer', 'boolean', 'category', 'string'];

/** Numbers, with NaN for a missing value. */
export interface NumberColumn {
  readonly name: string;
  readonly type: 'number';
  readonly values: Float64Array;
}

export interface StringColumn {
  readonly name: string;
  readonly type: 'string';
  readonly values: (string | null)[];
}

export interface BooleanColumn {
  readonly name: string;
  readonly type: 'boolean';
  readonly values: (boolean | null)[];
}

export type Column = NumberColumn | StringColumn | BooleanColumn;

export interface Table {
  readonly rowCount: number;
  /** In the order of the source's columns. */
  readonly columns: Map<string, Column>;
}

/** The value in row `index`, with null for a missing one (NaN included). */
export function cellValue(column: Column, index: number): number | string | boolean | null {
  const value = column.values[index];
  if (value === undefined || value === null) return null;
  return typeof value === 'number' && Number.isNaN(value) ? null : value;
}
