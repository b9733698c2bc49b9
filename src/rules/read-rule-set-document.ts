// Reading a rule-set file: YAML with node positions kept, then the zod schema, each problem placed at its line
// and column in the file.
import { LineCounter, type Document } from 'yaml';
import { boundedYamlToJs, parseBoundedYaml } from '../yaml-input/index.js';
import type { z } from 'zod';
import { didYouMean } from './closest-name.js';
import { diagnosticAt, RuleError, type RuleDiagnostic } from './rule-error.js';
import { knownFieldsAt, RuleSetDocumentSchema, type RuleSetDocument } from './rule-set-schema.js';
import { RuleSourceFile } from './rule-source-file.js';
import { nodeAt, startOf, type FieldPath } from './yaml-locations.js';

export interface RuleSetSource {
  readonly document: RuleSetDocument;
  readonly yaml: Document;
  readonly file: RuleSourceFile;
}

/** Parses and validates a rule-set file; throws RULE_INVALID listing every problem with its position. */
export function readRuleSetDocument(text: string, fileName: string): RuleSetSource {
  const lineCounter = new LineCounter();
  const yaml = parseBoundedYaml(text, { source: fileName, code: 'RULE_INVALID' }, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const file = new RuleSourceFile(fileName, text, lineCounter.lineStarts);
  if (yaml.errors.length > 0) {
    throw new RuleError(yaml.errors.map((e) => diagnosticAt(file, e.pos[0], '', e.code === 'MULTIPLE_DOCS' ? 'a rule-set file holds one YAML document; remove the ---' : `not valid YAML: ${e.message.split('\n')[0]}`)));
  }
  const result = RuleSetDocumentSchema.safeParse(boundedYamlToJs(yaml, { source: fileName, code: 'RULE_INVALID' }) ?? {}, { reportInput: true });
  if (!result.success) {
    // Unknown fields first: a misspelt field explains the "is required" of the field it was meant to be.
    const issues = [...result.error.issues].sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'));
    throw new RuleError(issues.flatMap((issue) => issueDiagnostics(issue, yaml, file)));
  }
  return { document: result.data, yaml, file };
}

function issueDiagnostics(issue: z.core.$ZodIssue, yaml: Document, file: RuleSourceFile): RuleDiagnostic[] {
  const path = issue.path.filter((step): step is string | number => typeof step !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const known = knownFieldsAt(path);
    return issue.keys.map((key) => {
      const at = [...path, key];
      return diagnosticAt(file, startOf(nodeAt(yaml, at, { key: true })), fieldPath(at), `unknown field '${key}'${didYouMean(key, known)}`);
    });
  }
  return [diagnosticAt(file, startOf(nodeAt(yaml, path)), fieldPath(path), `${fieldPath(path) || 'the rule set'}: ${issueMessage(issue)}`)];
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
  if (issue.code === 'invalid_type') return `must be ${article(issue.expected)}`;
  return issue.message;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** `route[1].model.name` */
export function fieldPath(path: FieldPath): string {
  return path.reduce<string>((acc, step) => (typeof step === 'number' ? `${acc}[${step}]` : acc ? `${acc}.${step}` : step), '');
}
