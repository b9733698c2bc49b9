// A problem found in one expression, at an offset into its own text; compileExpression turns it into a
// RuleDiagnostic at the right line and column of the file the expression came from.

export interface ExpressionProblem {
  readonly offset: number;
  readonly message: string;
}

/** Thrown by the tokenizer and parser, which stop at the first problem; the checker collects instead. */
export class ExpressionSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
    this.name = 'ExpressionSyntaxError';
  }
}
