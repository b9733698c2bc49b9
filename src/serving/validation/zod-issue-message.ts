// zod's issues in the house style, for request bodies checked with zod (the V2 protocol, feedback).
import type { z } from 'zod';
import { describeValue } from './describe-value.js';

/** Lower case, what was expected and what came (the issue carries its input). */
export function zodIssueMessage(issue: z.core.$ZodIssue): string {
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
