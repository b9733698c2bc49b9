// `pitstop train`: data file in, .pitstop package out, the run recorded (and the package registered with --register).
import path from 'node:path';
import type { Command } from 'commander';
import { ulid } from 'ulid';
import { featureSafeColumnNames, readTable } from '../dataset/index.js';
import { PitstopError } from '../errors/index.js';
import { FeaturePipelineConfigSchema, renderEvaluationReport, runTraining, TABULAR_ALGORITHMS, type EvaluationReport, type TrainingRequest } from '../training/index.js';
import fs from 'node:fs/promises';
import { readStructuredFile } from './cli-files.js';
import { evaluateVersions, gateFailure } from './version-evaluation.js';
import type { CommandRunner } from './command-runner.js';
import { formatTable, shortDigest } from './output.js';

const ALGORITHMS = [...TABULAR_ALGORITHMS, 'mf'] as const;

interface TrainOptions {
  algo: string;
  data: string;
  target?: string;
  name: string;
  label?: string;
  task?: string;
  params?: string[];
  seed: string;
  features?: string;
  exclude?: string;
  validation: string;
  holdout: string;
  timeColumn?: string;
  pipeline?: string;
  userColumn?: string;
  itemColumn?: string;
  out?: string;
  register?: boolean;
  description?: string;
}

export function registerTrainingCommands(program: Command, run: CommandRunner): void {
  registerEvaluateCommand(program, run);
  program
    .command('train')
    .description('train a model on a CSV, JSON or parquet file and write a .pitstop package (gbdt, ridge, logistic; mf for recommendations)')
    .requiredOption('--algo <name>', `algorithm: ${ALGORITHMS.join(', ')}`)
    .requiredOption('--data <file>', 'training data (.csv, .json or .parquet)')
    .option('--target <column>', 'the column to predict (mf: the rating column; leave out for implicit feedback)')
    .requiredOption('--name <model>', 'model name the package carries')
    .option('--label <label>', 'version label of the package (default: the run id)')
    .option('--task <task>', 'classification or regression (default: from the target column and algorithm)')
    .option('--params <key=value...>', 'algorithm parameters, e.g. nTrees=200 learningRate=0.05 (comma-separated also works)')
    .option('--seed <n>', 'seed for the split and the trainer', '42')
    .option('--features <columns>', 'comma-separated feature columns (default: all but the target)')
    .option('--exclude <columns>', 'comma-separated columns that are not features (ids, leaks)')
    .option('--validation <share>', 'share of rows for early stopping and model selection', '0.1')
    .option('--holdout <share>', 'share of rows held out for the final metrics', '0.2')
    .option('--time-column <column>', 'split by time: the latest rows are held out')
    .option('--pipeline <file>', 'feature pipeline config (YAML or JSON): imputation, scaling, encoding per feature')
    .option('--user-column <column>', 'mf: the user id column', 'userId')
    .option('--item-column <column>', 'mf: the item id column', 'itemId')
    .option('--out <file>', 'package file to write (default: NAME-VERSION.pitstop)')
    .option('--register', 'register the package as the next version of the model')
    .option('--description <text>', 'a description for the package')
    .action(run(async (ctx, opts: TrainOptions) => {
      if (!(ALGORITHMS as readonly string[]).includes(opts.algo)) {
        throw new PitstopError('USAGE', `--algo must be one of ${ALGORITHMS.join(', ')}, not "${opts.algo}"`, { field: 'algo' });
      }
      const runId = ulid();
      const version = opts.label ?? runId.toLowerCase();
      const out = opts.out ?? `${opts.name}-${version}.pitstop`;
      // Columns like "Beak Length (mm)" cannot be feature names; options may name a column either way.
      const { table, renames } = featureSafeColumnNames(await readTable(opts.data, { progress: ctx.output.progress }));
      const request = await trainingRequest(renamedOptions(opts, renames), table, version);
      const services = await ctx.services();
      const { run: record, trained, built } = await runTraining(request, out, { runs: services.store.runs, actor: ctx.config.actor, runId, progress: ctx.output.progress });
      const registered = opts.register ? await services.registry.register(built.bytes, ctx.config.actor, { ...(opts.description ? { description: opts.description } : {}) }) : null;
      ctx.output.result({ run: record, package: { file: out, digest: built.digest }, registered: registered?.version ?? null, details: trained.details }, () =>
        [
          ...Object.entries(renames).map(([from, to]) => `column "${from}" is feature ${to}`),
          `Run ${record.id}: ${record.algorithm} on ${path.basename(opts.data)} (${trained.dataset.rows} rows${trained.dataset.droppedRows ? `, ${trained.dataset.droppedRows} without a target dropped` : ''}) in ${(record.durationMs / 1000).toFixed(1)}s`,
          '',
          formatTable(['split', 'rows', ...metricNames(record.metrics)], Object.entries(record.metrics).map(([split, values]) => [split, trained.dataset.splitRows[split] ?? '-', ...metricNames(record.metrics).map((m) => values[m]?.toFixed(4) ?? '-')])),
          '',
          `Wrote ${out} (${shortDigest(built.digest)})`,
          registered ? `Registered ${registered.version.model} v${registered.version.version} in stage ${registered.version.stage}` : `Register it with: pitstop register ${out}`,
        ].join('\n'),
      );
    }));
}

function registerEvaluateCommand(program: Command, run: CommandRunner): void {
  program
    .command('evaluate <model>')
    .description('run registered versions on the same labelled data through the serving runtime and compare them; gates exit 7 when the challenger falls short')
    .requiredOption('--versions <list>', 'comma-separated versions (numbers, aliases or stages); the first is the champion, the last the challenger')
    .requiredOption('--data <file>', 'labelled data (.csv, .json or .parquet)')
    .option('--target <column>', 'the label column (default: the target the champion was trained on)')
    .option('--require <gate...>', 'gates such as "auc>=champion+0.005" or "rmse<=0.9*champion"')
    .option('--html <file>', 'write a self-contained HTML report with plots')
    .option('--iterations <n>', 'bootstrap resamples for the confidence intervals', '1000')
    .action(run(async (ctx, model: string, opts: { versions: string; data: string; target?: string; require?: string[]; html?: string; iterations: string }) => {
      const { registry } = await ctx.services();
      const { report, passed } = await evaluateVersions(registry, {
        model, references: list(opts.versions), data: opts.data, ...(opts.target ? { target: opts.target } : {}),
        gates: opts.require ?? [], iterations: integer(opts.iterations, '--iterations'), progress: ctx.output.progress,
      });
      if (opts.html) await fs.writeFile(opts.html, renderEvaluationReport(report));
      ctx.output.result({ ...report, passed }, () => describeEvaluation(report, opts.html));
      if (!passed) throw gateFailure(report);
    }));
}

export function describeEvaluation(report: EvaluationReport, html: string | undefined): string {
  const metrics = [...new Set(report.versions.flatMap((v) => Object.keys(v.metrics)))];
  const lines = [
    `${report.model}: ${report.task} on ${report.dataset.source} (${report.dataset.rows} ${report.task === 'ranking' ? 'users' : 'rows'})`,
    '',
    formatTable(['metric', ...report.versions.map((v) => `v${v.version}${v.role ? ` (${v.role})` : ''}`), ...(report.versions.length > 1 ? ['difference [95% CI]'] : [])],
      metrics.map((m) => {
        const comparison = report.comparisons.find((c) => c.metric === m);
        const diff = comparison && comparison.difference !== null ? `${signed(comparison.difference)} [${signed(comparison.low!)}, ${signed(comparison.high!)}]` : '-';
        return [m, ...report.versions.map((v) => v.metrics[m]?.value?.toFixed(4) ?? '-'), ...(report.versions.length > 1 ? [diff] : [])];
      })),
  ];
  if (report.gates) lines.push('', ...report.gates.results.map((g) => `${g.passed ? 'PASS' : 'FAIL'}  ${g.explanation}`));
  if (html) lines.push('', `Wrote ${html}`);
  return lines.join('\n');
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(4)}`;
}

async function trainingRequest(opts: TrainOptions, table: Awaited<ReturnType<typeof readTable>>, version: string): Promise<TrainingRequest> {
  const common = {
    table, source: path.basename(opts.data), name: opts.name, version, params: parseParams(opts.params ?? []), seed: integer(opts.seed, '--seed'),
    ...(opts.description ? { description: opts.description } : {}),
  };
  if (opts.algo === 'mf') {
    return {
      kind: 'recommender', ...common, userColumn: opts.userColumn ?? 'userId', itemColumn: opts.itemColumn ?? 'itemId',
      ...(opts.target ? { ratingColumn: opts.target } : {}), holdout: share(opts.holdout, '--holdout'),
    };
  }
  if (!opts.target) throw new PitstopError('USAGE', `--target is required for ${opts.algo}: the column the model predicts`, { field: 'target' });
  if (opts.task !== undefined && opts.task !== 'classification' && opts.task !== 'regression') {
    throw new PitstopError('USAGE', `--task must be classification or regression, not "${opts.task}"`, { field: 'task' });
  }
  const pipeline = opts.pipeline ? FeaturePipelineConfigSchema.safeParse(await readStructuredFile(opts.pipeline, '--pipeline')) : null;
  if (pipeline && !pipeline.success) {
    const issue = pipeline.error.issues[0]!;
    throw new PitstopError('VALIDATION_FAILED', `--pipeline ${opts.pipeline}: ${issue.path.join('.')}: ${issue.message}`, { field: 'pipeline' });
  }
  return {
    kind: 'tabular', ...common, algorithm: opts.algo as (typeof TABULAR_ALGORITHMS)[number], target: opts.target,
    ...(opts.task ? { task: opts.task as 'classification' | 'regression' } : {}),
    ...(opts.features ? { features: list(opts.features) } : {}),
    ...(opts.exclude ? { exclude: list(opts.exclude) } : {}),
    split: { validation: share(opts.validation, '--validation'), holdout: share(opts.holdout, '--holdout'), ...(opts.timeColumn ? { timeColumn: opts.timeColumn } : {}) },
    ...(pipeline?.success ? { pipeline: pipeline.data } : {}),
  };
}

function renamedOptions(opts: TrainOptions, renames: Record<string, string>): TrainOptions {
  const one = (name: string | undefined) => (name === undefined ? undefined : (renames[name] ?? name));
  const many = (names: string | undefined) => (names === undefined ? undefined : list(names).map((n) => renames[n] ?? n).join(','));
  return {
    ...opts, target: one(opts.target), timeColumn: one(opts.timeColumn), userColumn: one(opts.userColumn), itemColumn: one(opts.itemColumn),
    features: many(opts.features), exclude: many(opts.exclude),
  };
}

/** `nTrees=200 learningRate=0.05,maxDepth=4` → numbers, booleans and null where the text is one, else text. */
export function parseParams(items: readonly string[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const item of items.flatMap((i) => i.split(',')).filter(Boolean)) {
    const at = item.indexOf('=');
    if (at <= 0) throw new PitstopError('USAGE', `--params takes key=value pairs, not "${item}"`, { field: 'params' });
    const [key, text] = [item.slice(0, at).trim(), item.slice(at + 1).trim()];
    params[key] = text === 'true' ? true : text === 'false' ? false : text === 'null' ? null : text !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
  }
  return params;
}

function metricNames(metrics: Record<string, Record<string, number>>): string[] {
  return [...new Set(Object.values(metrics).flatMap((values) => Object.keys(values)))];
}

function list(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

function share(text: string, flag: string): number {
  const value = Number(text);
  if (!(value >= 0 && value < 1)) throw new PitstopError('USAGE', `${flag} must be a share from 0 to below 1, not "${text}"`, { field: flag.slice(2) });
  return value;
}

function integer(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new PitstopError('USAGE', `${flag} must be a whole number, not "${text}"`, { field: flag.slice(2) });
  return value;
}
