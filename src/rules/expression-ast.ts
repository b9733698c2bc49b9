// The expression AST. Every node keeps its span (offsets into the expression text) so that the checker can point
// at the exact place in the rule-set file.

export type LiteralValue = null | boolean | number | string;

export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';
export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in';

interface Span {
  readonly start: number;
  readonly end: number;
}

export type ExpressionNode =
  | (Span & { readonly kind: 'literal'; readonly value: LiteralValue })
  | (Span & { readonly kind: 'array'; readonly elements: readonly ExpressionNode[] })
  /** A root of the context (`features`), or `item` inside an exclude rule. */
  | (Span & { readonly kind: 'name'; readonly name: string })
  /** `object.property`; `propertyStart` is where the property's name begins. */
  | (Span & { readonly kind: 'member'; readonly object: ExpressionNode; readonly property: string; readonly propertyStart: number })
  | (Span & { readonly kind: 'index'; readonly object: ExpressionNode; readonly index: ExpressionNode })
  | (Span & { readonly kind: 'call'; readonly callee: string; readonly args: readonly ExpressionNode[] })
  | (Span & { readonly kind: 'negate'; readonly operand: ExpressionNode })
  | (Span & { readonly kind: 'not'; readonly operand: ExpressionNode })
  | (Span & { readonly kind: 'arithmetic'; readonly operator: ArithmeticOperator; readonly left: ExpressionNode; readonly right: ExpressionNode })
  | (Span & { readonly kind: 'comparison'; readonly operator: ComparisonOperator; readonly left: ExpressionNode; readonly right: ExpressionNode })
  | (Span & { readonly kind: 'logical'; readonly operator: 'and' | 'or'; readonly left: ExpressionNode; readonly right: ExpressionNode })
  | (Span & { readonly kind: 'coalesce'; readonly left: ExpressionNode; readonly right: ExpressionNode })
  | (Span & { readonly kind: 'is-null'; readonly negated: boolean; readonly operand: ExpressionNode })
  | (Span & { readonly kind: 'conditional'; readonly test: ExpressionNode; readonly consequent: ExpressionNode; readonly alternate: ExpressionNode });

/** The direct children of a node, in source order. */
export function childrenOf(node: ExpressionNode): readonly ExpressionNode[] {
  switch (node.kind) {
    case 'literal':
    case 'name':
      return [];
    case 'array':
      return node.elements;
    case 'member':
      return [node.object];
    case 'index':
      return [node.object, node.index];
    case 'call':
      return node.args;
    case 'negate':
    case 'not':
    case 'is-null':
      return [node.operand];
    case 'arithmetic':
    case 'comparison':
    case 'logical':
    case 'coalesce':
      return [node.left, node.right];
    case 'conditional':
      return [node.test, node.consequent, node.alternate];
  }
}
