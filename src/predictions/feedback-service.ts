// Feedback: labels (the ground truth that arrives hours or weeks after a prediction) stored against logged predictions.
// The one path every front door (POST /v1/feedback, `pitstop feedback`) stores and reads labels through.
import { isPitstopError, PitstopError } from '../errors/index.js';
import { ulidTime } from '../ids/index.js';
import type { LabelRecord, LabelStore, NewLabel, PredictionLogStore } from '../store/index.js';

export interface FeedbackDeps {
  readonly labels: LabelStore;
  readonly predictions: PredictionLogStore;
  /**
   * This process's prediction log, if it has one (a server does). A label can arrive before its prediction is
   * written (the log writes in batches), so the log is flushed before an id is called unknown.
   */
  readonly log?: { flush(): Promise<void> };
  /**
   * How long a label for a prediction made moments ago waits for it to reach the database: with several replicas, the
   * prediction may still be in another replica's journal (default 2 s; 0 refuses at once).
   */
  readonly waitForOtherReplicasMs?: number;
}

export interface LabelOptions {
  /** Supersede a prediction's latest label instead of refusing a second one (LABEL_CONFLICT). */
  readonly correct?: boolean;
}

export interface ImportOptions extends LabelOptions {
  /** Labels per transaction: short transactions keep SQLite's write lock free for the servers' prediction log. */
  readonly batchSize?: number;
  /** Names label i in errors, e.g. `labels.csv row 3`. */
  readonly describe: (index: number) => string;
}

export interface ImportSummary {
  readonly stored: number;
  /** Labels that superseded an earlier one. */
  readonly corrections: number;
  readonly batches: number;
}

const DEFAULT_BATCH_SIZE = 1_000;
/** A prediction made this recently may not be in the database yet; an older unknown id is simply unknown. */
const RECENT_PREDICTION_MS = 10_000;
const DEFAULT_WAIT_FOR_OTHER_REPLICAS_MS = 2_000;
const RECHECK_EVERY_MS = 100;

export class FeedbackService {
  constructor(private readonly deps: FeedbackDeps) {}

  /**
   * Stores labels in one transaction (see LabelStore.addLabels). When an id is unknown it looks again after flushing
   * this process's log, and, for a prediction made moments ago, while another replica's log may still be writing it.
   */
  async addLabels(labels: readonly NewLabel[], actor: string, options: LabelOptions = {}): Promise<LabelRecord[]> {
    return this.untilLogged(labels.map((l) => l.predictionId), () => this.deps.labels.addLabels(labels, actor, options));
  }

  /** A prediction's labels, oldest first (empty when it has none yet); PREDICTION_NOT_FOUND when it is not logged. */
  async labelHistory(predictionId: string): Promise<LabelRecord[]> {
    const history = await this.deps.labels.labelHistory(predictionId);
    if (history.length > 0 || (await this.isLogged(predictionId))) return history;
    throw new PitstopError('PREDICTION_NOT_FOUND', `no logged prediction "${predictionId}"`, { field: 'prediction_id' });
  }

  /**
   * Stores many labels in batches, one transaction each, in order. A batch that fails stores nothing; the error names
   * the label at fault with `describe` and says how many labels earlier batches stored.
   */
  async importLabels(labels: readonly NewLabel[], actor: string, options: ImportOptions): Promise<ImportSummary> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    let stored = 0;
    let corrections = 0;
    let batches = 0;
    for (let start = 0; start < labels.length; start += batchSize) {
      let records: LabelRecord[];
      try {
        records = await this.addLabels(labels.slice(start, start + batchSize), actor, options);
      } catch (error) {
        throw inImport(error, start, stored, options.describe);
      }
      stored += records.length;
      corrections += records.filter((r) => r.supersedes !== null).length;
      batches += 1;
    }
    return { stored, corrections, batches };
  }

  private async isLogged(predictionId: string): Promise<boolean> {
    const find = async () => {
      if (await this.deps.predictions.getPrediction(predictionId)) return true;
      throw new PitstopError('PREDICTION_NOT_FOUND', `no logged prediction "${predictionId}"`, { field: 'prediction_id' });
    };
    return this.untilLogged([predictionId], find).catch((error: unknown) => {
      if (isPitstopError(error) && error.code === 'PREDICTION_NOT_FOUND') return false;
      throw error;
    });
  }

  /** Runs `attempt` until it stops failing with PREDICTION_NOT_FOUND or no id could still be on its way. */
  private async untilLogged<T>(predictionIds: readonly string[], attempt: () => Promise<T>): Promise<T> {
    const notFound = (error: unknown) => isPitstopError(error) && error.code === 'PREDICTION_NOT_FOUND';
    try {
      return await attempt();
    } catch (error) {
      if (!notFound(error)) throw error;
    }
    await this.deps.log?.flush();
    const deadline = Date.now() + (this.deps.waitForOtherReplicasMs ?? DEFAULT_WAIT_FOR_OTHER_REPLICAS_MS);
    const recent = predictionIds.some((id) => Date.now() - (ulidTime(id) ?? 0) < RECENT_PREDICTION_MS);
    for (;;) {
      try {
        return await attempt();
      } catch (error) {
        if (!notFound(error) || !recent || Date.now() >= deadline) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, RECHECK_EVERY_MS));
    }
  }
}

/** The batch's error, with the first label at fault named by its place in the whole import. */
function inImport(error: unknown, offset: number, stored: number, describe: (index: number) => string): unknown {
  const indexes = isPitstopError(error) ? (error.details?.indexes as number[] | undefined) : undefined;
  if (!isPitstopError(error) || indexes === undefined || indexes.length === 0) return error;
  const first = offset + indexes[0]!;
  const firstMessage = error.errors[0]?.message ?? error.message;
  const others = indexes.length > 1 ? ` (and ${indexes.length - 1} more in this batch)` : '';
  const kept = stored === 0 ? 'nothing was stored' : `the ${stored} labels before ${describe(offset)} were stored, none from there on`;
  return new PitstopError(error.code, `${describe(first)}: ${firstMessage}${others}; ${kept}`, {
    field: describe(first),
    cause: error,
    details: { ...error.details, indexes: indexes.map((i) => offset + i), stored },
  });
}
