// The evaluator: total over data (a missing property is null, a wrong type gives null or false, never an error)
// and bounded (every node and every walked element is charged to the decision's budget).
import { PitstopError } from '../errors/index.js';
import type { CompiledExpression } from './compile-expression.js';
import type { ArithmeticOperator, ComparisonOperator, ExpressionNode } from './expression-ast.js';
import { BudgetExceeded, EvaluationBudget } from './evaluation-budget.js';
import { contains, RULE_FUNCTIONS } from './rule-functions.js';
import { compareOrder, finiteOrNull, holds, readProperty, toRuleValue, valuesEqual, type RuleValue } from './rule-values.js';

/** The values of the names an expression may use (`features`, `output`, `item`, ...). A Map, so no name can find a prototype. */
export type ScopeValues = ReadonlyMap<string, RuleValue>;

/** Evaluates a compiled expression; only a spent budget can stop it, as RULE_LIMIT_EXCEEDED naming the expression. */
export function evaluateExpression(expression: CompiledExpression, values: ScopeValues, budget = new EvaluationBudget()): RuleValue {
  try {
    return evaluateNode(expression.ast, values, budget);
  } catch (error) {
    if (!(error instanceof BudgetExceeded)) throw error;
    throw new PitstopError('RULE_LIMIT_EXCEEDED', `${expression.label}: ${error.message}`, { cause: error, details: { expression: expression.source } });
  }
}

function evaluateNode(node: ExpressionNode, values: ScopeValues, budget: EvaluationBudget): RuleValue {
  budget.spend(1);
  const evaluate = (child: ExpressionNode) => evaluateNode(child, values, budget);
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'array':
      return node.elements.map(evaluate);
    case 'name':
      return values.get(node.name) ?? null;
    case 'member':
      return readProperty(evaluate(node.object), node.property);
    case 'index':
      return readProperty(evaluate(node.object), evaluate(node.index));
    case 'call': {
      const fn = RULE_FUNCTIONS.get(node.callee);
      // The checker refused unknown functions; an unchecked AST still cannot call anything else.
      return fn ? toRuleValue(fn.call(node.args.map(evaluate), budget)) : null;
    }
    case 'negate': {
      const operand = evaluate(node.operand);
      return typeof operand === 'number' ? finiteOrNull(-operand) : null;
    }
    case 'not':
      return !holds(evaluate(node.operand));
    case 'arithmetic':
      return arithmetic(node.operator, evaluate(node.left), evaluate(node.right));
    case 'comparison':
      return comparison(node.operator, evaluate(node.left), evaluate(node.right), budget);
    case 'logical': {
      const left = holds(evaluate(node.left));
      if (node.operator === 'and' ? !left : left) return left;
      return holds(evaluate(node.right));
    }
    case 'coalesce':
      return evaluate(node.left) ?? evaluate(node.right);
    case 'is-null':
      return (evaluate(node.operand) === null) !== node.negated;
    case 'conditional':
      return holds(evaluate(node.test)) ? evaluate(node.consequent) : evaluate(node.alternate);
  }
}

/** Numbers only: anything else, or a result that is not finite (x / 0), gives null. */
function arithmetic(operator: ArithmeticOperator, left: RuleValue, right: RuleValue): RuleValue {
  if (typeof left !== 'number' || typeof right !== 'number') return null;
  switch (operator) {
    case '+':
      return finiteOrNull(left + right);
    case '-':
      return finiteOrNull(left - right);
    case '*':
      return finiteOrNull(left * right);
    case '/':
      return right === 0 ? null : finiteOrNull(left / right);
    case '%':
      return right === 0 ? null : finiteOrNull(left % right);
  }
}

/** Ordering holds only between two numbers or two strings, so any comparison with null is false; == is structural. */
function comparison(operator: ComparisonOperator, left: RuleValue, right: RuleValue, budget: EvaluationBudget): boolean {
  switch (operator) {
    case '==':
      return valuesEqual(left, right, budget);
    case '!=':
      return !valuesEqual(left, right, budget);
    case 'in':
      return contains(right, left, budget);
    case 'not in':
      return !contains(right, left, budget);
    default: {
      const order = compareOrder(left, right);
      if (order === null) return false;
      return operator === '<' ? order < 0 : operator === '<=' ? order <= 0 : operator === '>' ? order > 0 : order >= 0;
    }
  }
}
