// Validates a prediction request's records against a package's feature schema, before any of them reach the model.
// compileRecordValidator does the per-manifest work once; the function it returns only walks the records.
import { PitstopError } from '../../errors/index.js';
import type { Feature, Manifest } from '../../manifest/index.js';
import type { FeatureRecord } from '../../runtime/index.js';
import { compileRecordCheck } from './compile-record-check.js';
import { describeValue, listForMessage } from './describe-value.js';
import { RecordProblems } from './record-problems.js';
import { tensorTypesOf } from './value-bounds.js';

export interface RecordLimits {
  /** Most records one request may carry. */
  readonly maxRecords: number;
}

export type RecordValidator = (body: unknown) => FeatureRecord[];

const MAX_LISTED_FEATURES = 20;
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * The validator of `{"records": [...]}` bodies for one manifest. It returns new records holding only the declared
 * features (defaults applied, categories in their declared spelling), or throws a PitstopError listing every problem:
 * VALIDATION_FAILED or PAYLOAD_TOO_LARGE for the body, INVALID_RECORDS for the records.
 */
/** Pass the manifest's inputs too, so numbers are held to the range of the tensor they become. */
export function compileRecordValidator(manifest: Pick<Manifest, 'features'> & Partial<Pick<Manifest, 'inputs'>>, limits: RecordLimits): RecordValidator {
  const known = new Set(manifest.features.map((f) => f.name));
  const unknownFeature = unknownFeatureMessage(manifest.features);
  const checkRecord = compileRecordCheck(manifest.features, (record, index, problems) => {
    for (const key of Object.keys(record)) if (!known.has(key)) problems.add(memberPath(index, key), unknownFeature(key));
  }, tensorTypesOf(manifest));

  return (body) => {
    const records = recordsOf(body, limits.maxRecords);
    const problems = new RecordProblems();
    const validated: FeatureRecord[] = new Array(records.length);
    for (let i = 0; i < records.length && !problems.full; i++) {
      const record: unknown = records[i];
      if (typeof record !== 'object' || record === null || Array.isArray(record)) {
        problems.add(`records[${i}]`, `expected an object of feature values, got ${describeValue(record)}`);
        continue;
      }
      const checked = checkRecord(record as Record<string, unknown>, i, problems);
      if (checked) validated[i] = checked;
    }
    problems.throwIfAny();
    return validated;
  };
}

const validatorCache = new WeakMap<readonly Feature[], Map<number, RecordValidator>>();

/** Validates one body; compiles the manifest's validator on first use and reuses it while the manifest lives. */
export function validateRecords(manifest: Pick<Manifest, 'features'> & Partial<Pick<Manifest, 'inputs'>>, body: unknown, limits: RecordLimits): FeatureRecord[] {
  let byLimit = validatorCache.get(manifest.features);
  if (!byLimit) validatorCache.set(manifest.features, (byLimit = new Map()));
  let validator = byLimit.get(limits.maxRecords);
  if (!validator) byLimit.set(limits.maxRecords, (validator = compileRecordValidator(manifest, limits)));
  return validator(body);
}

/** The records array of a body, or the one problem that keeps there from being any. */
function recordsOf(body: unknown, maxRecords: number): readonly unknown[] {
  const fail = (code: 'VALIDATION_FAILED' | 'PAYLOAD_TOO_LARGE', message: string): never => {
    throw new PitstopError(code, `records: ${message}`, { field: 'records', errors: [{ field: 'records', message }] });
  };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return fail('VALIDATION_FAILED', `expected a JSON object {"records": [...]}, got ${describeValue(body)}`);
  }
  const records = Object.hasOwn(body, 'records') ? (body as { records: unknown }).records : undefined;
  if (records === undefined) return fail('VALIDATION_FAILED', 'is missing; send {"records": [{"feature": value, ...}, ...]}');
  if (!Array.isArray(records)) return fail('VALIDATION_FAILED', `expected an array of records, got ${describeValue(records)}`);
  if (records.length === 0) return fail('VALIDATION_FAILED', 'must not be empty; send at least one record');
  if (records.length > maxRecords) return fail('PAYLOAD_TOO_LARGE', `at most ${maxRecords} records per request, got ${records.length}; split the request`);
  return records;
}

function unknownFeatureMessage(features: readonly Feature[]): (key: string) => string {
  const names = features.map((f) => f.name);
  const byLowerCase = new Map(names.map((name) => [name.toLowerCase(), name]));
  const known = listForMessage(names, MAX_LISTED_FEATURES);
  return (key) => {
    const near = byLowerCase.get(key.toLowerCase());
    return near ? `unknown feature; did you mean "${near}"? known features: ${known}` : `unknown feature; known features: ${known}`;
  };
}

/** `records[3].age`, or `records[3]["odd key"]` when the key would not read as one path segment. */
function memberPath(index: number, key: string): string {
  return PLAIN_KEY.test(key) ? `records[${index}].${key}` : `records[${index}][${JSON.stringify(key)}]`;
}
