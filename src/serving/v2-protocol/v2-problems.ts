// Collects V2 request problems and throws them as one VALIDATION_FAILED; V2 errors are `{"error": message}`, so the message names the field.
import type { z } from 'zod';
import { PitstopError, type FieldError } from '../../errors/index.js';
import { fieldPath } from '../../manifest/index.js';
import { describeValue } from '../validation/index.js';

const MAX_PROBLEMS = 100;

export class V2Problems {
  private readonly errors: FieldError[] = [];

  add(field: string, message: string): void {
    if (this.errors.length < MAX_PROBLEMS) this.errors.push({ field, message });
  }

  addZodIssues(issues: readonly z.core.$ZodIssue[]): void {
    for (const issue of issues) this.add(fieldPath(issue.path) || 'body', zodIssueMessage(issue));
  }

  throwIfAny(): void {
    if (this.errors.length > 0) throw this.toError();
  }

  /** One VALIDATION_FAILED listing every problem; its message names the first one's field. */
  toError(): PitstopError {
    const first = this.errors[0] ?? { field: 'body', message: 'is not a V2 inference request' };
    const others = this.errors.length - 1;
    const more = others > 0 ? ` (and ${others} more ${others === 1 ? 'problem' : 'problems'})` : '';
    return new PitstopError('VALIDATION_FAILED', `${first.field}: ${first.message}${more}`, { field: first.field, errors: this.errors.length > 0 ? this.errors : [first] });
  }
}

/** zod's issues in the house style: lower case, what was expected and what came (the issue carries its input). */
function zodIssueMessage(issue: z.core.$ZodIssue): string {
  const got = 'input' in issue ? describeValue(issue.input) : 'something else';
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `is missing; expected ${article(issue.expected)}` : `expected ${article(issue.expected)}, got ${got}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}, got ${got}`;
    case 'too_small':
      if (issue.origin === 'array') return `must hold at least ${issue.minimum} ${issue.minimum === 1 ? 'item' : 'items'}`;
      if (issue.origin === 'string') return 'must not be empty';
      return `must be at least ${issue.minimum}, got ${String(issue.input)}`;
    default:
      return issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
  }
}

function article(expected: string): string {
  if (expected === 'int') return 'an integer';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
