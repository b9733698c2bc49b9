// Collects V2 request problems and throws them as one VALIDATION_FAILED; V2 errors are `{"error": message}`, so the message names the field.
import type { z } from 'zod';
import { PitstopError, type FieldError } from '../../errors/index.js';
import { fieldPath } from '../../manifest/index.js';
import { zodIssueMessage } from '../validation/index.js';

const MAX_PROBLEMS = 100;

export class V2Problems {
  private readonly errors: FieldError[] = [];

  add(field: string, message: string): void {
    if (this.errors.length < MAX_PROBLEMS) this.errors.push({ field, message });
  }

  addZodIssues(issues: readonly z.core.$ZodIssue[]): void {
    for (const issue of issues) this.add(fieldPath(issue.path) || 'body', zodIssueMessage(issue));
  }

  get isEmpty(): boolean {
    return this.errors.length === 0;
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
