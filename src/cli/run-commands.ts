// `pitstop runs [list] | show ID | compare A B`: the experiment runs `pitstop train` recorded.
import type { Command } from 'commander';
import { PitstopError } from '../errors/index.js';
import type { TrainingRunRecord } from '../store/index.js';
import type { CommandRunner } from './command-runner.js';
import { formatKeyValues, formatTable } from './output.js';

export function registerRunCommands(program: Command, run: CommandRunner): void {
  const runs = program.command('runs').description('list, show and compare training runs');

  runs
    .command('list', { isDefault: true })
    .description('list runs, newest first')
    .option('--model <name>', 'only runs that trained this model')
    .option('--limit <n>', 'at most this many runs', '50')
    .action(run(async (ctx, opts: { model?: string; limit: string }) => {
      const { store } = await ctx.services();
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new PitstopError('VALIDATION_FAILED', `--limit must be a positive whole number, not "${opts.limit}"`, { field: 'limit' });
      const list = await store.runs.listRuns({ ...(opts.model ? { model: opts.model } : {}), limit });
      ctx.output.result(list, () =>
        list.length === 0
          ? 'No training runs yet. Train a model with `pitstop train --algo gbdt --data FILE --target COLUMN`.'
          : formatTable(
              ['run', 'model', 'algorithm', 'status', 'rows', 'holdout', 'seconds', 'started'],
              list.map((r) => [r.id, r.model, r.algorithm, r.status, r.dataset.rows, headline(r), (r.durationMs / 1000).toFixed(1), r.startedAt]),
            ),
      );
    }));

  runs
    .command('show <id>')
    .description('one run: parameters, data, metrics per split, package')
    .action(run(async (ctx, id: string) => {
      const record = await getRun(await ctx.services(), id);
      ctx.output.result(record, () =>
        [
          formatKeyValues([
            ['run', record.id], ['model', record.model], ['algorithm', record.algorithm], ['status', record.status],
            ['data', `${record.dataset.source} (${record.dataset.rows} rows, target ${record.dataset.target})`], ['fingerprint', record.dataset.fingerprint],
            ['seed', record.seed], ['seconds', (record.durationMs / 1000).toFixed(2)], ['package', record.packagePath], ['digest', record.packageDigest],
            ['error', record.error],
          ]),
          '',
          formatTable(['parameter', 'value'], Object.entries(record.params).map(([k, v]) => [k, JSON.stringify(v)])),
          '',
          metricsTable([record]),
        ].join('\n'),
      );
    }));

  runs
    .command('compare <a> <b>')
    .description('two runs side by side: parameters that differ and every metric')
    .action(run(async (ctx, a: string, b: string) => {
      const services = await ctx.services();
      const [first, second] = [await getRun(services, a), await getRun(services, b)];
      const keys = [...new Set([...Object.keys(first.params), ...Object.keys(second.params)])].sort();
      const params = keys.map((k) => [k, JSON.stringify(first.params[k]), JSON.stringify(second.params[k])] as const);
      const sameData = first.dataset.fingerprint === second.dataset.fingerprint;
      ctx.output.result({ runs: [first, second], sameData, differingParams: params.filter(([, x, y]) => x !== y).map(([k]) => k) }, () =>
        [
          `data: ${sameData ? `the same (${first.dataset.fingerprint.slice(0, 19)})` : 'DIFFERENT datasets: metrics are not directly comparable'}`,
          '',
          formatTable(['parameter', first.id, second.id], params.map(([k, x, y]) => [x === y ? k : `${k} *`, x ?? '-', y ?? '-'])),
          '',
          metricsTable([first, second]),
        ].join('\n'),
      );
    }));
}

async function getRun(services: { store: { runs: { getRun(id: string): Promise<TrainingRunRecord | undefined> } } }, id: string): Promise<TrainingRunRecord> {
  const record = await services.store.runs.getRun(id);
  if (!record) throw new PitstopError('RUN_NOT_FOUND', `no training run ${id} (see \`pitstop runs\`)`, { field: 'run' });
  return record;
}

/** The first holdout metric, for the list view. */
function headline(run: TrainingRunRecord): string {
  const [name, value] = Object.entries(run.metrics.holdout ?? {})[0] ?? [];
  return name === undefined ? '-' : `${name} ${value!.toFixed(4)}`;
}

function metricsTable(runs: readonly TrainingRunRecord[]): string {
  const rows: string[][] = [];
  for (const split of ['train', 'validation', 'holdout']) {
    const names = [...new Set(runs.flatMap((r) => Object.keys(r.metrics[split] ?? {})))];
    for (const name of names) rows.push([split, name, ...runs.map((r) => format(r.metrics[split]?.[name]))]);
  }
  return formatTable(['split', 'metric', ...runs.map((r) => r.id)], rows);
}

function format(value: number | undefined): string {
  return value === undefined ? '-' : Number.isInteger(value) ? String(value) : value.toFixed(4);
}
