// The checker: everything about an expression that can be known before any request, so that no rule error can
// surface at request time. Unknown names, prototype-reaching properties, unknown functions, wrong arities and
// oversized expressions are all reported, each at its own offset.
import { didYouMean } from './closest-name.js';
import { childrenOf, type ExpressionNode } from './expression-ast.js';
import type { ExpressionProblem } from './expression-problem.js';
import type { ExpressionScope } from './expression-scope.js';
import { RULE_FUNCTIONS } from './rule-functions.js';
import type { RuleLimits } from './rule-limits.js';
import { FORBIDDEN_PROPERTIES } from './rule-values.js';

export interface ExpressionCheck {
  readonly problems: readonly ExpressionProblem[];
  readonly nodeCount: number;
  readonly depth: number;
}

export function checkExpression(ast: ExpressionNode, scope: ExpressionScope, limits: Pick<RuleLimits, 'maxNodes' | 'maxDepth'>): ExpressionCheck {
  const problems: ExpressionProblem[] = [];
  let nodeCount = 0;
  let maxDepth = 0;
  const visit = (node: ExpressionNode, depth: number): void => {
    nodeCount++;
    maxDepth = Math.max(maxDepth, depth);
    const problem = problemOf(node, scope);
    if (problem) problems.push(problem);
    for (const child of childrenOf(node)) visit(child, depth + 1);
  };
  visit(ast, 1);
  if (nodeCount > limits.maxNodes) problems.unshift({ offset: ast.start, message: `the expression has ${nodeCount} parts; the limit is ${limits.maxNodes}` });
  if (maxDepth > limits.maxDepth) problems.unshift({ offset: ast.start, message: `the expression nests ${maxDepth} levels deep; the limit is ${limits.maxDepth}` });
  return { problems, nodeCount, depth: maxDepth };
}

function problemOf(node: ExpressionNode, scope: ExpressionScope): ExpressionProblem | null {
  switch (node.kind) {
    case 'name':
      return nameProblem(node.name, node.start, scope);
    case 'member':
      return FORBIDDEN_PROPERTIES.has(node.property) ? forbidden(node.property, node.propertyStart) : null;
    case 'index':
      return node.index.kind === 'literal' && typeof node.index.value === 'string' && FORBIDDEN_PROPERTIES.has(node.index.value)
        ? forbidden(node.index.value, node.index.start)
        : null;
    case 'call':
      return callProblem(node.callee, node.args.length, node.start);
    default:
      return null;
  }
}

function nameProblem(name: string, offset: number, scope: ExpressionScope): ExpressionProblem | null {
  if ((scope.names as ReadonlySet<string>).has(name)) return null;
  const reason = scope.unavailable.get(name);
  if (reason) return { offset, message: reason };
  const known = [...scope.names];
  const hint = RULE_FUNCTIONS.has(name) ? ` (${name} is a function: call it as ${RULE_FUNCTIONS.get(name)!.signature})` : didYouMean(name, known);
  return { offset, message: `unknown name '${name}'${hint}; expressions start from ${known.join(', ')}` };
}

function callProblem(callee: string, arity: number, offset: number): ExpressionProblem | null {
  const fn = RULE_FUNCTIONS.get(callee);
  if (!fn) return { offset, message: `unknown function '${callee}'${didYouMean(callee, RULE_FUNCTIONS.keys())}` };
  if (arity >= fn.minArgs && arity <= fn.maxArgs) return null;
  const expected = fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : fn.maxArgs - fn.minArgs === 1 ? `${fn.minArgs} or ${fn.maxArgs}` : `${fn.minArgs} to ${fn.maxArgs}`;
  const plural = fn.maxArgs === 1 ? 'argument' : 'arguments';
  return { offset, message: `${callee} takes ${expected} ${plural} (${fn.signature}), not ${arity}` };
}

function forbidden(property: string, offset: number): ExpressionProblem {
  return { offset, message: `the property '${property}' cannot be read: rules see data, not JavaScript objects` };
}
