// `pitstop rules` as a user runs it: deploy with errors reported by line and column, show, diff, a dry run against
// logged decisions, and a rollback that deploys an old source as a new version.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openMetadataStore, type DecisionRecord, type Stores } from '../src/store/index.js';
import { runCli, runCliJson } from './fixtures/run-cli.js';
import { tempDir } from './fixtures/test-databases.js';

const opened: Stores[] = [];
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
});

const RULES = (limit: number) => `name: greet
route:
  - id: small
    when: request.n < ${limit}
    respond: { provider: constant, args: { size: "'small'" } }
  - id: large
    respond: { provider: constant, args: { size: "'large'" } }
`;

function decision(i: number, n: number, size: string): DecisionRecord {
  return {
    id: `01J00000000000000000000${String(i).padStart(3, '0')}`, at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), app: 'greet', ruleSetVersion: 1,
    ruleId: size, kind: 'respond', applied: [], request: { n }, features: {}, headers: {}, output: { size }, model: null, modelVersion: null,
    predictionId: null, modelOutput: null, caller: null, latencyMs: 1,
  };
}

describe('pitstop rules', () => {
  it('deploys, refuses a mistake with its line and column, shows, diffs, dry-runs against the log and rolls back', async () => {
    const work = await tempDir('pitstop-rules-');
    const env = { PITSTOP_HOME: path.join(work, 'home') };
    await fs.writeFile(path.join(work, 'greet.yaml'), RULES(10));
    await fs.writeFile(path.join(work, 'bad.yaml'), RULES(10).replace('request.n < 10', 'request.n <<< 10'));
    await fs.writeFile(path.join(work, 'next.yaml'), RULES(5));

    const bad = await runCli(['rules', 'deploy', 'bad.yaml'], { env, cwd: work });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^pitstop: RULE_INVALID: bad\.yaml:4:\d+: /)]);

    const first = await runCli(['rules', 'deploy', 'greet.yaml', '--description', 'first'], { env, cwd: work });
    expect(first.stdout).toMatch(/^greet v1 deployed \(sha256:[0-9a-f]{12}\); servers apply it without a restart/);
    const stores = await openMetadataStore(`sqlite:${env.PITSTOP_HOME}/pitstop.db`);
    opened.push(stores);
    // Logged decisions under v1: n = 0..19, of which 10 were small.
    await stores.decisions.insertDecisions(Array.from({ length: 20 }, (_, n) => decision(n, n, n < 10 ? 'small' : 'large')));

    const dry = await runCli(['rules', 'test', 'next.yaml', '--against-log', '--last', '100'], { env, cwd: work });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout.split('\n')[0]).toBe('5 of 20 decisions would change (greet v1 → next.yaml; 20 logged decisions read)');
    expect(dry.stdout).toMatch(/5 × small\/respond → large\/respond/);

    expect((await runCli(['rules', 'deploy', 'next.yaml'], { env, cwd: work })).stdout).toMatch(/^greet v2 deployed/);
    const diff = await runCli(['rules', 'diff', 'greet', '1', '2'], { env, cwd: work });
    expect(diff.stdout).toContain('-     when: request.n < 10\n+     when: request.n < 5');
    const rollback = await runCliJson<{ ruleSet: { version: number; source: string } }>(['rules', 'rollback', 'greet', '--to', '1'], { env, cwd: work });
    expect(rollback.ruleSet).toMatchObject({ version: 3, source: RULES(10) });
    const list = await runCli(['rules', 'list'], { env, cwd: work });
    expect(list.stdout).toMatch(/greet\s+3\s/);
    const missing = await runCli(['rules', 'show', 'greet', '--rule-version', '9'], { env, cwd: work });
    expect(missing.stderr.trim()).toBe('pitstop: APP_NOT_FOUND: rule set "greet" has no version 9; it has 1, 2, 3');
  }, 120_000);
});
