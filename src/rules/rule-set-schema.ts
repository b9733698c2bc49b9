// The shape of a rule-set document. zod checks the structure; the expressions inside are compiled afterwards,
// where their positions in the file are known.
import { z } from 'zod';

export const DEFAULT_MODEL_TIMEOUT_MS = 1_000;
export const DEFAULT_MODEL_VERSION = 'production';

/** An expression as written: usually a string, but `k: 10` or `when: true` are expressions too. */
const expression = z.union([z.string(), z.number(), z.boolean()], { error: 'must be an expression (a string, number or boolean)' });
const expressionMap = z.record(z.string(), expression);
const name = z.string().trim().min(1, 'must not be empty');
const ruleId = z
  .string()
  .max(100, 'must be at most 100 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'must start with a letter or digit and hold only letters, digits, _, . or -');

const PROVIDER_SHAPE = { provider: name, args: expressionMap.default({}) };
const MODEL_SHAPE = {
  name,
  /** A version number, alias or stage; the registry resolves it. */
  version: z.union([z.string().trim().min(1), z.number().int().positive()]).default(DEFAULT_MODEL_VERSION),
  /** What the model is called with; the request's features when absent. */
  input: expressionMap.optional(),
};
const ROUTE_RULE_SHAPE = {
  id: ruleId,
  description: z.string().optional(),
  when: expression.optional(),
  respond: z.strictObject(PROVIDER_SHAPE).optional(),
  model: z.strictObject(MODEL_SHAPE).optional(),
  fallback: z.strictObject(PROVIDER_SHAPE).optional(),
  timeout_ms: z.number().int().positive().max(60_000).optional(),
};
const EXCLUDE_SHAPE = { items: expression, where: expression };
const AFTER_RULE_SHAPE = {
  id: ruleId,
  description: z.string().optional(),
  when: expression.optional(),
  set: expressionMap.optional(),
  exclude: z.strictObject(EXCLUDE_SHAPE).optional(),
};

const RouteRuleSchema = z.strictObject(ROUTE_RULE_SHAPE).superRefine((rule, ctx) => {
  if ((rule.respond === undefined) === (rule.model === undefined)) {
    ctx.addIssue({ code: 'custom', message: "a route rule needs exactly one of 'respond' (a provider) or 'model'" });
  }
  for (const field of ['fallback', 'timeout_ms'] as const) {
    if (rule[field] !== undefined && rule.model === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `'${field}' only applies to a rule with 'model'` });
  }
});

const AfterRuleSchema = z.strictObject(AFTER_RULE_SHAPE).superRefine((rule, ctx) => {
  if ((rule.set === undefined) === (rule.exclude === undefined)) {
    ctx.addIssue({ code: 'custom', message: "an after rule needs exactly one of 'set' or 'exclude'" });
  }
  if (rule.set !== undefined && Object.keys(rule.set).length === 0) ctx.addIssue({ code: 'custom', path: ['set'], message: 'sets no field' });
});

const LOOKUP_SHAPE = {
  /** A feature table of the online feature store. */
  table: name,
  /** The entity key, e.g. `request.user_id`. */
  key: expression,
  /** A missing row fails the request (404) instead of leaving its features null. */
  required: z.boolean().default(false),
};

export const RuleSetDocumentSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be lowercase letters, digits, _ or - (at most 64), starting with a letter or digit'),
  description: z.string().optional(),
  /** Looked up before the rules run; their columns, merged in order, are `features`. */
  lookups: z.array(z.strictObject(LOOKUP_SHAPE)).default([]),
  route: z.array(RouteRuleSchema).min(1, 'needs at least one rule'),
  after: z.array(AfterRuleSchema).default([]),
});

export type RuleSetDocument = z.output<typeof RuleSetDocumentSchema>;
export type RouteRuleDocument = RuleSetDocument['route'][number];
export type AfterRuleDocument = RuleSetDocument['after'][number];

/** The known fields of the object at a path, for "did you mean" on an unknown field. */
export function knownFieldsAt(path: readonly PropertyKey[]): readonly string[] {
  const [section, , field] = path;
  if (path.length === 0) return Object.keys(RuleSetDocumentSchema.shape);
  if (section === 'lookups' && path.length === 2) return Object.keys(LOOKUP_SHAPE);
  if (section === 'route') {
    if (path.length === 2) return Object.keys(ROUTE_RULE_SHAPE);
    if (field === 'model') return Object.keys(MODEL_SHAPE);
    if (field === 'respond' || field === 'fallback') return Object.keys(PROVIDER_SHAPE);
  }
  if (section === 'after') {
    if (path.length === 2) return Object.keys(AFTER_RULE_SHAPE);
    if (field === 'exclude') return Object.keys(EXCLUDE_SHAPE);
  }
  return [];
}
