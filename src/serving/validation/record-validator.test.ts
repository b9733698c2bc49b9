// Records against a feature schema: the body's shape, each record's features, and every problem named by its JSON path.
import { describe, expect, it } from 'vitest';
import { PitstopError, type ErrorCode } from '../../errors/index.js';
import { FeatureSchema, type Feature, type Manifest } from '../../manifest/index.js';
import { compileFeatureCheck, FeatureProblem } from './feature-check.js';
import { MAX_LISTED_PROBLEMS } from './record-problems.js';
import { compileRecordValidator, validateRecords } from './record-validator.js';

type FeatureSpec = Partial<Feature> & Pick<Feature, 'name' | 'type'>;

function manifestOf(...specs: FeatureSpec[]): Pick<Manifest, 'features'> {
  return { features: specs.map((spec) => FeatureSchema.parse(spec)) };
}

const CUSTOMER = manifestOf(
  { name: 'age', type: 'integer', min: 0, max: 120 },
  { name: 'income', type: 'number', required: false, default: 0 },
  { name: 'plan', type: 'category', categories: ['basic', 'pro', 'team'] },
  { name: 'active', type: 'boolean' },
  { name: 'note', type: 'string', required: false },
);
const LIMITS = { maxRecords: 64 };

function failure(run: () => unknown): PitstopError {
  try {
    run();
  } catch (error) {
    if (error instanceof PitstopError) return error;
    throw error;
  }
  throw new Error('expected a PitstopError');
}

function expectFailure(run: () => unknown, code: ErrorCode, status: number): PitstopError {
  const error = failure(run);
  expect({ code: error.code, status: error.status }).toEqual({ code, status });
  return error;
}

const good = (overrides: Record<string, unknown> = {}) => ({ age: 40, income: 5000, plan: 'pro', active: true, note: 'vip', ...overrides });

describe('validateRecords', () => {
  describe('the body', () => {
    it.each([
      ['null', null, 'expected a JSON object {"records": [...]}, got null'],
      ['an array', [good()], 'expected a JSON object {"records": [...]}, got array'],
      ['a string', 'records', 'expected a JSON object {"records": [...]}, got string "records"'],
      ['an object without records', { rows: [good()] }, 'is missing; send {"records": [{"feature": value, ...}, ...]}'],
      ['records that are not an array', { records: good() }, 'expected an array of records, got object'],
      ['no records', { records: [] }, 'must not be empty; send at least one record'],
    ])('refuses %s with VALIDATION_FAILED on the field "records"', (_what, body, message) => {
      const error = expectFailure(() => validateRecords(CUSTOMER, body, LIMITS), 'VALIDATION_FAILED', 400);
      expect(error.errors).toEqual([{ field: 'records', message }]);
      expect(error.message).toBe(`records: ${message}`);
    });

    it('refuses more records than the limit with PAYLOAD_TOO_LARGE', () => {
      const body = { records: Array.from({ length: 65 }, () => good()) };
      const error = expectFailure(() => validateRecords(CUSTOMER, body, LIMITS), 'PAYLOAD_TOO_LARGE', 413);
      expect(error.errors).toEqual([{ field: 'records', message: 'at most 64 records per request, got 65; split the request' }]);
    });

    it('accepts exactly the limit', () => {
      expect(validateRecords(CUSTOMER, { records: Array.from({ length: 64 }, () => good()) }, LIMITS)).toHaveLength(64);
    });

    it('ignores an inherited "records" (only the body\'s own field counts)', () => {
      const body = Object.create({ records: [good()] }) as object;
      expectFailure(() => validateRecords(CUSTOMER, body, LIMITS), 'VALIDATION_FAILED', 400);
    });
  });

  describe('the records it returns', () => {
    it('are new objects holding the declared features in declaration order, defaults applied', () => {
      const input = { active: false, plan: 'basic', age: 30 };
      const [record] = validateRecords(CUSTOMER, { records: [input] }, LIMITS);
      expect(record).toEqual({ age: 30, income: 0, plan: 'basic', active: false, note: null });
      expect(Object.keys(record!)).toEqual(['age', 'income', 'plan', 'active', 'note']);
      expect(record).not.toBe(input);
      expect(input).toEqual({ active: false, plan: 'basic', age: 30 });
    });

    it('keep values that are valid as they came', () => {
      expect(validateRecords(CUSTOMER, { records: [good(), good({ age: 0, note: '' })] }, LIMITS)).toEqual([good(), good({ age: 0, note: '' })]);
    });

    it('take a category in its declared spelling', () => {
      const manifest = manifestOf({ name: 'zone', type: 'category', categories: [1, 2, 3] });
      expect(validateRecords(manifest, { records: [{ zone: '2' }] }, LIMITS)).toEqual([{ zone: 2 }]);
    });
  });

  describe('each record', () => {
    it('must be an object', () => {
      const error = expectFailure(() => validateRecords(CUSTOMER, { records: [good(), 7, null, [1]] }, LIMITS), 'INVALID_RECORDS', 422);
      expect(error.errors).toEqual([
        { field: 'records[1]', message: 'expected an object of feature values, got number 7' },
        { field: 'records[2]', message: 'expected an object of feature values, got null' },
        { field: 'records[3]', message: 'expected an object of feature values, got array' },
      ]);
    });

    it('must not hold an unknown feature, and the message lists the known ones', () => {
      const error = expectFailure(() => validateRecords(CUSTOMER, { records: [good({ color: 'red' })] }, LIMITS), 'INVALID_RECORDS', 422);
      expect(error.errors).toEqual([{ field: 'records[0].color', message: 'unknown feature; known features: age, income, plan, active, note' }]);
    });

    it('suggests the declared feature an unknown one differs from only in case', () => {
      const record: Record<string, unknown> = good();
      delete record.age;
      record.Age = 40;
      const error = expectFailure(() => validateRecords(CUSTOMER, { records: [record] }, LIMITS), 'INVALID_RECORDS', 422);
      expect(error.errors).toContainEqual({ field: 'records[0].Age', message: 'unknown feature; did you mean "age"? known features: age, income, plan, active, note' });
      expect(error.errors).toContainEqual({ field: 'records[0].age', message: 'required feature is missing' });
    });

    it('caps the list of known features at 20', () => {
      const manifest = manifestOf(...Array.from({ length: 30 }, (_, i) => ({ name: `f${i}`, type: 'number' as const, required: false })));
      const { errors } = expectFailure(() => validateRecords(manifest, { records: [{ zzz: 1 }] }, LIMITS), 'INVALID_RECORDS', 422);
      expect(errors[0]!.message).toMatch(/^unknown feature; known features: f0, f1, .*, f19 \(and 10 more\)$/);
    });

    it('names an unknown key that is not a plain identifier in brackets', () => {
      const { errors } = expectFailure(() => validateRecords(CUSTOMER, { records: [good({ 'my key': 1 })] }, LIMITS), 'INVALID_RECORDS', 422);
      expect(errors[0]!.field).toBe('records[0]["my key"]');
    });

    it('must hold every required feature, absent and null alike', () => {
      const { errors } = expectFailure(() => validateRecords(CUSTOMER, { records: [{ income: 1, plan: 'pro', active: null }] }, LIMITS), 'INVALID_RECORDS', 422);
      expect(errors).toEqual([
        { field: 'records[0].age', message: 'required feature is missing' },
        { field: 'records[0].active', message: 'required feature is null' },
      ]);
    });

    it('checks types, ranges and categories, naming each value', () => {
      const { errors } = expectFailure(() => validateRecords(CUSTOMER, { records: [{ age: '12', income: 'lots', plan: 'gold', active: 'yes', note: 5 }, good({ age: 130 })] }, LIMITS), 'INVALID_RECORDS', 422);
      expect(errors).toEqual([
        { field: 'records[0].age', message: 'expected an integer, got string "12"' },
        { field: 'records[0].income', message: 'expected a number, got string "lots"' },
        { field: 'records[0].plan', message: 'must be one of "basic", "pro", "team", got "gold"' },
        { field: 'records[0].active', message: 'expected true or false, got string "yes"' },
        { field: 'records[0].note', message: 'expected a string, got number 5' },
        { field: 'records[1].age', message: 'must be between 0 and 120, got 130' },
      ]);
    });
  });

  describe('the error', () => {
    it('collects the problems of every record and names the first in its message', () => {
      const error = expectFailure(() => validateRecords(CUSTOMER, { records: [good(), good({ age: -1 }), good({ plan: 'x' })] }, LIMITS), 'INVALID_RECORDS', 422);
      expect(error.field).toBe('records[1].age');
      expect(error.message).toBe('records[1].age: must be between 0 and 120, got -1 (and 1 more problem)');
      expect(error.errors.map((e) => e.field)).toEqual(['records[1].age', 'records[2].plan']);
    });

    it('says nothing of more problems when there is one', () => {
      const error = expectFailure(() => validateRecords(CUSTOMER, { records: [good({ age: -1 })] }, LIMITS), 'INVALID_RECORDS', 422);
      expect(error.message).toBe('records[0].age: must be between 0 and 120, got -1');
    });

    it(`lists at most ${MAX_LISTED_PROBLEMS} problems and says there are more`, () => {
      const bad = { age: 'x', income: 'x', plan: 'x', active: 'x', note: 1 };
      const body = { records: Array.from({ length: 64 }, () => bad) };
      const error = expectFailure(() => validateRecords(CUSTOMER, body, LIMITS), 'INVALID_RECORDS', 422);
      expect(error.errors).toHaveLength(MAX_LISTED_PROBLEMS);
      expect(error.errors.at(-1)!.field).toBe('records[19].note');
      expect(error.message).toMatch(/\(and more than 99 other problems; the first 100 are listed\)$/);
    });

    it('becomes a problem document whose errors name each field', () => {
      const error = failure(() => validateRecords(CUSTOMER, { records: [good({ age: 'old' })] }, LIMITS));
      expect(error.toProblem()).toMatchObject({ status: 422, code: 'INVALID_RECORDS', field: 'records[0].age', errors: [{ field: 'records[0].age', message: 'expected an integer, got string "old"' }] });
    });
  });

  describe('feature names that collide with Object.prototype', () => {
    const manifest = manifestOf({ name: 'constructor', type: 'number' }, { name: '__proto__', type: 'string', required: false, default: 'p' }, { name: 'toString', type: 'number', required: false });

    it('treat an absent "constructor" as missing, not as Object\'s constructor', () => {
      const { errors } = expectFailure(() => validateRecords(manifest, { records: [{}] }, LIMITS), 'INVALID_RECORDS', 422);
      expect(errors).toEqual([{ field: 'records[0].constructor', message: 'required feature is missing' }]);
    });

    it('keep "__proto__" as an own property of the returned record', () => {
      const body = JSON.parse('{"records": [{"constructor": 1, "__proto__": "x"}]}') as unknown;
      const [record] = validateRecords(manifest, body, LIMITS);
      expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(record, '__proto__')?.value).toBe('x');
      expect(record!.constructor).toBe(1);
      expect(record!.toString).toBeNull();
      const [defaulted] = validateRecords(manifest, { records: [{ constructor: 2 }] }, LIMITS);
      expect(Object.getOwnPropertyDescriptor(defaulted, '__proto__')?.value).toBe('p');
    });
  });
});

describe('compileRecordValidator', () => {
  it('validates the same way as validateRecords', () => {
    const validator = compileRecordValidator(CUSTOMER, LIMITS);
    const body = { records: [good(), { age: 1, plan: 'team', active: false }] };
    expect(validator(body)).toEqual(validateRecords(CUSTOMER, body, LIMITS));
    expect(failure(() => validator({ records: [good({ age: 1.5 })] })).errors).toEqual(failure(() => validateRecords(CUSTOMER, { records: [good({ age: 1.5 })] }, LIMITS)).errors);
  });

  it('validates a 64-record, 20-feature batch through the generated code path (speed is measured in npm run bench, not here)', () => {
    const manifest = manifestOf(
      ...Array.from({ length: 20 }, (_, i): FeatureSpec => (i % 4 === 0 ? { name: `c${i}`, type: 'category', categories: ['a', 'b', 'c'] } : { name: `n${i}`, type: 'number', min: -1e6, max: 1e6 })),
    );
    const record = Object.fromEntries(manifest.features.map((f) => [f.name, f.type === 'category' ? 'b' : 42.5]));
    const body = { records: Array.from({ length: 64 }, () => ({ ...record })) };
    const validated = compileRecordValidator(manifest, LIMITS)(body);
    expect(validated).toHaveLength(64);
    expect(validated[63]).toEqual(record);
  });

  describe('its generated fast path', () => {
    const VALUES: unknown[] = [0, -0, 1, -1, 1.5, 120, 121, 1e300, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '', '12', 'b', 'z', true, false, null, undefined, [], {}, 2, '2'];
    const FEATURES: FeatureSpec[] = [
      { name: 'f', type: 'number' },
      { name: 'f', type: 'number', min: 0, max: 120 },
      { name: 'f', type: 'number', required: false, default: 7, allowNaN: true },
      { name: 'f', type: 'integer', min: -1 },
      { name: 'f', type: 'integer', max: 120, allowNaN: true },
      { name: 'f', type: 'boolean', required: false },
      { name: 'f', type: 'string' },
      { name: 'f', type: 'category' },
      { name: 'f', type: 'category', categories: ['a', 'b', '2'] },
      { name: 'f', type: 'category', categories: [1, 2, 'b'], required: false, default: 1 },
    ];
    // The last two bypass the schema (which refuses infinite bounds), as a hand-built manifest could.
    const UNPARSED: Feature[] = [
      { name: 'f', type: 'number', required: true, allowNaN: false, min: Number.NEGATIVE_INFINITY },
      { name: 'f', type: 'number', required: true, allowNaN: false, max: Number.NEGATIVE_INFINITY },
    ];
    it.each([...FEATURES.map((spec) => FeatureSchema.parse(spec)), ...UNPARSED])('agrees with the feature check on every kind of value: %o', (declared) => {
      const manifest = { features: [declared] };
      const featureCheck = compileFeatureCheck(manifest.features[0]!);
      const validator = compileRecordValidator(manifest, LIMITS);
      for (const value of VALUES) {
        const expected = featureCheck(value);
        const outcome = (() => {
          try {
            return { value: validator({ records: [{ f: value }] })[0]!.f };
          } catch (error) {
            return { problem: (error as PitstopError).errors[0]!.message };
          }
        })();
        expect(outcome, `value ${String(value)}`).toEqual(expected instanceof FeatureProblem ? { problem: expected.message } : { value: expected });
      }
    });
  });

  describe('values the tensor, the log or the databases could not keep', () => {
    const MIXED: Pick<Manifest, 'features' | 'inputs'> = {
      features: [
        FeatureSchema.parse({ name: 'x', type: 'number' }),
        FeatureSchema.parse({ name: 'wide', type: 'number' }),
        FeatureSchema.parse({ name: 'count', type: 'integer' }),
        FeatureSchema.parse({ name: 'small', type: 'integer' }),
        FeatureSchema.parse({ name: 'text', type: 'string', required: false }),
        FeatureSchema.parse({ name: 'code', type: 'category', required: false, maxLength: 8 }),
      ],
      inputs: [
        { name: 'floats', dtype: 'float32', features: ['x', 'count'], rank: 2 },
        { name: 'doubles', dtype: 'float64', features: ['wide'], rank: 2 },
        { name: 'ints', dtype: 'int32', features: ['small'], rank: 2 },
      ],
    };
    const ok = { x: 1, wide: 1, count: 1, small: 1 };
    const problemsOf = (record: Record<string, unknown>) => failure(() => validateRecords(MIXED, { records: [{ ...ok, ...record }] }, LIMITS)).errors;

    it("holds a float32 feature to float32's range and a float64 one to the finite numbers", () => {
      expect(problemsOf({ x: 1e39 })).toEqual([{ field: 'records[0].x', message: "must be within float32's range (±3.4028235e38), got 1e+39" }]);
      expect(problemsOf({ x: -3.5e38 })).toEqual([{ field: 'records[0].x', message: "must be within float32's range (±3.4028235e38), got -3.5e+38" }]);
      expect(validateRecords(MIXED, { records: [{ ...ok, x: 3.4e38, wide: 1e300 }] }, LIMITS)[0]).toMatchObject({ x: 3.4e38, wide: 1e300 });
    });

    it('holds integers to the exact integers, and an int32 input to its range', () => {
      expect(problemsOf({ count: 2 ** 53 + 2 })).toEqual([{ field: 'records[0].count', message: 'must be within the range of exact integers (±(2^53 − 1)), got 9007199254740994' }]);
      expect(problemsOf({ small: 2 ** 31 })).toEqual([{ field: 'records[0].small', message: "must be within int32's range, got 2147483648" }]);
      expect(validateRecords(MIXED, { records: [{ ...ok, count: 2 ** 53 - 1, small: -(2 ** 31) }] }, LIMITS)[0]).toMatchObject({ count: 2 ** 53 - 1, small: -(2 ** 31) });
    });

    it('refuses text longer than its maxLength (65,536 by default) and text holding NUL', () => {
      expect(problemsOf({ text: 'a'.repeat(65_537) })).toEqual([{ field: 'records[0].text', message: 'text holds at most 65536 characters, got 65537' }]);
      expect(problemsOf({ text: 'nul\u0000byte' })).toEqual([{ field: 'records[0].text', message: 'text must not contain the NUL character (U+0000)' }]);
      expect(problemsOf({ code: 'ninechars' })).toEqual([{ field: 'records[0].code', message: 'text holds at most 8 characters, got 9' }]);
      expect(validateRecords(MIXED, { records: [{ ...ok, text: 'a'.repeat(65_536), code: 'eight_ch' }] }, LIMITS)[0]).toMatchObject({ code: 'eight_ch' });
    });
  });
});
