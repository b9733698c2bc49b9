// `pitstop ci register | gate | promote`: the steps of a CI/CD pipeline, each with an exit code a pipeline can act
// on and `--json` output. The gate's verdict is written to the audit log, so `promote --if-gate-passed` (maybe in
// a later job, on another runner) promotes only a version that passed, on the data it passed on.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { PitstopError } from '../errors/index.js';
import { wholeNumber } from './cli-arguments.js';
import { requestPromotionOperation, setStageOperation } from '../registry/operations/index.js';
import { registryOperationDeps, runCliOperation } from './cli-operation.js';
import type { CommandRunner } from './command-runner.js';
import { describeEvaluation } from './training-commands.js';
import { evaluateVersions, gateFailure } from './version-evaluation.js';

const GATE_ACTION = 'ci.gate';

export function registerCiCommands(program: Command, run: CommandRunner): void {
  const ci = program.command('ci').description('pipeline steps with exit codes and --json: register a built package, gate it against the champion, promote it if it passed');

  ci.command('register <package>')
    .description("register a package a training job wrote (idempotent: the same package twice is the same version), optionally into staging")
    .option('--stage <stage>', 'move it to this stage after registering: staging')
    .option('--reason <text>', 'recorded with the stage move', 'registered by CI')
    .action(run(async (ctx, file: string, opts: { stage?: string; reason: string }) => {
      if (opts.stage !== undefined && opts.stage !== 'staging') throw new PitstopError('USAGE', `--stage can only be staging here (production goes through \`pitstop ci promote\`), not "${opts.stage}"`, { field: 'stage' });
      const bytes = await fs.readFile(file).catch((error: NodeJS.ErrnoException) => {
        throw new PitstopError('USAGE', `cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`, { field: 'package' });
      });
      const { registry } = await ctx.services();
      const result = await registry.register(bytes, ctx.config.actor, { description: `registered by CI from ${path.basename(file)}` });
      const { version } = result;
      if (opts.stage === 'staging' && version.stage === 'registered') await runCliOperation(ctx, setStageOperation, await registryOperationDeps(ctx), { model: version.model, version: version.version, stage: 'staging', reason: opts.reason });
      const now = await registry.getVersion(version.model, version.version);
      ctx.output.result({ model: now.model, version: now.version, stage: now.stage, created: result.created, packageDigest: now.packageDigest },
        () => `${now.model} v${now.version} ${result.created ? 'registered' : 'was already registered'}; stage ${now.stage}`);
    }));

  ci.command('gate <model>')
    .description('evaluate a challenger against the champion on labelled data; exit 7 when a gate fails; the verdict is audited')
    .requiredOption('--challenger <version>', 'the version under test (number, alias or stage)')
    .option('--champion <version>', 'what it must beat', 'production')
    .requiredOption('--data <file>', 'labelled data (.csv, .json or .parquet)')
    .requiredOption('--require <gate...>', 'gates such as "rmse<=0.95*champion" or "auc>=champion-0.002"')
    .option('--target <column>', 'the label column (default: the one the champion was trained on)')
    .option('--iterations <n>', 'bootstrap resamples', '1000')
    .action(run(async (ctx, model: string, opts: { challenger: string; champion: string; data: string; require: string[]; target?: string; iterations: string }) => {
      const { registry, store } = await ctx.services();
      const challenger = await registry.resolveVersion(model, opts.challenger);
      const { report, passed } = await evaluateVersions(registry, {
        model, references: [opts.champion, String(challenger.version)], data: opts.data, ...(opts.target ? { target: opts.target } : {}),
        gates: opts.require, iterations: wholeNumber(opts.iterations, '--iterations'),
      });
      const gates = (report.gates?.results ?? []).map((g) => ({ gate: g.gate.text, passed: g.passed, explanation: g.explanation }));
      await store.recordAudit({
        actor: ctx.config.actor, action: GATE_ACTION, model, version: challenger.version, fromStage: null, toStage: null, reason: passed ? 'passed' : 'failed',
        details: { passed, champion: report.gates?.champion ?? null, gates, data: report.dataset.source, rows: report.dataset.rows, challengerDigest: challenger.packageDigest },
      });
      ctx.output.result({ model, challenger: challenger.version, champion: report.gates?.champion ?? null, passed, gates, metrics: report.versions.map((v) => ({ version: v.version, role: v.role, metrics: Object.fromEntries(Object.entries(v.metrics).map(([k, m]) => [k, m.value])) })) },
        () => describeEvaluation(report, undefined));
      if (!passed) throw gateFailure(report);
    }));

  ci.command('promote <model> <version>')
    .description('move a version to staging or production; with --if-gate-passed only if its latest gate passed (exit 7 otherwise)')
    .option('--to <stage>', 'staging or production', 'production')
    .option('--if-gate-passed', "refuse unless the version's latest `pitstop ci gate` passed")
    .requiredOption('--reason <text>', 'recorded in the audit log')
    .action(run(async (ctx, model: string, versionText: string, opts: { to: string; ifGatePassed?: boolean; reason: string }) => {
      if (opts.to !== 'staging' && opts.to !== 'production') throw new PitstopError('USAGE', `--to must be staging or production, not "${opts.to}"`, { field: 'to' });
      const { registry, store } = await ctx.services();
      const version = await registry.getVersion(model, wholeNumber(versionText, 'VERSION'));
      let gate: Record<string, unknown> | null = null;
      if (opts.ifGatePassed) {
        const verdicts = (await store.listAudit({ model, action: GATE_ACTION, newestFirst: true })).filter((e) => e.version === version.version);
        const latest = verdicts[0];
        if (!latest) throw new PitstopError('GATE_FAILED', `${model} v${version.version} has not been through \`pitstop ci gate\`; refusing to promote it`, { field: 'version' });
        gate = latest.details;
        if (latest.details.passed !== true) throw new PitstopError('GATE_FAILED', `${model} v${version.version} failed its latest gate (${latest.at}); refusing to promote it`, { field: 'version' });
        if (latest.details.challengerDigest !== version.packageDigest) throw new PitstopError('GATE_FAILED', `the gate of ${model} v${version.version} judged another package; run the gate again`, { field: 'version' });
      }
      if (opts.to === 'staging') {
        const moves = version.stage === 'staging' ? [] : (await runCliOperation(ctx, setStageOperation, await registryOperationDeps(ctx), { model, version: version.version, stage: 'staging', reason: opts.reason })).moves;
        ctx.output.result({ model, version: version.version, status: 'promoted', moves, gate }, () => moves.length === 0 ? `${model} v${version.version} is already in staging` : moves.map((m) => `${model} v${m.version}: ${m.from} → ${m.to}`).join('\n'));
        return;
      }
      const outcome = await runCliOperation(ctx, requestPromotionOperation, await registryOperationDeps(ctx), { model, version: version.version, reason: opts.reason });
      if (outcome.status === 'pending') {
        ctx.output.result({ model, version: version.version, status: 'pending', request: outcome.request, gate }, () => `${model} v${version.version}: promotion request #${outcome.request.id} waits for another admin's approval`);
        return;
      }
      ctx.output.result({ model, version: version.version, status: 'promoted', moves: outcome.moves, gate }, () => outcome.moves.map((m) => `${model} v${m.version}: ${m.from} → ${m.to}`).join('\n'));
    }));
}
