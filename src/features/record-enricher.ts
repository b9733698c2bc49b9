// Fills in the features a manifest's `lookups` take from feature tables, before the records are validated: the
// caller sends `{"user_id": 42}` and the model sees (and the prediction log keeps) the table's values for user 42.
import { PitstopError, type ErrorCode, type FieldError } from '../errors/index.js';
import type { FeatureType, Manifest, ManifestLookup } from '../manifest/index.js';
import type { FeatureColumnType, FeatureTableRecord, StoredFeatureRow } from '../store/index.js';
import type { FeatureLookup } from './feature-lookup.js';
import { entityKey } from './feature-values.js';

/** Takes a `{"records": [...]}` body and resolves to the same body with every record's looked-up features filled in. */
export type RecordEnricher = (body: unknown) => Promise<unknown>;

/** The manifest feature types each column type can fill; a json column fills none (models take scalars). */
const FILLS: Readonly<Record<FeatureColumnType, readonly FeatureType[]>> = {
  number: ['number'], integer: ['integer', 'number'], boolean: ['boolean'], category: ['category', 'string'], string: ['category', 'string'], datetime: ['datetime'], json: [],
};
const MAX_LISTED = 100;

/**
 * The enricher of a manifest's records, or null when it looks nothing up (then no lookup work happens at all).
 * A caller's own value for a looked-up feature is VALIDATION_FAILED: which one the model saw would be ambiguous.
 * A missing or mistyped key is INVALID_RECORDS; a key without a row is FEATURE_ENTITY_NOT_FOUND for a required lookup
 * and leaves the features missing (their defaults apply) otherwise. A table or column the server lacks is NOT_READY.
 * Bodies that are not `{"records": [objects]}` within `maxRecords` pass unchanged, for the validator to explain.
 */
export function compileRecordEnricher(manifest: Pick<Manifest, 'name' | 'features' | 'lookups'>, lookup: FeatureLookup, limits: { readonly maxRecords: number }): RecordEnricher | null {
  const lookups = manifest.lookups ?? [];
  if (lookups.length === 0) return null;
  const declared = new Map(manifest.features.map((f) => [f.name, f.type]));
  // A key that is not also a model feature is only the caller's handle on the row: the model never sees it.
  const handles = new Set(lookups.map((l) => l.key).filter((key) => !declared.has(key)));
  const filledBy = new Map(lookups.flatMap((l) => l.features.map((f): [string, ManifestLookup] => [f, l])));
  const usable = new WeakSet<FeatureTableRecord>();

  const tableFor = async (spec: ManifestLookup): Promise<FeatureTableRecord> => {
    let table = await lookup.table(spec.table);
    if (table && !usable.has(table) && spec.features.some((f) => !table!.columns.some((c) => c.name === f))) table = await lookup.table(spec.table, { fresh: true });
    if (!table) throw notReady(`model "${manifest.name}" looks up ${spec.features.join(', ')} in feature table "${spec.table}", which does not exist; load it: pitstop features load ${spec.table} --file FILE --key ${spec.key}`);
    if (!usable.has(table)) {
      checkColumns(manifest.name, spec, table, declared);
      usable.add(table);
    }
    return table;
  };

  return async (body) => {
    const records = recordsOf(body, limits.maxRecords);
    if (!records) return body;
    refuseSentFeatures(records, filledBy);
    const tables = await Promise.all(lookups.map(tableFor));
    const keys = entityKeys(manifest.name, lookups, tables, records);
    const found = await fetchRows(lookup, lookups, keys);
    return { ...(body as object), records: fillRecords(records, lookups, keys, found, handles) };
  };
}

/** Values for looked-up features are the table's; a caller's own would leave unclear which one the model saw. */
function refuseSentFeatures(records: readonly Record<string, unknown>[], filledBy: ReadonlyMap<string, ManifestLookup>): void {
  const sent = new Problems();
  records.forEach((record, i) => {
    for (const [feature, spec] of filledBy) {
      if (Object.hasOwn(record, feature)) sent.add(`records[${i}].${feature}`, `is looked up in feature table "${spec.table}" by ${spec.key}; send ${spec.key}, not the feature`);
    }
  });
  sent.throwIfAny('VALIDATION_FAILED');
}

/** keys[l][i]: the stored key record i looks up with lookups[l], or undefined where it has none (optional lookups). */
function entityKeys(model: string, lookups: readonly ManifestLookup[], tables: readonly FeatureTableRecord[], records: readonly Record<string, unknown>[]): (string | undefined)[][] {
  const problems = new Problems();
  const keys = lookups.map((spec, l) => records.map((record, i) => {
    const value = Object.hasOwn(record, spec.key) ? record[spec.key] : undefined;
    if (value === undefined || value === null) {
      if (spec.required) problems.add(`records[${i}].${spec.key}`, `is missing; model "${model}" looks up ${spec.features.join(', ')} in feature table "${spec.table}" by it`);
      return undefined;
    }
    const key = entityKey(value, tables[l]!.key.type, 'json');
    if (typeof key === 'string') return key;
    problems.add(`records[${i}].${spec.key}`, key.problem);
    return undefined;
  }));
  problems.throwIfAny('INVALID_RECORDS');
  return keys;
}

/** New records: the caller's values without the key handles, plus the rows' values (a missing value stays missing). */
function fillRecords(
  records: readonly Record<string, unknown>[], lookups: readonly ManifestLookup[], keys: readonly (string | undefined)[][],
  found: ReadonlyMap<string, ReadonlyMap<string, StoredFeatureRow>>, handles: ReadonlySet<string>,
): Record<string, unknown>[] {
  const unknown = new Problems();
  const enriched = records.map((record, i) => {
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(record)) if (!handles.has(name)) setOwn(out, name, record[name]);
    lookups.forEach((spec, l) => {
      const key = keys[l]![i];
      if (key === undefined) return;
      const row = found.get(spec.table)!.get(key);
      if (!row) {
        if (spec.required) unknown.add(`records[${i}].${spec.key}`, `feature table "${spec.table}" has no row for ${spec.key} ${JSON.stringify(record[spec.key])}`);
        return;
      }
      for (const feature of spec.features) {
        const value = Object.hasOwn(row.values, feature) ? row.values[feature] : undefined;
        if (value !== undefined && value !== null) setOwn(out, feature, value);
      }
    });
    return out;
  });
  unknown.throwIfAny('FEATURE_ENTITY_NOT_FOUND');
  return enriched;
}

/** One getRows per table for the whole batch, tables read concurrently. */
async function fetchRows(lookup: FeatureLookup, lookups: readonly ManifestLookup[], keys: readonly (string | undefined)[][]): Promise<Map<string, Map<string, StoredFeatureRow>>> {
  const byTable = new Map<string, Set<string>>();
  lookups.forEach((spec, l) => {
    let wanted = byTable.get(spec.table);
    if (!wanted) byTable.set(spec.table, (wanted = new Set()));
    for (const key of keys[l]!) if (key !== undefined) wanted.add(key);
  });
  const entries = await Promise.all([...byTable].map(async ([table, wanted]) => [table, wanted.size === 0 ? new Map() : await lookup.rows(table, [...wanted])] as const));
  return new Map(entries);
}

/** Every looked-up feature must be a column whose type can fill it: a setup fault (503), never the caller's. */
function checkColumns(model: string, spec: ManifestLookup, table: FeatureTableRecord, declared: ReadonlyMap<string, FeatureType>): void {
  const columns = new Map(table.columns.map((c) => [c.name, c.type]));
  for (const feature of spec.features) {
    const type = columns.get(feature);
    if (type === undefined) throw notReady(`model "${model}" looks up ${feature} in feature table "${spec.table}", which has no such column (it has ${[...columns.keys()].join(', ') || 'none'}); load a file with that column`);
    const wanted = declared.get(feature)!;
    if (!FILLS[type].includes(wanted)) throw notReady(`model "${model}" takes ${feature} as ${wanted}, but column ${feature} of feature table "${spec.table}" is ${type}`);
  }
}

function notReady(message: string): PitstopError {
  return new PitstopError('NOT_READY', message, { field: 'lookups' });
}

function recordsOf(body: unknown, maxRecords: number): Record<string, unknown>[] | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const records = (body as { records?: unknown }).records;
  if (!Array.isArray(records) || records.length === 0 || records.length > maxRecords) return null;
  return records.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r)) ? (records as Record<string, unknown>[]) : null;
}

// An own "__proto__" member (JSON.parse makes one) must stay a member, not become the prototype.
function setOwn(target: Record<string, unknown>, name: string, value: unknown): void {
  if (name === '__proto__') Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
  else target[name] = value;
}

class Problems {
  private readonly errors: FieldError[] = [];
  private total = 0;

  add(field: string, message: string): void {
    this.total++;
    if (this.errors.length < MAX_LISTED) this.errors.push({ field, message });
  }

  throwIfAny(code: ErrorCode): void {
    const first = this.errors[0];
    if (!first) return;
    const more = this.total > 1 ? ` (and ${this.total - 1} more ${this.total === 2 ? 'problem' : 'problems'})` : '';
    throw new PitstopError(code, `${first.field}: ${first.message}${more}`, { field: first.field, errors: this.errors });
  }
}
