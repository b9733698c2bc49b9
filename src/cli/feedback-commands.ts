// `pitstop feedback import FILE | show PREDICTION_ID`: labels (the ground truth that arrives after a prediction)
// stored against logged predictions, from a file of outcomes, and a prediction's label history.
import type { Command } from 'commander';
import { readTable } from '../dataset/index.js';
import { FeedbackService, labelsFromTable } from '../predictions/index.js';
import type { Stores } from '../store/index.js';
import type { CommandRunner } from './command-runner.js';
import { formatTable } from './output.js';

interface ImportOptions {
  idColumn: string;
  labelColumn: string;
  correct?: boolean;
  reason?: string;
}

/** Labels per transaction: short transactions leave SQLite's write lock to the servers' prediction log. */
const IMPORT_BATCH_SIZE = 1_000;

export function registerFeedbackCommands(program: Command, run: CommandRunner): void {
  const feedback = program.command('feedback').description('store and show labels (ground truth) of logged predictions');

  feedback
    .command('import <file>')
    .description(`store one label per row of a CSV, JSON or parquet file (${IMPORT_BATCH_SIZE} rows per transaction); rows are counted from 1, after the header`)
    .option('--id-column <name>', 'the column of prediction ids (the prediction_ids of the answers)', 'prediction_id')
    .option('--label-column <name>', 'the column of labels; numbers stay numbers, text stays text', 'label')
    .option('--correct', 'supersede a prediction\'s latest label instead of refusing a second one')
    .option('--reason <text>', 'stored with every label, e.g. why these are corrections')
    .action(run(async (ctx, file: string, opts: ImportOptions) => {
      // Ids are text even when they look like numbers; the label column keeps the type its values have.
      const table = await readTable(file, { columns: { [opts.idColumn]: 'string' } });
      const describe = (row: number) => `${file} row ${row + 1}`;
      const labels = labelsFromTable(table, { idColumn: opts.idColumn, labelColumn: opts.labelColumn, describe, ...(opts.reason !== undefined && { reason: opts.reason }) });
      const summary = await feedbackService((await ctx.services()).store).importLabels(labels, ctx.config.actor, { correct: opts.correct ?? false, batchSize: IMPORT_BATCH_SIZE, describe });
      ctx.output.result({ file, ...summary }, () => {
        const corrections = summary.corrections > 0 ? `, ${summary.corrections} of them corrections` : '';
        return `Stored ${summary.stored} ${summary.stored === 1 ? 'label' : 'labels'} from ${file}${corrections}.`;
      });
    }));

  feedback
    .command('show <prediction-id>')
    .description('the labels of a prediction, oldest first, corrections included')
    .action(run(async (ctx, predictionId: string) => {
      const history = await feedbackService((await ctx.services()).store).labelHistory(predictionId);
      ctx.output.result(history, () =>
        history.length === 0
          ? `Prediction ${predictionId} has no labels yet. Add them with \`pitstop feedback import FILE\` or POST /v1/feedback.`
          : formatTable(
              ['label', 'actual', 'labelled at', 'by', 'supersedes', 'reason'],
              history.map((l) => [l.id, JSON.stringify(l.actual), l.at, l.actor, l.supersedes, l.reason]),
            ),
      );
    }));
}

/** The CLI has no prediction log of its own: an id is unknown as soon as the database does not have it. */
function feedbackService(store: Stores): FeedbackService {
  return new FeedbackService({ labels: store.labels, predictions: store.predictions });
}
