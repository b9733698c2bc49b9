// Flattens a V2 tensor's `data` (flat or nested, row-major) and checks each value against the tensor's datatype.
import type { FeatureValue } from '../../runtime/index.js';
import { describeValue } from '../validation/index.js';
import type { V2Datatype } from './v2-schemas.js';
import type { V2Problems } from './v2-problems.js';

/** Values wrong for one tensor reported at most; the rest are likely the same mistake. */
const MAX_PROBLEMS_PER_TENSOR = 5;
/** Deeper nesting than any tensor has; refusing it keeps a hostile body from exhausting the stack. */
export const MAX_DATA_DEPTH = 32;

type ValueCheck = (value: unknown) => string | null;

const INTEGER_RANGES: Partial<Record<V2Datatype, readonly [number, number]>> = {
  INT8: [-128, 127],
  INT16: [-32768, 32767],
  INT32: [-2147483648, 2147483647],
  INT64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  UINT8: [0, 255],
  UINT16: [0, 65535],
  UINT32: [0, 4294967295],
  UINT64: [0, Number.MAX_SAFE_INTEGER],
};

/** What is wrong with one value for a datatype, or null when it fits. */
function valueCheck(datatype: V2Datatype): ValueCheck {
  if (datatype === 'BOOL') return (v) => (typeof v === 'boolean' ? null : `expected true or false for BOOL, got ${describeValue(v)}`);
  if (datatype === 'BYTES') return (v) => (typeof v === 'string' ? null : `expected a string for BYTES, got ${describeValue(v)}`);
  const range = INTEGER_RANGES[datatype];
  if (range) {
    const [min, max] = range;
    return (v) => (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? null : `expected an integer from ${min} to ${max} for ${datatype}, got ${describeValue(v)}`);
  }
  return (v) => (typeof v === 'number' ? null : `expected a number for ${datatype}, got ${describeValue(v)}`);
}

/** The values in row-major order, or undefined when some do not fit the datatype (each named as `field[i]`, i the flat position). */
export function flattenV2Data(data: readonly unknown[], datatype: V2Datatype, field: string, problems: V2Problems): FeatureValue[] | undefined {
  if (isFlatNumbers(data, datatype)) return data as FeatureValue[];
  const check = valueCheck(datatype);
  const values: FeatureValue[] = [];
  let wrong = 0;
  const visit = (items: readonly unknown[], depth: number): void => {
    for (const item of items) {
      if (Array.isArray(item)) {
        if (depth < MAX_DATA_DEPTH) visit(item, depth + 1);
        else if (wrong++ < MAX_PROBLEMS_PER_TENSOR) problems.add(`${field}[${values.length}]`, `nests arrays more than ${MAX_DATA_DEPTH} deep`);
        continue;
      }
      const problem = check(item);
      if (problem !== null && wrong++ < MAX_PROBLEMS_PER_TENSOR) problems.add(`${field}[${values.length}]`, problem);
      values.push(item as FeatureValue);
    }
  };
  visit(data, 1);
  return wrong === 0 ? values : undefined;
}

/**
 * The common case, checked in one tight loop: flat data of plain numbers that fit a float datatype, or integers in
 * range for an integer one. Anything else (nesting, a wrong value) takes the general walk, which names the problem.
 */
function isFlatNumbers(data: readonly unknown[], datatype: V2Datatype): boolean {
  if (datatype === 'BOOL' || datatype === 'BYTES') return false;
  const range = INTEGER_RANGES[datatype];
  if (!range) {
    for (let i = 0; i < data.length; i++) if (typeof data[i] !== 'number') return false;
    return true;
  }
  const [min, max] = range;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) return false;
  }
  return true;
}
