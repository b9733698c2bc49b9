// `pitstop features load|list|show`: the online feature store's tables, loaded from CSV, JSON or parquet files.
import type { Command } from 'commander';
import { PitstopError } from '../errors/index.js';
import { featureTableNotFound, loadFeatureFileOperation, readFeatureRows, type FeatureLoadSummary } from '../features/index.js';
import { runCliOperation } from './cli-operation.js';
import type { CommandRunner } from './command-runner.js';
import { formatKeyValues, formatTable } from './output.js';

interface LoadOptions {
  file: string;
  key: string;
  types?: string;
}

export function registerFeatureCommands(program: Command, run: CommandRunner): void {
  const features = program.command('features').description('the online feature store: tables of feature values keyed by an entity (user_id, store_id, ...)');

  features
    .command('load <table>')
    .description('insert or replace rows of a feature table from a CSV, JSON or parquet file, creating the table on its first load; every value is checked before anything is written (rows are counted from 1, after the header)')
    .requiredOption('--file <file>', 'the data file')
    .requiredOption('--key <column>', 'the column holding the entity key')
    .option('--types <col=type,...>', 'types for some columns: number, integer, boolean, category, string, datetime, json (the key: integer or string); others are inferred on first load')
    .action(run(async (ctx, table: string, opts: LoadOptions) => {
      const { store } = await ctx.services();
      const started = performance.now();
      const summary = await runCliOperation(ctx, loadFeatureFileOperation, { features: store.features, progress: ctx.output.progress }, { table, file: opts.file, key: opts.key, types: parseTypes(opts.types) });
      const ms = Math.round(performance.now() - started);
      ctx.output.result({ ...summary, ms }, () => loadReport(summary, ms));
    }));

  features
    .command('list')
    .description('the feature tables, with their keys, columns and row counts')
    .action(run(async (ctx) => {
      const { store } = await ctx.services();
      const tables = await Promise.all((await store.features.listTables()).map(async (t) => ({ ...t, rowCount: await store.features.countRows(t.name) })));
      ctx.output.result(tables, () =>
        tables.length === 0
          ? 'No feature tables yet. Load one with `pitstop features load TABLE --file FILE --key COLUMN`.'
          : formatTable(['table', 'key', 'columns', 'rows', 'updated'], tables.map((t) => [t.name, `${t.key.name} (${t.key.type})`, t.columns.length, t.rowCount, t.updatedAt])),
      );
    }));

  features
    .command('show <table> [keys...]')
    .description('a feature table\'s columns, or the rows of the keys given')
    .action(run(async (ctx, table: string, keys: string[]) => {
      const { store } = await ctx.services();
      if (keys.length === 0) {
        const definition = await store.features.getTable(table);
        if (!definition) throw featureTableNotFound(table);
        const rowCount = await store.features.countRows(table);
        ctx.output.result({ ...definition, rowCount }, () => [
          formatKeyValues([['table', definition.name], ['key', `${definition.key.name} (${definition.key.type})`], ['rows', rowCount], ['created', `${definition.createdAt} by ${definition.createdBy}`], ['updated', definition.updatedAt]]),
          '',
          formatTable(['column', 'type'], definition.columns.map((c) => [c.name, c.type])),
        ].join('\n'));
        return;
      }
      const view = await readFeatureRows(store.features, table, keys);
      const columns = view.table.columns.map((c) => c.name);
      ctx.output.result({ table: view.table.name, rows: view.rows, missing: view.missing }, () => {
        const rows = formatTable([view.table.key.name, ...columns, 'updated'], view.rows.map((r) => [r.key, ...columns.map((c) => cell(r.values[c])), r.updatedAt]));
        return view.missing.length === 0 ? rows : `${rows}\nNo row for ${view.table.key.name} ${view.missing.join(', ')}.`;
      });
    }));
}

/** `a=integer,b=category` → {a: 'integer', b: 'category'}; the types themselves are checked by the loader. */
function parseTypes(text: string | undefined): Record<string, string> {
  const types: Record<string, string> = {};
  for (const part of (text ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name, type, ...rest] = part.split('=').map((p) => p.trim());
    if (!name || !type || rest.length > 0) throw new PitstopError('USAGE', `--types takes column=type pairs separated by commas (e.g. user_id=string,plan=category), not ${JSON.stringify(part)}`, { field: 'types' });
    types[name] = type;
  }
  return types;
}

function loadReport(s: FeatureLoadSummary, ms: number): string {
  const lines = [`Loaded ${s.rows} ${s.rows === 1 ? 'row' : 'rows'} into ${s.table} from ${s.file}: ${s.inserted} inserted, ${s.updated} updated (${ms} ms).`];
  if (s.createdTable) lines.push(`Created feature table ${s.table} with columns ${s.addedColumns.map((c) => `${c.name} (${c.type})`).join(', ') || 'none'}.`);
  else if (s.addedColumns.length > 0) lines.push(`Added columns ${s.addedColumns.map((c) => `${c.name} (${c.type})`).join(', ')}.`);
  if (s.missingColumns.length > 0) lines.push(`Note: the file has no ${s.missingColumns.join(', ')}; the rows it loaded have no value there now (a row is replaced whole).`);
  return lines.join('\n');
}

function cell(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
