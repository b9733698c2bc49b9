// Turns V2 input tensors into records (feature name → value), the form the native API takes, so both share one validation.
// Two request styles are accepted, and may be mixed: one tensor per ONNX input, shaped [N, k] with one column per
// feature in the manifest's order (Triton-style), or one [N] / [N, 1] tensor per feature (how KServe clients send tables).
import type { Manifest } from '../../manifest/index.js';
import type { FeatureRecord, FeatureValue } from '../../runtime/index.js';
import { listForMessage, quote } from '../validation/index.js';
import { flattenV2Data } from './v2-tensor-data.js';
import { V2InferenceRequestSchema, type V2InferenceRequest, type V2RequestInput } from './v2-schemas.js';
import { V2Problems } from './v2-problems.js';
import { RecordBuilders } from './compile-record-builder.js';

const MAX_LISTED_NAMES = 20;
/** Layouts whose coverage is known to be complete, kept per manifest; bounded like the record builders. */
const MAX_COVERED_LAYOUTS = 64;

/** What decoding needs from a manifest, worked out once per manifest (one per loaded version) instead of per request. */
interface ManifestView {
  readonly source: Pick<Manifest, 'features' | 'inputs' | 'lookups'>;
  readonly modelInputs: ReadonlyMap<string, readonly string[]>;
  readonly features: ReadonlySet<string>;
  readonly builders: RecordBuilders;
  readonly coveredLayouts: Set<string>;
}

const views = new WeakMap<object, ManifestView>();

function viewOf(manifest: Pick<Manifest, 'features' | 'inputs' | 'lookups'>): ManifestView {
  let view = views.get(manifest.features);
  const source = view?.source;
  if (!view || source!.inputs !== manifest.inputs || source!.lookups !== manifest.lookups) {
    view = {
      source: { features: manifest.features, inputs: manifest.inputs, lookups: manifest.lookups },
      modelInputs: new Map(manifest.inputs.map((input) => [input.name, input.features])),
      // A model that looks up features takes their keys as inputs too; the serving path fills in the rest.
      features: new Set([...manifest.features.map((f) => f.name), ...(manifest.lookups?.map((l) => l.key) ?? [])]),
      builders: new RecordBuilders(),
      coveredLayouts: new Set(),
    };
    views.set(manifest.features, view);
  }
  return view;
}

/** One request tensor, understood: the features its columns hold and its values, flat and row-major. */
interface Columns {
  readonly index: number;
  /** Names what the columns hold: a model input (`i"name"`) or one feature (`f"name"`). */
  readonly key: string;
  readonly features: readonly string[];
  readonly rows: number;
  readonly values: readonly FeatureValue[];
}

/** The records a V2 request carries; throws VALIDATION_FAILED naming each malformed tensor (`inputs[1].shape`). */
export function v2InputsToRecords(manifest: Pick<Manifest, 'features' | 'inputs' | 'lookups'>, request: unknown): FeatureRecord[] {
  const parsed = parseV2Request(request);
  const problems = new V2Problems();
  const view = viewOf(manifest);
  const columns = resolveColumns(view, parsed.inputs, problems);
  problems.throwIfAny();
  checkRowCounts(columns, problems);
  const layout = columns.map((c) => c.key).join('|');
  if (!view.coveredLayouts.has(layout)) {
    checkCoverage(manifest, columns, problems);
    if (problems.isEmpty) {
      if (view.coveredLayouts.size >= MAX_COVERED_LAYOUTS) view.coveredLayouts.clear();
      view.coveredLayouts.add(layout);
    }
  }
  problems.throwIfAny();
  return view.builders.build(columns, columns[0]?.rows ?? 0, layout);
}

/** The request's structure, checked by the same schema routes declare. */
export function parseV2Request(request: unknown): V2InferenceRequest {
  const result = V2InferenceRequestSchema.safeParse(request, { reportInput: true });
  if (result.success) return result.data;
  const problems = new V2Problems();
  problems.addZodIssues(result.error.issues);
  throw problems.toError();
}

function resolveColumns(view: ManifestView, inputs: readonly V2RequestInput[], problems: V2Problems): Columns[] {
  const { modelInputs, features } = view;
  const givenBy = new Map<string, number>();
  const columns: Columns[] = [];
  inputs.forEach((input, index) => {
    const field = `inputs[${index}]`;
    // A model input wins over a feature of the same name: for a one-feature input both readings are the same.
    const ofInput = modelInputs.get(input.name);
    const names = ofInput ?? (features.has(input.name) ? [input.name] : undefined);
    if (!names) {
      problems.add(`${field}.name`, `unknown input ${quote(input.name)}; expected the model inputs (${listForMessage([...modelInputs.keys()], MAX_LISTED_NAMES)}) or one input per feature (${listForMessage([...features], MAX_LISTED_NAMES)})`);
      return;
    }
    const repeated = names.find((name) => givenBy.has(name));
    if (repeated !== undefined) {
      problems.add(`${field}.name`, `feature ${quote(repeated)} is already given by inputs[${givenBy.get(repeated)}]`);
      return;
    }
    for (const name of names) givenBy.set(name, index);
    const rows = rowsOf(input, names, `${field}.shape`, problems);
    const values = flattenV2Data(input.data, input.datatype, `${field}.data`, problems);
    if (rows === undefined || values === undefined) return;
    const expected = input.shape.reduce((a, b) => a * b, 1);
    if (values.length !== expected) {
      problems.add(`${field}.data`, `holds ${values.length} values but shape [${input.shape.join(', ')}] needs ${expected}`);
      return;
    }
    columns.push({ index, key: `${ofInput ? 'i' : 'f'}${JSON.stringify(input.name)}`, features: names, rows, values });
  });
  return columns;
}

/** N for an [N, k] tensor of k features; a one-feature tensor may also be [N]. */
function rowsOf(input: V2RequestInput, features: readonly string[], field: string, problems: V2Problems): number | undefined {
  const k = features.length;
  const [n, width, ...rest] = input.shape;
  if (n !== undefined && rest.length === 0 && (width === k || (width === undefined && k === 1))) return n;
  const got = `[${input.shape.join(', ')}]`;
  if (k === 1) problems.add(field, `expected shape [N] or [N, 1] for ${quote(features[0]!)}, got ${got}`);
  else problems.add(field, `expected shape [N, ${k}] (one column per feature: ${listForMessage(features, MAX_LISTED_NAMES)}), got ${got}`);
  return undefined;
}

function checkRowCounts(columns: readonly Columns[], problems: V2Problems): void {
  const first = columns[0];
  if (!first) return;
  for (const c of columns) {
    if (c.rows !== first.rows) problems.add(`inputs[${c.index}].shape`, `has ${c.rows} rows but inputs[${first.index}] has ${first.rows}; every input must hold the same number of rows`);
  }
}

/** Every required feature must come in some tensor; optional ones may be left out and take their defaults later. */
function checkCoverage(manifest: Pick<Manifest, 'features' | 'inputs' | 'lookups'>, columns: readonly Columns[], problems: V2Problems): void {
  const given = new Set(columns.flatMap((c) => c.features));
  const lookedUp = new Set(manifest.lookups?.flatMap((l) => l.features) ?? []);
  const missingKeys = [...new Set(manifest.lookups?.map((l) => l.key) ?? [])].filter((key) => !given.has(key));
  if (missingKeys.length > 0) problems.add('inputs', `no input gives the lookup ${missingKeys.length === 1 ? 'key' : 'keys'} ${listForMessage(missingKeys, MAX_LISTED_NAMES)}; send one [N] input per key`);
  const missing = manifest.features.filter((f) => f.required && !given.has(f.name) && !lookedUp.has(f.name)).map((f) => f.name);
  if (missing.length === 0) return;
  const lacking = new Set(missing);
  const inputs = manifest.inputs
    .filter((input) => input.features.some((name) => lacking.has(name)))
    .map((input) => `${quote(input.name)} with shape ${input.features.length === 1 ? '[N]' : `[N, ${input.features.length}]`}`);
  problems.add('inputs', `no input gives the required ${missing.length === 1 ? 'feature' : 'features'} ${listForMessage(missing, MAX_LISTED_NAMES)}; send the model ${inputs.length === 1 ? 'input' : 'inputs'} ${inputs.join(' and ')}, or one [N] input per feature`);
}
