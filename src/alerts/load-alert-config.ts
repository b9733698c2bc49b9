// The rules file: YAML with `rules:` and `channels:`, validated with errors that name the field (`rules[2].op: ...`).
import { z } from 'zod';
import { PitstopError, type FieldError } from '../errors/index.js';
import { readBoundedYaml } from '../yaml-input/index.js';
import { AlertRuleSchema } from './alert-rule-schema.js';
import { ChannelConfigSchema } from './channel-config-schema.js';

export const AlertConfigSchema = z.strictObject({
  rules: z.array(AlertRuleSchema).default([]),
  channels: z.array(ChannelConfigSchema).default([]),
});
export type AlertConfig = z.output<typeof AlertConfigSchema>;
export type AlertConfigInput = z.input<typeof AlertConfigSchema>;

/** Parses and validates a rules file; throws VALIDATION_FAILED naming the first bad field (all of them in `errors`). */
export function loadAlertConfig(text: string, source = 'alert rules'): AlertConfig {
  return parseAlertConfig(readBoundedYaml(text, { source, code: 'VALIDATION_FAILED' }) ?? {}, source);
}

/** Validates a config already parsed from YAML or JSON (e.g. sent to an API). */
export function parseAlertConfig(value: unknown, source = 'alert rules'): AlertConfig {
  const result = AlertConfigSchema.safeParse(value);
  // Unknown keys first: a misspelt field explains the "required" error of the field it was meant to be.
  const byUnknownFirst = (issues: z.core.$ZodIssue[]) => [...issues].sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'));
  const errors = result.success ? crossReferenceErrors(result.data) : byUnknownFirst(result.error.issues).flatMap(fieldErrors);
  if (errors.length > 0) {
    const first = errors[0]!;
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    throw new PitstopError('VALIDATION_FAILED', `${source}: ${first.field || '(root)'}: ${first.message}${more}`, { field: first.field, errors });
  }
  return result.data!;
}

/** What zod cannot check one field at a time: unique names, and rules naming channels that exist. */
function crossReferenceErrors(config: AlertConfig): FieldError[] {
  const errors: FieldError[] = [];
  const channelNames = new Set<string>();
  config.channels.forEach((channel, i) => {
    if (channelNames.has(channel.name)) errors.push({ field: `channels[${i}].name`, message: `channel "${channel.name}" is declared twice` });
    channelNames.add(channel.name);
  });
  const known = [...channelNames].join(', ') || '(none declared)';
  const ruleKeys = new Set<string>();
  config.rules.forEach((rule, i) => {
    const key = JSON.stringify([rule.model, rule.name]);
    if (ruleKeys.has(key)) errors.push({ field: `rules[${i}].name`, message: `rule "${rule.name}" of model "${rule.model}" is declared twice` });
    ruleKeys.add(key);
    rule.channels?.forEach((name, j) => {
      if (!channelNames.has(name)) errors.push({ field: `rules[${i}].channels[${j}]`, message: `no channel is named "${name}"; channels: ${known}` });
    });
  });
  return errors;
}

/** One error per field; zod reports a strict object's unknown keys as one issue, so each key is named here. */
function fieldErrors(issue: z.core.$ZodIssue): FieldError[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ field: fieldPath([...issue.path, key]), message: `unknown field ${JSON.stringify(key)}` }));
  }
  return [{ field: fieldPath(issue.path), message: issue.message }];
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}
