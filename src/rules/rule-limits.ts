// The bounds that make rule evaluation safe to run on every request: checked at compile time where they can be,
// counted during evaluation where they depend on the data.

export interface RuleLimits {
  /** Longest expression source, in characters; keeps the tokenizer and parser cheap. */
  readonly maxSourceLength: number;
  /** Most AST nodes in one expression. */
  readonly maxNodes: number;
  /** Deepest nesting of one expression; also bounds the evaluator's recursion. */
  readonly maxDepth: number;
  /** Evaluation steps for one whole decision: one per node, plus the length of every list or string an operation walks. */
  readonly maxSteps: number;
  /** Longest string an expression may produce (concat, upper, ...). */
  readonly maxStringLength: number;
}

export const DEFAULT_RULE_LIMITS: RuleLimits = Object.freeze({
  maxSourceLength: 4_000,
  maxNodes: 500,
  maxDepth: 64,
  maxSteps: 1_000_000,
  maxStringLength: 10_000,
});
