// Compiling a rule-set file: read and validate the YAML, compile every expression in the scope its place allows,
// check what spans rules (unique ids, reachable routes), and either return a CompiledRuleSet with its warnings
// or throw one RULE_INVALID listing every error with its line and column.
import { isMap, isScalar } from 'yaml';
import { compileExpressionAt, type CompiledExpression } from './compile-expression.js';
import type { CompiledAfterRule, CompiledField, CompiledLookup, CompiledRouteRule, CompiledRuleSet, ProviderCall } from './compiled-rule-set.js';
import type { ExpressionNode } from './expression-ast.js';
import { AFTER_SCOPE, EXCLUDE_WHERE_SCOPE, LOOKUP_SCOPE, ROUTE_SCOPE, type ExpressionScope } from './expression-scope.js';
import { fieldPath, readRuleSetDocument, type RuleSetSource } from './read-rule-set-document.js';
import { diagnosticAt, RuleError, type RuleDiagnostic } from './rule-error.js';
import { DEFAULT_RULE_LIMITS, type RuleLimits } from './rule-limits.js';
import { DEFAULT_MODEL_TIMEOUT_MS, type AfterRuleDocument, type RouteRuleDocument } from './rule-set-schema.js';
import { FORBIDDEN_PROPERTIES } from './rule-values.js';
import { nodeAt, nodeAtExactly, scalarOffsets, scalarText, startOf, type FieldPath } from './yaml-locations.js';

export interface CompileRuleSetOptions {
  /** The file name shown in messages; defaults to `rules.yaml`. */
  readonly file?: string;
  readonly limits?: Partial<RuleLimits>;
}

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function compileRuleSet(text: string, options: CompileRuleSetOptions = {}): CompiledRuleSet {
  const limits: RuleLimits = Object.freeze({ ...DEFAULT_RULE_LIMITS, ...options.limits });
  const source = readRuleSetDocument(text, options.file ?? 'rules.yaml');
  const compiler = new RuleSetCompiler(source, limits);
  const { document } = source;
  const lookups = document.lookups.map((lookup, i) => compiler.lookup(lookup, ['lookups', i]));
  const route = document.route.map((rule, i) => compiler.routeRule(rule, ['route', i]));
  const after = document.after.map((rule, i) => compiler.afterRule(rule, ['after', i]));
  compiler.checkUniqueIds([...document.route.map((r, i) => ({ id: r.id, path: ['route', i, 'id'] })), ...document.after.map((r, i) => ({ id: r.id, path: ['after', i, 'id'] }))]);
  compiler.checkRouteReachability(route);
  if (compiler.errors.length > 0) throw new RuleError(oncePerPlace(compiler.errors));
  return {
    name: document.name,
    description: document.description ?? null,
    lookups: lookups.filter((l): l is CompiledLookup => l !== null),
    file: source.file.name,
    route,
    after,
    warnings: compiler.warnings,
    limits,
  };
}

class RuleSetCompiler {
  readonly errors: RuleDiagnostic[] = [];
  readonly warnings: RuleDiagnostic[] = [];

  constructor(
    private readonly source: RuleSetSource,
    private readonly limits: RuleLimits,
  ) {}

  lookup(lookup: { table: string; required: boolean }, path: FieldPath): CompiledLookup | null {
    const key = this.expression([...path, 'key'], LOOKUP_SCOPE);
    return key && { table: lookup.table, key, required: lookup.required };
  }

  routeRule(rule: RouteRuleDocument, path: FieldPath): CompiledRouteRule {
    const when = rule.when === undefined ? null : this.expression([...path, 'when'], ROUTE_SCOPE);
    if (rule.respond) return { id: rule.id, when, action: { kind: 'respond', call: this.providerCall(rule.respond, [...path, 'respond']) } };
    const model = rule.model!;
    return {
      id: rule.id,
      when,
      action: {
        kind: 'model',
        name: model.name,
        version: String(model.version),
        input: model.input ? this.fields([...path, 'model', 'input'], ROUTE_SCOPE) : null,
        fallback: rule.fallback ? this.providerCall(rule.fallback, [...path, 'fallback']) : null,
        timeoutMs: rule.timeout_ms ?? DEFAULT_MODEL_TIMEOUT_MS,
      },
    };
  }

  afterRule(rule: AfterRuleDocument, path: FieldPath): CompiledAfterRule {
    const when = rule.when === undefined ? null : this.expression([...path, 'when'], AFTER_SCOPE);
    if (rule.set) return { id: rule.id, when, action: { kind: 'set', fields: this.fields([...path, 'set'], AFTER_SCOPE) } };
    const items = this.expression([...path, 'exclude', 'items'], AFTER_SCOPE);
    const where = this.expression([...path, 'exclude', 'where'], EXCLUDE_WHERE_SCOPE);
    const itemsPath = items ? outputPath(items.ast) : null;
    if (items && !itemsPath) this.error([...path, 'exclude', 'items'], 'must name a list in the output, such as output.items, so that the filtered list can replace it');
    return { id: rule.id, when, action: { kind: 'exclude', items: items!, itemsPath: itemsPath ?? [], where: where! } };
  }

  checkUniqueIds(ids: readonly { id: string; path: FieldPath }[]): void {
    const seen = new Map<string, FieldPath>();
    for (const { id, path } of ids) {
      const first = seen.get(id);
      if (first) this.error(path, `rule id '${id}' is already used by ${fieldPath(first.slice(0, 2))}`);
      else seen.set(id, path);
    }
  }

  /** A route list should end with a catch-all, and nothing after a catch-all can ever match. */
  checkRouteReachability(route: readonly CompiledRouteRule[]): void {
    const catchAll = route.findIndex((rule) => alwaysHolds(rule.when));
    if (catchAll === -1) {
      const last = route.length - 1;
      this.warning(['route', last, 'when'], `no route rule matches every request, so a request none of them matches fails with RULE_NO_ROUTE; end the list with a rule without 'when'`);
      return;
    }
    for (let i = catchAll + 1; i < route.length; i++) {
      this.warning(['route', i, 'id'], `rule '${route[i]!.id}' is never reached: '${route[catchAll]!.id}' above it matches every request`);
    }
  }

  private providerCall(call: { provider: string }, path: FieldPath): ProviderCall {
    return { provider: call.provider, args: this.fields([...path, 'args'], ROUTE_SCOPE) };
  }

  /** The fields of a map of expressions, read from the YAML itself: a parsed object would hide a `__proto__` key. */
  private fields(path: FieldPath, scope: ExpressionScope): CompiledField[] {
    const map = nodeAtExactly(this.source.yaml, path);
    if (!isMap(map)) return [];
    const fields: CompiledField[] = [];
    for (const pair of map.items) {
      const name = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!FIELD_NAME.test(name) || FORBIDDEN_PROPERTIES.has(name)) {
        this.error([...path, name], `'${name}' cannot be a field name: use letters, digits and _, not starting with a digit`, { key: true });
        continue;
      }
      const expression = this.expression([...path, name], scope);
      if (expression) fields.push({ name, expression });
    }
    return fields;
  }

  private expression(path: FieldPath, scope: ExpressionScope): CompiledExpression | null {
    const { yaml, file } = this.source;
    const node = nodeAt(yaml, path);
    if (!isScalar(node)) {
      this.error(path, 'must be an expression');
      return null;
    }
    const offsets = scalarOffsets(file.text, node);
    const result = compileExpressionAt(scalarText(file.text, node), scope, { file, path: fieldPath(path), fileOffset: offsets }, this.limits);
    if (result.ok) return result.expression;
    this.errors.push(...result.diagnostics);
    return null;
  }

  private error(path: FieldPath, message: string, options: { key?: boolean } = {}): void {
    this.errors.push(diagnosticAt(this.source.file, startOf(nodeAt(this.source.yaml, path, options)), fieldPath(path), `${fieldPath(path)}: ${message}`));
  }

  private warning(path: FieldPath, message: string): void {
    this.warnings.push(diagnosticAt(this.source.file, startOf(nodeAt(this.source.yaml, path)), fieldPath(path), message, 'warning'));
  }
}

/** An anchored expression used through aliases is one piece of text: report its problems once. */
function oncePerPlace(diagnostics: readonly RuleDiagnostic[]): RuleDiagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.line}:${d.column}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function alwaysHolds(when: CompiledExpression | null): boolean {
  return when === null || (when.ast.kind === 'literal' && when.ast.value === true);
}

/** `output.a.b[0]` as ['a', 'b', 0]; null when the expression is not a fixed path into the output. */
function outputPath(node: ExpressionNode): (string | number)[] | null {
  if (node.kind === 'name') return node.name === 'output' ? [] : null;
  if (node.kind === 'member') {
    const base = outputPath(node.object);
    return base && [...base, node.property];
  }
  if (node.kind === 'index' && node.index.kind === 'literal') {
    const key = node.index.value;
    const fixed = typeof key === 'string' || (typeof key === 'number' && Number.isInteger(key) && key >= 0);
    const base = fixed ? outputPath(node.object) : null;
    return base && [...base, key as string | number];
  }
  return null;
}
