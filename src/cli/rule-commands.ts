// `pitstop rules deploy | list | show | diff | test | rollback`: business rule sets, versioned and audited, deployed
// to every server without a restart; `test --against-log` shows what a change would do before it is deployed.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { PitstopError } from '../errors/index.js';
import { diffLines, formatDiagnostic } from '../rules/index.js';
import { featureReaderOf } from '../serving/apps/index.js';
import { deployRuleSetOperation, dryRunRuleSetOperation, localServedRunner, rollbackRuleSetOperation, type RuleSetOperationDeps } from '../serving/rule-sets/index.js';
import { runCliOperation } from './cli-operation.js';
import type { Stores } from '../store/index.js';
import type { CliContext } from './cli-context.js';
import type { CommandRunner } from './command-runner.js';
import { formatTable } from './output.js';

export function registerRuleCommands(program: Command, run: CommandRunner): void {
  const rules = program.command('rules').description('business rule sets around models: deploy, list, show, diff, test against logged traffic, roll back');

  rules
    .command('deploy <file>')
    .description('check a rule-set file (errors with line and column) and deploy it as the next version')
    .option('--description <text>', 'what changed: recorded in the audit log')
    .action(run(async (ctx, file: string, opts: { description?: string }) => {
      const deps = await depsOf(ctx);
      const deployed = await runCliOperation(ctx, deployRuleSetOperation, deps, { source: await readSource(file), file: path.basename(file), ...(opts.description ? { description: opts.description } : {}) }).finally(deps.release);
      const { ruleSet } = deployed;
      ctx.output.result(deployed, () => [
        deployed.changed ? `${ruleSet.name} v${ruleSet.version} deployed (sha256:${ruleSet.digest.slice(0, 12)}); servers apply it without a restart` : `${ruleSet.name} v${ruleSet.version} is already this file; nothing deployed`,
        ...deployed.warnings.map((w) => `  warning: ${formatDiagnostic(w)}`),
      ].join('\n'));
    }));

  rules
    .command('list')
    .description('deployed rule sets with their latest version')
    .action(run(async (ctx) => {
      const list = await (await ctx.services()).store.ruleSets.list();
      ctx.output.result(list, () => (list.length === 0 ? 'No rule set is deployed.' : formatTable(['name', 'version', 'deployed', 'by', 'description'], list.map((r) => [r.name, r.latestVersion, r.deployedAt.slice(0, 19), r.deployedBy, r.description]))));
    }));

  rules
    .command('show <name>')
    .description("a rule set's source (the latest version, or --version N)")
    .option('--rule-version <n>', 'this version')
    .action(run(async (ctx, name: string, opts: { ruleVersion?: string }) => {
      const ruleSet = await ruleSetVersion(await ctx.services().then((s) => s.store), name, opts.ruleVersion);
      ctx.output.result(ruleSet, () => `# ${ruleSet.name} v${ruleSet.version}, deployed ${ruleSet.deployedAt} by ${ruleSet.deployedBy}\n${ruleSet.source}`);
    }));

  rules
    .command('diff <name> <from> <to>')
    .description('what changed between two versions of a rule set')
    .action(run(async (ctx, name: string, from: string, to: string) => {
      const { store } = await ctx.services();
      const [a, b] = [await ruleSetVersion(store, name, from), await ruleSetVersion(store, name, to)];
      const lines = diffLines(a.source, b.source);
      ctx.output.result({ name, from: a.version, to: b.version, lines }, () => [`--- ${name} v${a.version}`, `+++ ${name} v${b.version}`, ...lines.map((l) => `${l.kind === 'added' ? '+' : l.kind === 'removed' ? '-' : ' '} ${l.text}`)].join('\n'));
    }));

  rules
    .command('test <file>')
    .description('dry-run a rule-set file against the newest logged decisions of its application: how many would change')
    .option('--against-log', 'replay logged decisions (the only mode; the flag says what happens)')
    .option('--last <n>', 'how many of the newest decisions', '10000')
    .action(run(async (ctx, file: string, opts: { last: string }) => {
      const last = Number(opts.last);
      if (!Number.isInteger(last) || last < 1) throw new PitstopError('USAGE', `--last must be a whole number ≥ 1, not "${opts.last}"`, { field: 'last' });
      const deps = await depsOf(ctx);
      const report = await runCliOperation(ctx, dryRunRuleSetOperation, deps, { source: await readSource(file), last, file: path.basename(file) }).finally(deps.release);
      ctx.output.result(report, () => [
        `${report.changed} of ${report.compared} decisions would change (${report.app} v${report.baselineVersion} → ${path.basename(file)}; ${report.considered} logged decisions read${report.notReplayable > 0 ? `, ${report.notReplayable} could not be replayed` : ''})`,
        ...report.transitions.map((t) => `  ${t.count} × ${t.from} → ${t.to}`),
        ...report.examples.map((e) => `  e.g. ${e.id}: ${JSON.stringify(e.baseline.output)} → ${JSON.stringify(e.candidate.output)}`),
      ].join('\n'));
    }));

  rules
    .command('rollback <name>')
    .description('deploy the source of an earlier version again, as a new version')
    .requiredOption('--to <version>', 'the version whose source comes back')
    .action(run(async (ctx, name: string, opts: { to: string }) => {
      const earlier = await ruleSetVersion((await ctx.services()).store, name, opts.to);
      const deps = await depsOf(ctx);
      const deployed = await runCliOperation(ctx, rollbackRuleSetOperation, deps, { name, to: earlier.version }).finally(deps.release);
      ctx.output.result(deployed, () => `${name} v${deployed.ruleSet.version} deployed with the source of v${earlier.version}`);
    }));
}

/** The rule-set operations' dependencies on the CLI; `release` frees the model sessions a dry run loaded. */
async function depsOf(ctx: CliContext): Promise<RuleSetOperationDeps & { release: () => Promise<void> }> {
  const { store, registry } = await ctx.services();
  const runner = await localServedRunner(store, registry);
  return {
    ruleSets: store.ruleSets, registry, decisions: store.decisions, runModel: runner.run, release: runner.release,
    hasFeatureTable: async (name) => (await store.features.getTable(name)) !== undefined,
    features: featureReaderOf({ table: (name) => store.features.getTable(name), rows: (table, keys) => store.features.getRows(table, keys) }),
  };
}

async function ruleSetVersion(store: Stores, name: string, version?: string) {
  const number = version === undefined ? undefined : Number(version);
  if (number !== undefined && (!Number.isInteger(number) || number < 1)) throw new PitstopError('USAGE', `a rule-set version is a whole number ≥ 1, not "${version}"`, { field: 'version' });
  const found = await store.ruleSets.get(name, number);
  if (found) return found;
  const versions = await store.ruleSets.versions(name);
  throw new PitstopError('APP_NOT_FOUND', versions.length === 0 ? `no rule set named "${name}"` : `rule set "${name}" has no version ${version}; it has ${versions.map((v) => v.version).join(', ')}`, { field: 'version' });
}

async function readSource(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new PitstopError('USAGE', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, { field: 'file' });
  }
}
