// Generates the check of one record for a manifest's features, the way Ajv and fast-json-stringify compile schemas:
// property reads with constant names and one object literal let V8 keep every access monomorphic (about 5x faster
// than a loop over the features). Only names and numbers from the manifest enter the source, each as a JSON literal;
// every value that is not plainly valid goes to the feature's FeatureCheck, which alone decides problems and defaults.
import type { Feature } from '../../manifest/index.js';
import type { FeatureRecord } from '../../runtime/index.js';
import { compileFeatureCheck, FeatureProblem, type FeatureCheck } from './feature-check.js';
import type { RecordProblems } from './record-problems.js';

/** Checks records[index]; returns the validated record, or undefined after adding its problems. */
export type RecordCheck = (record: Record<string, unknown>, index: number, problems: RecordProblems) => FeatureRecord | undefined;

type UnknownKeys = (record: Record<string, unknown>, index: number, problems: RecordProblems) => void;

export function compileRecordCheck(features: readonly Feature[], addUnknownKeys: UnknownKeys): RecordCheck {
  const checks: FeatureCheck[] = features.map(compileFeatureCheck);
  const categorySets = features.map((f) => (f.categories?.every((c) => typeof c === 'string') ? new Set(f.categories) : null));
  const lines = features.map((feature, j) => {
    const key = JSON.stringify(feature.name);
    // A name Object.prototype also has ("constructor", "__proto__") must be read as an own property only.
    const read = feature.name in Object.prototype ? `hasOwn(r, ${key}) ? r[${key}] : undefined` : `r[${key}]`;
    return [
      `v = ${read};`,
      'if (v !== undefined) present++;',
      `let c${j};`,
      `if (${fastPath(feature, j, categorySets[j] !== null)}) c${j} = v;`,
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
function fastPath(feature: Feature, j: number, stringCategories: boolean): string {
  switch (feature.type) {
    case 'number':
    case 'integer': {
      // Finite bounds also turn away NaN and ±Infinity; a manifest built without the schema might hold others.
      const [min, max] = [feature.min ?? -Number.MAX_VALUE, feature.max ?? Number.MAX_VALUE];
      if (!Number.isFinite(min) || !Number.isFinite(max)) return 'false';
      const integer = feature.type === 'integer' ? ' && Number.isInteger(v)' : '';
      return `typeof v === 'number' && v >= ${JSON.stringify(min)} && v <= ${JSON.stringify(max)}${integer}`;
    }
    case 'boolean':
      return `typeof v === 'boolean'`;
    case 'string':
      return `typeof v === 'string'`;
    case 'category':
      if (!feature.categories) return `typeof v === 'string'`;
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
