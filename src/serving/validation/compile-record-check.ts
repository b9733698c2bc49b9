// Generates the check of one record for a manifest's features, the way Ajv and fast-json-stringify compile schemas:
// property reads with constant names and one object literal let V8 keep every access monomorphic (about 5x faster
// than a loop over the features). Only names and numbers from the manifest enter the source, each as a JSON literal;
// every value that is not plainly valid goes to the feature's FeatureCheck, which alone decides problems and defaults.
import type { Feature, TensorType } from '../../manifest/index.js';
import type { FeatureRecord } from '../../runtime/index.js';
import { compileFeatureCheck, FeatureProblem, type FeatureCheck } from './feature-check.js';
import type { RecordProblems } from './record-problems.js';
import { maxTextLength, numberRepresentation } from './value-bounds.js';

/** Checks records[index]; returns the validated record, or undefined after adding its problems. */
export type RecordCheck = (record: Record<string, unknown>, index: number, problems: RecordProblems) => FeatureRecord | undefined;

type UnknownKeys = (record: Record<string, unknown>, index: number, problems: RecordProblems) => void;

/** `tensorTypes`: the input type each feature becomes (tensorTypesOf), for the range its numbers must keep. */
export function compileRecordCheck(features: readonly Feature[], addUnknownKeys: UnknownKeys, tensorTypes: ReadonlyMap<string, TensorType> = new Map()): RecordCheck {
  const checks: FeatureCheck[] = features.map((f) => compileFeatureCheck(f, tensorTypes.get(f.name)));
  const categorySets = features.map((f) => (f.categories?.every((c) => typeof c === 'string') ? new Set(f.categories) : null));
  const lines = features.map((feature, j) => {
    const key = JSON.stringify(feature.name);
    // A name Object.prototype also has ("constructor", "__proto__") must be read as an own property only.
    const read = feature.name in Object.prototype ? `hasOwn(r, ${key}) ? r[${key}] : undefined` : `r[${key}]`;
    return [
      `v = ${read};`,
      'if (v !== undefined) present++;',
      `let c${j};`,
      `if (${fastPath(feature, j, categorySets[j] !== null, tensorTypes.get(feature.name))}) c${j} = v;`,
      `else { c${j} = check${j}(v); if (c${j} instanceof FeatureProblem) { problems.add(fieldOf(i, ${j}), c${j}.message); bad = true; } }`,
    ].join('\n');
  });
  // A computed key defines "__proto__" as an own property; a literal one would set the prototype.
  const members = features.map((f, j) => `${f.name === '__proto__' ? `[${JSON.stringify(f.name)}]` : JSON.stringify(f.name)}: c${j}`);
  const source = [
    ...checks.map((_, j) => `const check${j} = checks[${j}], categories${j} = categorySets[${j}];`),
    'return function checkRecord(r, i, problems) {',
    'let v, present = 0, bad = false;',
    ...lines,
    'if (Object.keys(r).length !== present) addUnknownKeys(r, i, problems);',
    `return bad ? undefined : { ${members.join(', ')} };`,
    '};',
  ].join('\n');
  const fieldOf = fieldNamer(features);
  const factory = new Function('checks', 'categorySets', 'FeatureProblem', 'hasOwn', 'fieldOf', 'addUnknownKeys', source) as (...args: unknown[]) => RecordCheck;
  return factory(checks, categorySets, FeatureProblem, Object.hasOwn, fieldOf, addUnknownKeys);
}

/** A condition true only for values the FeatureCheck would keep unchanged; anything else takes the slow path. */
function fastPath(feature: Feature, j: number, stringCategories: boolean, tensorType: TensorType | undefined): string {
  // Short text without NUL passes; a longer string, or one holding U+0000, goes to the FeatureCheck to be refused.
  const plainText = `typeof v === 'string' && v.length <= ${maxTextLength(feature)} && v.indexOf('\\u0000') === -1`;
  switch (feature.type) {
    case 'number':
    case 'integer': {
      // Finite bounds also turn away NaN and ±Infinity; a manifest built without the schema might hold others.
      const representable = numberRepresentation(feature, tensorType);
      const [min, max] = [Math.max(feature.min ?? -Number.MAX_VALUE, representable.min), Math.min(feature.max ?? Number.MAX_VALUE, representable.max)];
      if (!Number.isFinite(min) || !Number.isFinite(max)) return 'false';
      const integer = feature.type === 'integer' ? ' && Number.isInteger(v)' : '';
      return `typeof v === 'number' && v >= ${JSON.stringify(min)} && v <= ${JSON.stringify(max)}${integer}`;
    }
    case 'boolean':
      return `typeof v === 'boolean'`;
    case 'string':
      return plainText;
    case 'category':
      if (!feature.categories) return plainText;
      return stringCategories ? `typeof v === 'string' && categories${j}.has(v)` : 'false';
    case 'datetime':
      return 'false';
  }
}

/** `records[3].age`: declared feature names are plain path segments (the manifest schema sees to it). */
function fieldNamer(features: readonly Feature[]): (index: number, feature: number) => string {
  const names = features.map((f) => f.name);
  return (index, feature) => `records[${index}].${names[feature]!}`;
}
