// A rule's stable identity across evaluations, restarts and edits of its threshold: its model and name.
import { createHash } from 'node:crypto';
import type { AlertRule } from './alert-rule-schema.js';

/** 16 hex digits of SHA-256 over [model, name]; JSON keeps "a/b"+"c" and "a"+"b/c" apart. */
export function fingerprint(rule: Pick<AlertRule, 'model' | 'name'>): string {
  return createHash('sha256').update(JSON.stringify([rule.model, rule.name])).digest('hex').slice(0, 16);
}
