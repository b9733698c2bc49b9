// Collects the field errors of one request's records and throws them as one PitstopError.
import { PitstopError, type FieldError } from '../../errors/index.js';

/** Problems listed in one error at most; past this the caller has enough to fix. */
export const MAX_LISTED_PROBLEMS = 100;

export class RecordProblems {
  private readonly errors: FieldError[] = [];
  private truncated = false;

  /** True once a problem had to be left out: the rest of the request need not be checked. */
  get full(): boolean {
    return this.truncated;
  }

  add(field: string, message: string): void {
    if (this.errors.length < MAX_LISTED_PROBLEMS) this.errors.push({ field, message });
    else this.truncated = true;
  }

  /** INVALID_RECORDS naming the first problem in its message (the V2 protocol shows only the message) and listing all. */
  throwIfAny(): void {
    const first = this.errors[0];
    if (!first) return;
    const others = this.errors.length - 1;
    const more = this.truncated
      ? ` (and more than ${others} other problems; the first ${MAX_LISTED_PROBLEMS} are listed)`
      : others > 0
        ? ` (and ${others} more ${others === 1 ? 'problem' : 'problems'})`
        : '';
    throw new PitstopError('INVALID_RECORDS', `${first.field}: ${first.message}${more}`, { field: first.field, errors: this.errors });
  }
}
