// Parses manifests and specs with errors that name the offending field (`features[2].type: ...`).
import type { z } from 'zod';
import { PitstopError } from '../errors/index.js';
import { ManifestSchema, ManifestSpecSchema, type Manifest, type ManifestSpec } from './manifest-schema.js';

export function parseManifestSpec(value: unknown, source = 'manifest'): ManifestSpec {
  const spec = parseWith(ManifestSpecSchema, value, source);
  checkFeatureReferences(spec, source);
  return spec;
}

export function parseManifest(value: unknown, source = 'manifest.json'): Manifest {
  const manifest = parseWith(ManifestSchema, value, source);
  checkFeatureReferences(manifest, source);
  return manifest;
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, source: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = result.error.issues.flatMap(fieldErrors);
  const first = errors[0]!;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  throw new PitstopError('MANIFEST_INVALID', `${source}: ${first.field || '(root)'}: ${first.message}${more}`, { field: first.field, errors });
}

/** One error per field; zod reports a strict object's unknown keys as one issue on the object, so each key is named here. */
function fieldErrors(issue: z.core.$ZodIssue): { field: string; message: string }[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ field: fieldPath([...issue.path, key]), message: `unrecognized key ${JSON.stringify(key)}` }));
  }
  return [{ field: fieldPath(issue.path), message: issue.message }];
}

/** Cross-field rules zod cannot express locally: unique names, and inputs that refer to declared features exactly once. */
function checkFeatureReferences(spec: ManifestSpec, source: string): void {
  const fail = (field: string, message: string): never => {
    throw new PitstopError('MANIFEST_INVALID', `${source}: ${field}: ${message}`, { field });
  };
  const names = new Set<string>();
  spec.features.forEach((feature, i) => {
    if (names.has(feature.name)) fail(`features[${i}].name`, `feature "${feature.name}" is declared twice`);
    names.add(feature.name);
  });
  const used = new Set<string>();
  // Two entries with one name would feed one ONNX input twice (the last wins) or decode one output twice.
  refuseDuplicateNames(spec.inputs, 'inputs', 'input', fail);
  refuseDuplicateNames(spec.outputs, 'outputs', 'output', fail);
  spec.inputs.forEach((input, i) => {
    input.features.forEach((name, j) => {
      if (!names.has(name)) fail(`inputs[${i}].features[${j}]`, `"${name}" is not a declared feature`);
      if (used.has(name)) fail(`inputs[${i}].features[${j}]`, `feature "${name}" feeds more than one input column`);
      used.add(name);
    });
    if (input.rank === 1 && input.features.length !== 1) fail(`inputs[${i}].rank`, 'a rank-1 input takes exactly one feature');
  });
  spec.features.forEach((feature, i) => {
    if (!used.has(feature.name)) fail(`features[${i}]`, `feature "${feature.name}" feeds no model input`);
  });
}

function refuseDuplicateNames(entries: readonly { name: string }[], list: string, what: string, fail: (field: string, message: string) => never): void {
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    if (seen.has(entry.name)) fail(`${list}[${i}].name`, `${what} "${entry.name}" is declared twice`);
    seen.add(entry.name);
  });
}

export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}
