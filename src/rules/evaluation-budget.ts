// The work one decision may do. Every evaluated node costs a step, and every operation that walks a list or a
// string costs its length, so no rule set and no request can make evaluation run unbounded.
import { DEFAULT_RULE_LIMITS } from './rule-limits.js';

/** Thrown when a budget runs out; the evaluator turns it into RULE_LIMIT_EXCEEDED naming the expression. */
export class BudgetExceeded extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BudgetExceeded';
  }
}

export class EvaluationBudget {
  private used = 0;

  constructor(
    readonly maxSteps: number = DEFAULT_RULE_LIMITS.maxSteps,
    readonly maxStringLength: number = DEFAULT_RULE_LIMITS.maxStringLength,
  ) {}

  get steps(): number {
    return this.used;
  }

  spend(steps: number): void {
    this.used += steps;
    if (this.used > this.maxSteps) throw new BudgetExceeded(`evaluation needs more than ${this.maxSteps} steps`);
  }

  /** Charges for a string an operation produced (one step per 64 characters) and refuses one that is too long. */
  produced(text: string): string {
    if (text.length > this.maxStringLength) throw new BudgetExceeded(`a string of ${text.length} characters is longer than the limit of ${this.maxStringLength}`);
    this.spend(1 + (text.length >> 6));
    return text;
  }
}
