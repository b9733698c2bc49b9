// One expression from text to a checked AST: tokenize, parse, check, and place every problem at its line and
// column in the file the expression was written in.
import { checkExpression } from './check-expression.js';
import type { ExpressionNode } from './expression-ast.js';
import { ExpressionSyntaxError, type ExpressionProblem } from './expression-problem.js';
import { AFTER_SCOPE, type ExpressionScope } from './expression-scope.js';
import { parseExpression } from './parse-expression.js';
import { diagnosticAt, RuleError, type RuleDiagnostic } from './rule-error.js';
import { DEFAULT_RULE_LIMITS, type RuleLimits } from './rule-limits.js';
import { RuleSourceFile } from './rule-source-file.js';

export interface CompiledExpression {
  readonly source: string;
  readonly ast: ExpressionNode;
  /** Where it was written, for messages at evaluation time: `rules.yaml:12:11 (after[0].set.score)`. */
  readonly label: string;
  readonly nodeCount: number;
}

/** Where an expression's text sits: the file, the field path, and how an offset into the text maps to the file. */
export interface ExpressionOrigin {
  readonly file: RuleSourceFile;
  readonly path: string;
  readonly fileOffset: (offset: number) => number;
}

export type ExpressionCompilation = { readonly ok: true; readonly expression: CompiledExpression } | { readonly ok: false; readonly diagnostics: readonly RuleDiagnostic[] };

export function compileExpressionAt(source: string, scope: ExpressionScope, origin: ExpressionOrigin, limits: RuleLimits = DEFAULT_RULE_LIMITS): ExpressionCompilation {
  const fail = (problems: readonly ExpressionProblem[]): ExpressionCompilation => ({
    ok: false,
    diagnostics: problems.map((p) => diagnosticAt(origin.file, origin.fileOffset(p.offset), origin.path, p.message)),
  });
  if (source.length > limits.maxSourceLength) {
    return fail([{ offset: 0, message: `the expression is ${source.length} characters long; the limit is ${limits.maxSourceLength}` }]);
  }
  let ast: ExpressionNode;
  try {
    ast = parseExpression(source, limits.maxDepth);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return fail([{ offset: error.offset, message: error.message }]);
    throw error;
  }
  const check = checkExpression(ast, scope, limits);
  if (check.problems.length > 0) return fail(check.problems);
  const start = origin.file.position(origin.fileOffset(ast.start));
  const label = `${origin.file.name}:${start.line}:${start.column}${origin.path ? ` (${origin.path})` : ''}`;
  return { ok: true, expression: { source, ast, label, nodeCount: check.nodeCount } };
}

export interface CompileExpressionOptions {
  readonly scope?: ExpressionScope;
  /** The name shown in messages; defaults to `<expression>`. */
  readonly file?: string;
  readonly limits?: RuleLimits;
}

/** Compiles an expression given on its own (a CLI flag, a test); throws RULE_INVALID with the line and column. */
export function compileExpression(source: string, options: CompileExpressionOptions = {}): CompiledExpression {
  const file = new RuleSourceFile(options.file ?? '<expression>', source);
  const result = compileExpressionAt(source, options.scope ?? AFTER_SCOPE, { file, path: '', fileOffset: (offset) => offset }, options.limits);
  if (!result.ok) throw new RuleError(result.diagnostics);
  return result.expression;
}
