// `pitstop promote | rollback | replay | explain`: replacing champions safely, re-running past decisions, explaining them.
import type { Command } from 'commander';
import { explainLoggedPrediction, explainPrediction, replayPrediction, replayRange, type PredictionExplanation, type ReplayResult } from '../archive/index.js';
import { PitstopError } from '../errors/index.js';
import { validateRecords } from '../serving/validation/index.js';
import { wholeNumber } from './cli-arguments.js';
import { requestPromotionOperation, rollbackOperation } from '../registry/operations/index.js';
import { registryOperationDeps, runCliOperation } from './cli-operation.js';
import type { CommandRunner } from './command-runner.js';

export function registerLifecycleCommands(program: Command, run: CommandRunner): void {
  program
    .command('promote <model> <version>')
    .description('make a version the champion: into production, the previous one decommissioned (drained by servers), in one audited step; under an approval policy, ask for it')
    .requiredOption('--reason <text>', 'why: recorded in the audit log')
    .action(run(async (ctx, model: string, version: string, opts: { reason: string }) => {
      const outcome = await runCliOperation(ctx, requestPromotionOperation, await registryOperationDeps(ctx), { model, version: wholeNumber(version, 'VERSION'), reason: opts.reason });
      if (outcome.status === 'pending') {
        const { request } = outcome;
        ctx.output.result({ model, ...outcome }, () => `${model} v${request.version}: promotion request #${request.id} waits for another admin's approval (pitstop approve ${request.id} --reason ...)`);
        return;
      }
      ctx.output.result({ model, ...outcome }, () => outcome.moves.map((m) => `${model} v${m.version}: ${m.from} → ${m.to}`).join('\n'));
    }));

  program
    .command('rollback <model>')
    .description('bring back the version that was in production before the current one')
    .requiredOption('--reason <text>', 'why: recorded in the audit log')
    .action(run(async (ctx, model: string, opts: { reason: string }) => {
      const { moves } = await runCliOperation(ctx, rollbackOperation, await registryOperationDeps(ctx), { model, reason: opts.reason });
      ctx.output.result({ model, moves }, () => moves.map((m) => `${model} v${m.version}: ${m.from} → ${m.to}`).join('\n'));
    }));

  program
    .command('replay [predictionId]')
    .description('re-run logged predictions with the exact package that made them and compare the answers')
    .option('--model <name>', 'bulk: replay a sample of this model\'s predictions')
    .option('--from <time>', 'bulk: predictions at or after (ISO-8601)')
    .option('--to <time>', 'bulk: predictions before (ISO-8601)')
    .option('--sample <n>', 'bulk: at most this many, drawn at random (seeded)', '1000')
    .action(run(async (ctx, predictionId: string | undefined, opts: { model?: string; from?: string; to?: string; sample: string }) => {
      const { store, registry } = await ctx.services();
      const deps = { predictions: store.predictions, registry };
      if (predictionId) {
        const result = await replayPrediction(deps, predictionId);
        ctx.output.result(result, () => describeReplay(result));
        if (result.verdict === 'different') throw new PitstopError('REPLAY_MISMATCH', `prediction ${predictionId} replays differently at ${result.differences.join(', ')}`, { field: 'prediction_id' });
        return;
      }
      if (!opts.model) throw new PitstopError('USAGE', 'give a PREDICTION_ID, or --model NAME for a bulk replay', { field: 'model' });
      const report = await replayRange(deps, { model: opts.model, ...(opts.from ? { from: opts.from } : {}), ...(opts.to ? { to: opts.to } : {}), sample: wholeNumber(opts.sample, '--sample') }, ctx.output.progress);
      ctx.output.result(report, () =>
        [
          `${report.model}: replayed ${report.replayed} of ${report.considered} predictions (versions ${report.versions.join(', ') || '-'})`,
          `  identical ${report.identical}, within tolerance ${report.withinTolerance}, different ${report.mismatches.length}, could not run ${report.failures.length}`,
          ...report.mismatches.slice(0, 10).map((m) => `  ${m.predictionId} v${m.version}: differs at ${m.differences.join(', ')}`),
          ...report.failures.slice(0, 10).map((f) => `  ${f.predictionId}: ${f.error}`),
        ].join('\n'),
      );
      if (report.mismatches.length > 0 || report.failures.length > 0) {
        throw new PitstopError('REPLAY_MISMATCH', `${report.mismatches.length} prediction(s) replay differently and ${report.failures.length} could not be replayed`, { field: 'model' });
      }
    }));

  registerExplainCommand(program, run);
}

function registerExplainCommand(program: Command, run: CommandRunner): void {
  program
    .command('explain [predictionId]')
    .description('explain a logged prediction, or a new one, per input feature: what moved the answer away from the average')
    .option('--top <n>', 'features that get a sentence of their own', '5')
    .option('--method <method>', 'auto (exact for linear and tree models, else sampling) or sampling', 'auto')
    .option('--model <name>', 'new prediction: the model')
    // Not --version: the program's own --version is recognised after subcommands too, and would print Pitstop's.
    .option('--model-version <version>', 'new prediction: the version (number, alias or stage)')
    .option('--input <json>', 'new prediction: one record as JSON, e.g. \'{"age": 41}\'')
    .action(run(async (ctx, predictionId: string | undefined, opts: { top: string; method: string; model?: string; modelVersion?: string; input?: string }) => {
      const options = { top: wholeNumber(opts.top, '--top'), method: explainMethod(opts.method) };
      const { store, registry } = await ctx.services();
      if (predictionId) {
        if (opts.model || opts.modelVersion || opts.input) throw new PitstopError('USAGE', 'give a PREDICTION_ID, or --model, --model-version and --input for a new prediction, not both', { field: 'prediction_id' });
        const result = await explainLoggedPrediction({ predictions: store.predictions, registry }, predictionId, options);
        ctx.output.result(result, () => describeExplanation(`${result.predictionId}: ${result.model} v${result.version}`, result));
        return;
      }
      if (!opts.model || !opts.modelVersion || opts.input === undefined) {
        throw new PitstopError('USAGE', 'give a PREDICTION_ID, or --model NAME --model-version V --input JSON to explain a new prediction', { field: 'prediction_id' });
      }
      const version = (await registry.resolveVersion(opts.model, opts.modelVersion)).version;
      const pkg = await registry.loadPackage(opts.model, version);
      // The same checks (and defaults) a served request gets before it reaches the model.
      const [record] = validateRecords(pkg.manifest, { records: [jsonRecord(opts.input)] }, { maxRecords: 1 });
      const result = { model: opts.model, version, ...(await explainPrediction(pkg, record!, options)) };
      ctx.output.result(result, () => describeExplanation(`new prediction: ${result.model} v${result.version}`, result));
    }));
}

function describeExplanation(subject: string, e: PredictionExplanation): string {
  return [`${subject}, ${e.method}, explains ${e.quantity}`, ...e.sentences.map((sentence) => `  ${sentence}`)].join('\n');
}

function explainMethod(text: string): 'auto' | 'sampling' {
  if (text === 'auto' || text === 'sampling') return text;
  throw new PitstopError('USAGE', `--method must be auto or sampling, not "${text}"`, { field: 'method' });
}

function jsonRecord(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new PitstopError('USAGE', `--input is not JSON: ${(error as Error).message}`, { field: 'input' });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new PitstopError('USAGE', '--input must be one JSON object of feature values', { field: 'input' });
  return parsed as Record<string, unknown>;
}

function describeReplay(r: ReplayResult): string {
  const verdict = r.verdict === 'identical' ? 'identical, bit for bit' : r.verdict === 'within-tolerance' ? `within ${r.tolerance} (largest difference ${r.maxAbsDifference})` : `DIFFERENT at ${r.differences.join(', ')}`;
  return [
    `${r.predictionId}: ${r.model} v${r.version} (package ${r.packageDigest.slice(0, 19)}) on ${r.runtime}`,
    `  logged:   ${JSON.stringify(r.logged)}`,
    `  replayed: ${JSON.stringify(r.replayed)}`,
    `  ${verdict}; load ${r.loadMs.toFixed(0)} ms, run ${r.runMs.toFixed(1)} ms`,
  ].join('\n');
}
