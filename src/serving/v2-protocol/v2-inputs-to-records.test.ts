// V2 input tensors to records: Triton-style [N, k] tensors per model input, KServe-style [N] tensors per feature, and every malformed request.
import { describe, expect, it } from 'vitest';
import { PitstopError } from '../../errors/index.js';
import { FeatureSchema, ModelInputSchema, type Manifest } from '../../manifest/index.js';
import { validateRecords } from '../validation/index.js';
import { MAX_DATA_DEPTH } from './v2-tensor-data.js';
import { v2InputsToRecords } from './v2-inputs-to-records.js';

/** A churn model: two numbers in one float tensor, a category in a string tensor, a flag in a rank-1 bool tensor. */
const CHURN: Pick<Manifest, 'features' | 'inputs'> = {
  features: [
    { name: 'age', type: 'integer', min: 0, max: 120 },
    { name: 'income', type: 'number', required: false, default: 0 },
    { name: 'plan', type: 'category', categories: ['basic', 'pro'] },
    { name: 'active', type: 'boolean' },
  ].map((f) => FeatureSchema.parse(f)),
  inputs: [
    { name: 'numeric', dtype: 'float32', features: ['age', 'income'] },
    { name: 'categorical', dtype: 'string', features: ['plan'] },
    { name: 'flags', dtype: 'bool', features: ['active'], rank: 1 },
  ].map((i) => ModelInputSchema.parse(i)),
};

const RECORDS = [
  { age: 40, income: 5000, plan: 'pro', active: true },
  { age: 30, income: 0, plan: 'basic', active: false },
];

const TRITON = {
  id: 'r1',
  inputs: [
    { name: 'numeric', shape: [2, 2], datatype: 'FP32', data: [40, 5000, 30, 0] },
    { name: 'categorical', shape: [2, 1], datatype: 'BYTES', data: ['pro', 'basic'] },
    { name: 'flags', shape: [2], datatype: 'BOOL', data: [true, false] },
  ],
};

const KSERVE = {
  inputs: [
    { name: 'age', shape: [2], datatype: 'INT64', data: [40, 30] },
    { name: 'income', shape: [2], datatype: 'FP64', data: [5000, 0] },
    { name: 'plan', shape: [2], datatype: 'BYTES', data: ['pro', 'basic'] },
    { name: 'active', shape: [2], datatype: 'BOOL', data: [true, false] },
  ],
};

const input = (name: string, shape: number[], datatype: string, data: unknown[]) => ({ name, shape, datatype, data });

function failure(request: unknown): PitstopError {
  try {
    v2InputsToRecords(CHURN, request);
  } catch (error) {
    if (error instanceof PitstopError) return error;
    throw error;
  }
  throw new Error('expected a PitstopError');
}

/** The VALIDATION_FAILED field errors a request gets. */
function problems(request: unknown): { field: string; message: string }[] {
  const error = failure(request);
  expect(error.code).toBe('VALIDATION_FAILED');
  expect(error.status).toBe(400);
  return [...error.errors];
}

describe('v2InputsToRecords', () => {
  describe('request styles', () => {
    it('maps a Triton-style [N, k] tensor per model input onto its features, column by column', () => {
      expect(v2InputsToRecords(CHURN, TRITON)).toEqual(RECORDS);
    });

    it('maps KServe-style [N] tensors, one per feature', () => {
      expect(v2InputsToRecords(CHURN, KSERVE)).toEqual(RECORDS);
    });

    it('gives identical records for the same rows sent either way', () => {
      expect(v2InputsToRecords(CHURN, KSERVE)).toStrictEqual(v2InputsToRecords(CHURN, TRITON));
    });

    it('takes per-feature tensors shaped [N, 1]', () => {
      const request = { inputs: KSERVE.inputs.map((i) => ({ ...i, shape: [2, 1] })) };
      expect(v2InputsToRecords(CHURN, request)).toEqual(RECORDS);
    });

    it('takes a one-feature model input as [N] or [N, 1], and a rank-1 input as [N, 1]', () => {
      const request = {
        inputs: [TRITON.inputs[0], input('categorical', [2], 'BYTES', ['pro', 'basic']), input('flags', [2, 1], 'BOOL', [true, false])],
      };
      expect(v2InputsToRecords(CHURN, request)).toEqual(RECORDS);
    });

    it('flattens nested data row-major', () => {
      const request = { inputs: [input('numeric', [2, 2], 'FP32', [[40, 5000], [30, 0]]), ...TRITON.inputs.slice(1)] };
      expect(v2InputsToRecords(CHURN, request)).toEqual(RECORDS);
    });

    it('lets the two styles mix', () => {
      const request = { inputs: [TRITON.inputs[0], KSERVE.inputs[2], KSERVE.inputs[3]] };
      expect(v2InputsToRecords(CHURN, request)).toEqual(RECORDS);
    });

    it('lets optional features be left out, for validation to fill their defaults', () => {
      const request = { inputs: [KSERVE.inputs[0], KSERVE.inputs[2], KSERVE.inputs[3]] };
      const records = v2InputsToRecords(CHURN, request);
      expect(records).toEqual([{ age: 40, plan: 'pro', active: true }, { age: 30, plan: 'basic', active: false }]);
      expect(validateRecords(CHURN, { records }, { maxRecords: 10 })).toEqual([{ ...RECORDS[0], income: 0 }, { ...RECORDS[1], income: 0 }]);
    });

    it('ignores the request id, parameters and requested outputs', () => {
      const request = { ...TRITON, parameters: { content_type: 'pd' }, outputs: [{ name: 'label' }], inputs: TRITON.inputs.map((i) => ({ ...i, parameters: { x: 1 } })) };
      expect(v2InputsToRecords(CHURN, request)).toEqual(RECORDS);
    });

    it('reads a model input named like a feature as the model input', () => {
      const manifest = { features: [FeatureSchema.parse({ name: 'x', type: 'number' })], inputs: [ModelInputSchema.parse({ name: 'x', dtype: 'float32', features: ['x'] })] };
      expect(v2InputsToRecords(manifest, { inputs: [input('x', [2, 1], 'FP32', [1, 2])] })).toEqual([{ x: 1 }, { x: 2 }]);
    });

    it('gives no records for N = 0, which validation then refuses', () => {
      const records = v2InputsToRecords(CHURN, { inputs: [input('numeric', [0, 2], 'FP32', []), input('plan', [0], 'BYTES', []), input('active', [0], 'BOOL', [])] });
      expect(records).toEqual([]);
      expect(() => validateRecords(CHURN, { records }, { maxRecords: 10 })).toThrow(/records: must not be empty/);
    });

    it('leaves value checks to record validation, which names the record and feature', () => {
      const records = v2InputsToRecords(CHURN, { inputs: [input('age', [1], 'INT64', [200]), input('plan', [1], 'BYTES', ['gold']), input('active', [1], 'BOOL', [true])] });
      expect(() => validateRecords(CHURN, { records }, { maxRecords: 10 })).toThrow(/records\[0\]\.age: must be between 0 and 120, got 200 \(and 1 more problem\)/);
    });

    it('keeps a feature named "__proto__" as an own property', () => {
      const manifest = { features: [FeatureSchema.parse({ name: '__proto__', type: 'string' })], inputs: [ModelInputSchema.parse({ name: 'in', dtype: 'string', features: ['__proto__'] })] };
      const [record] = v2InputsToRecords(manifest, { inputs: [input('__proto__', [1], 'BYTES', ['x'])] });
      expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(record, '__proto__')?.value).toBe('x');
    });
  });

  describe('the request structure', () => {
    it.each([
      ['not an object', [1], [{ field: 'body', message: 'expected an object, got array' }]],
      ['without inputs', { id: 'x' }, [{ field: 'inputs', message: 'is missing; expected an array' }]],
      ['with no inputs', { inputs: [] }, [{ field: 'inputs', message: 'must hold at least 1 item' }]],
      ['with an input that is not an object', { inputs: ['age'] }, [{ field: 'inputs[0]', message: 'expected an object, got string "age"' }]],
      ['with an unnamed input', { inputs: [input('', [1], 'FP32', [1])] }, [{ field: 'inputs[0].name', message: 'must not be empty' }]],
      ['with an unknown datatype', { inputs: [input('age', [1], 'FLOAT', [1])] }, [{ field: 'inputs[0].datatype', message: 'must be one of BOOL, UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BYTES, got string "FLOAT"' }]],
      ['with a negative dimension', { inputs: [input('age', [-1], 'FP32', [1])] }, [{ field: 'inputs[0].shape[0]', message: 'must be at least 0, got -1' }]],
      ['with a fractional dimension', { inputs: [input('age', [1.5], 'FP32', [1])] }, [{ field: 'inputs[0].shape[0]', message: 'expected an integer, got number 1.5' }]],
      ['with data that is not an array', { inputs: [{ name: 'age', shape: [1], datatype: 'FP32', data: 1 }] }, [{ field: 'inputs[0].data', message: 'expected an array, got number 1' }]],
      ['with a non-string id', { id: 7, inputs: KSERVE.inputs }, [{ field: 'id', message: 'expected a string, got number 7' }]],
    ])('refuses a request %s, naming the field', (_what, request, expected) => {
      expect(problems(request)).toEqual(expected);
    });

    it('names the field in the message too, since V2 errors carry only the message', () => {
      expect(failure({ inputs: [input('age', [1], 'FLOAT', [1])] }).message).toMatch(/^inputs\[0\]\.datatype: must be one of /);
    });
  });

  describe('input names', () => {
    it('refuses a name that is neither a model input nor a feature, listing both', () => {
      expect(problems({ inputs: [...KSERVE.inputs, input('colour', [2], 'BYTES', ['a', 'b'])] })).toEqual([
        { field: 'inputs[4].name', message: 'unknown input "colour"; expected the model inputs (numeric, categorical, flags) or one input per feature (age, income, plan, active)' },
      ]);
    });

    it('refuses a feature given twice, by the same name or through its model input', () => {
      expect(problems({ inputs: [...KSERVE.inputs, KSERVE.inputs[0]] })).toEqual([{ field: 'inputs[4].name', message: 'feature "age" is already given by inputs[0]' }]);
      expect(problems({ inputs: [KSERVE.inputs[1], ...TRITON.inputs] })).toEqual([{ field: 'inputs[1].name', message: 'feature "income" is already given by inputs[0]' }]);
    });

    it('refuses a request that leaves out a required feature, naming it and the model input to send', () => {
      expect(problems({ inputs: [TRITON.inputs[0], TRITON.inputs[2]] })).toEqual([
        { field: 'inputs', message: 'no input gives the required feature plan; send the model input "categorical" with shape [N], or one [N] input per feature' },
      ]);
      expect(problems({ inputs: [KSERVE.inputs[2]] })).toEqual([
        { field: 'inputs', message: 'no input gives the required features age, active; send the model inputs "numeric" with shape [N, 2] and "flags" with shape [N], or one [N] input per feature' },
      ]);
    });
  });

  describe('shapes', () => {
    it('refuses a model input whose columns do not match its features', () => {
      expect(problems({ inputs: [input('numeric', [1, 3], 'FP32', [1, 2, 3]), ...TRITON.inputs.slice(1)] })[0]).toEqual({
        field: 'inputs[0].shape',
        message: 'expected shape [N, 2] (one column per feature: age, income), got [1, 3]',
      });
      expect(problems({ inputs: [input('numeric', [2], 'FP32', [1, 2]), ...TRITON.inputs.slice(1)] })[0]!.message).toBe('expected shape [N, 2] (one column per feature: age, income), got [2]');
    });

    it('refuses a per-feature tensor that is not [N] or [N, 1]', () => {
      const request = { inputs: [input('age', [1, 2], 'INT64', [1, 2]), ...KSERVE.inputs.slice(1)] };
      expect(problems(request)[0]).toEqual({ field: 'inputs[0].shape', message: 'expected shape [N] or [N, 1] for "age", got [1, 2]' });
      expect(problems({ inputs: [input('age', [], 'INT64', [1]), ...KSERVE.inputs.slice(1)] })[0]).toEqual({ field: 'inputs[0].shape', message: 'expected shape [N] or [N, 1] for "age", got []' });
      expect(problems({ inputs: [input('age', [2, 1, 1], 'INT64', [1, 2]), ...KSERVE.inputs.slice(1)] })[0]!.field).toBe('inputs[0].shape');
    });

    it('refuses data whose length does not match the shape', () => {
      expect(problems({ inputs: [input('numeric', [2, 2], 'FP32', [1, 2, 3]), ...TRITON.inputs.slice(1)] })).toEqual([
        { field: 'inputs[0].data', message: 'holds 3 values but shape [2, 2] needs 4' },
      ]);
    });

    it('refuses inputs that disagree on N, naming the one that differs from the first', () => {
      const request = { inputs: [KSERVE.inputs[0], input('plan', [3], 'BYTES', ['a', 'b', 'c']), KSERVE.inputs[3]] };
      expect(problems(request)).toEqual([{ field: 'inputs[1].shape', message: 'has 3 rows but inputs[0] has 2; every input must hold the same number of rows' }]);
    });
  });

  describe('data against the datatype', () => {
    const one = (datatype: string, value: unknown) => problems({ inputs: [input('age', [1], datatype, [value]), ...KSERVE.inputs.slice(2).map((i) => ({ ...i, shape: [1], data: i.data.slice(0, 1) }))] });

    it.each([
      ['FP32', '12', 'expected a number for FP32, got string "12"'],
      ['FP64', null, 'expected a number for FP64, got null'],
      ['INT64', 2.5, 'expected an integer from -9007199254740991 to 9007199254740991 for INT64, got number 2.5'],
      ['INT32', 2 ** 31, 'expected an integer from -2147483648 to 2147483647 for INT32, got number 2147483648'],
      ['INT8', -129, 'expected an integer from -128 to 127 for INT8, got number -129'],
      ['INT16', 40000, 'expected an integer from -32768 to 32767 for INT16, got number 40000'],
      ['UINT8', -1, 'expected an integer from 0 to 255 for UINT8, got number -1'],
      ['UINT16', 70000, 'expected an integer from 0 to 65535 for UINT16, got number 70000'],
      ['UINT32', -1, 'expected an integer from 0 to 4294967295 for UINT32, got number -1'],
      ['UINT64', -1, 'expected an integer from 0 to 9007199254740991 for UINT64, got number -1'],
      ['BOOL', 1, 'expected true or false for BOOL, got number 1'],
      ['BYTES', 40, 'expected a string for BYTES, got number 40'],
      ['FP16', {}, 'expected a number for FP16, got object'],
    ])('refuses a value %s cannot hold: %o', (datatype, value, message) => {
      expect(one(datatype, value)).toEqual([{ field: 'inputs[0].data[0]', message }]);
    });

    it.each([
      ['UINT8', 255],
      ['INT8', -128],
      ['INT32', 2 ** 31 - 1],
      ['FP16', 40.5],
    ])('takes %s values at their limits', (datatype, value) => {
      const records = v2InputsToRecords(CHURN, { inputs: [input('age', [1], datatype, [value]), input('plan', [1], 'BYTES', ['pro']), input('active', [1], 'BOOL', [true])] });
      expect(records[0]!.age).toBe(value);
    });

    it('names a wrong value by its flat row-major position, even in nested data', () => {
      const request = { inputs: [input('numeric', [2, 2], 'FP32', [[40, 5000], [30, 'zero']]), ...TRITON.inputs.slice(1)] };
      expect(problems(request)).toEqual([{ field: 'inputs[0].data[3]', message: 'expected a number for FP32, got string "zero"' }]);
    });

    it('reports at most five wrong values per tensor', () => {
      const request = { inputs: [input('numeric', [5, 2], 'FP32', Array.from({ length: 10 }, () => 'x')), ...TRITON.inputs.slice(1).map((i) => ({ ...i, shape: [5, ...i.shape.slice(1)], data: Array.from({ length: 5 }, () => i.data[0]) }))] };
      expect(problems(request).map((p) => p.field)).toEqual(['inputs[0].data[0]', 'inputs[0].data[1]', 'inputs[0].data[2]', 'inputs[0].data[3]', 'inputs[0].data[4]']);
    });

    it(`refuses data nested more than ${MAX_DATA_DEPTH} deep`, () => {
      let deep: unknown = 1;
      for (let i = 0; i < MAX_DATA_DEPTH + 5; i++) deep = [deep];
      const request = { inputs: [input('age', [1], 'INT64', [deep]), ...KSERVE.inputs.slice(2).map((i) => ({ ...i, shape: [1], data: i.data.slice(0, 1) }))] };
      expect(problems(request)).toEqual([{ field: 'inputs[0].data[0]', message: `nests arrays more than ${MAX_DATA_DEPTH} deep` }]);
    });
  });

  it('collects the problems of every input into one error and counts the rest in its message', () => {
    const request = { inputs: [input('numeric', [2, 3], 'FP32', [1, 2, 3, 4, 5, 6]), input('plan', [2], 'BYTES', ['a', 1]), input('colour', [2], 'BYTES', ['a', 'b'])] };
    const error = failure(request);
    expect(error.errors.map((e) => e.field)).toEqual(['inputs[0].shape', 'inputs[1].data[1]', 'inputs[2].name']);
    expect(error.message).toBe('inputs[0].shape: expected shape [N, 2] (one column per feature: age, income), got [2, 3] (and 2 more problems)');
    expect(error.field).toBe('inputs[0].shape');
  });
});
