import { describe, expect, it } from 'vitest';
import { loadAlertConfig } from './load-alert-config.js';

const VALID = `
rules:
  - name: age-drift
    model: churn
    metric: "psi:age"
    op: ">"
    threshold: 0.25
    resolveThreshold: 0.2
    for: 15m
    severity: critical
    channels: [ops-hook, log]
    retrain: true
    description: The age distribution has drifted
  - name: accuracy-drop
    model: churn
    metric: accuracy
    op: "<"
    threshold: 0.85
    severity: warning
channels:
  - name: ops-hook
    type: webhook
    url: https://hooks.example.com/pitstop
    secretEnv: OPS_HOOK_SECRET
    retry: { attempts: 3 }
  - name: log
    type: log
  - name: page
    type: command
    argv: [/usr/local/bin/page-oncall, --team, ml]
`;

/** The VALID file with one rule or channel field replaced. */
function withLine(from: string, to: string): string {
  expect(VALID).toContain(from);
  return VALID.replace(from, to);
}

function failure(text: string): { message: string; field?: string; code?: string } {
  try {
    loadAlertConfig(text, 'alerts.yaml');
  } catch (error) {
    return error as { message: string; field?: string };
  }
  throw new Error('expected the config to be refused');
}

describe('loadAlertConfig', () => {
  it('reads rules and channels, filling in defaults', () => {
    const config = loadAlertConfig(VALID);
    expect(config.rules).toHaveLength(2);
    expect(config.rules[0]).toMatchObject({ name: 'age-drift', metric: 'psi:age', op: '>', for: '15m', resolveThreshold: 0.2, retrain: true, channels: ['ops-hook', 'log'] });
    expect(config.rules[1]).toMatchObject({ for: '0s', retrain: false });
    expect(config.rules[1]!.channels).toBeUndefined();
    expect(config.channels[0]).toEqual({
      name: 'ops-hook',
      type: 'webhook',
      url: 'https://hooks.example.com/pitstop',
      secretEnv: 'OPS_HOOK_SECRET',
      timeoutMs: 10_000,
      retry: { attempts: 3, baseDelayMs: 500, maxDelayMs: 30_000 },
    });
    expect(config.channels[2]).toEqual({ name: 'page', type: 'command', argv: ['/usr/local/bin/page-oncall', '--team', 'ml'], timeoutMs: 10_000 });
  });

  it('reads an empty file as no rules and no channels', () => {
    expect(loadAlertConfig('')).toEqual({ rules: [], channels: [] });
  });

  it('names the field path of a bad operator', () => {
    const error = failure(withLine('op: "<"', 'op: "=="'));
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'rules[1].op' });
    expect(error.message).toMatch(/^alerts\.yaml: rules\[1\]\.op: /);
  });

  it('explains a bad duration in `for`', () => {
    expect(failure(withLine('for: 15m', 'for: 15min'))).toMatchObject({ field: 'rules[0].for', message: expect.stringContaining('unknown unit "min"') });
    expect(failure(withLine('for: 15m', 'for: 15'))).toMatchObject({ field: 'rules[0].for', message: expect.stringContaining('must be a duration with a unit, such as "15m" (got 15)') });
  });

  it('refuses an unknown field, naming it before the required field it was probably meant to be', () => {
    expect(failure(withLine('threshold: 0.85', 'treshold: 0.85'))).toMatchObject({
      field: 'rules[1].treshold',
      message: expect.stringContaining('unknown field "treshold"'),
    });
  });

  it('refuses a resolve threshold on the breaching side of the threshold', () => {
    expect(failure(withLine('resolveThreshold: 0.2', 'resolveThreshold: 0.3'))).toMatchObject({
      field: 'rules[0].resolveThreshold',
      message: expect.stringContaining('must be at most threshold (0.25)'),
    });
  });

  it('refuses a rule naming a channel that is not declared, listing the channels', () => {
    expect(failure(withLine('channels: [ops-hook, log]', 'channels: [ops-hook, pager]'))).toMatchObject({
      field: 'rules[0].channels[1]',
      message: expect.stringContaining('no channel is named "pager"; channels: ops-hook, log, page'),
    });
  });

  it('refuses two rules with the same model and name, and two channels with the same name', () => {
    expect(failure(withLine('name: accuracy-drop', 'name: age-drift'))).toMatchObject({ field: 'rules[1].name', message: expect.stringContaining('declared twice') });
    expect(failure(withLine('name: page', 'name: log'))).toMatchObject({ field: 'channels[2].name' });
  });

  it('refuses a webhook with neither or both of secret and secretEnv', () => {
    expect(failure(withLine('    secretEnv: OPS_HOOK_SECRET\n', ''))).toMatchObject({ field: 'channels[0].secret', message: expect.stringContaining('exactly one of secret or secretEnv') });
    expect(failure(withLine('secretEnv: OPS_HOOK_SECRET', 'secretEnv: OPS_HOOK_SECRET\n    secret: s3cret'))).toMatchObject({ field: 'channels[0].secret' });
  });

  it('refuses a webhook URL that is not http(s)', () => {
    expect(failure(withLine('https://hooks.example.com/pitstop', 'file:///etc/passwd'))).toMatchObject({ field: 'channels[0].url', message: expect.stringContaining('http:// or https://') });
  });

  it('refuses an unknown channel type at its type field', () => {
    expect(failure(withLine('type: log', 'type: slack'))).toMatchObject({ field: 'channels[1].type' });
  });

  it('refuses a command channel without an executable', () => {
    expect(failure(withLine('argv: [/usr/local/bin/page-oncall, --team, ml]', 'argv: []'))).toMatchObject({ field: 'channels[2].argv' });
  });

  it('counts every error while naming the first', () => {
    const error = failure(withLine('op: "<"', 'op: "=="').replace('severity: warning', 'severity: loud'));
    expect(error.message).toMatch(/rules\[1\]\.op: .*\(and 1 more\)$/);
    expect((error as { errors?: unknown[] }).errors).toHaveLength(2);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(failure('rules:\n  - name: [unclosed\n')).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/^alerts\.yaml: not valid YAML \(line \d+, column \d+\)/) });
  });
});
