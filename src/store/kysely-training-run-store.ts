// Experiment runs over Kysely, on the same adapter as the other stores. Runs are facts about the past: written once, never updated.
import { PitstopError } from '../errors/index.js';
import type { TrainingRunsTable } from './database-schema.js';
import type { KyselyStoreSession } from './kysely-store-session.js';
import { RUN_STATUSES, type RunStatus, type TrainingRunQuery, type TrainingRunRecord } from './training-records.js';

export interface TrainingRunStore {
  /** Records a finished run; an id already recorded is VALIDATION_FAILED. */
  recordRun(run: TrainingRunRecord): Promise<TrainingRunRecord>;
  getRun(id: string): Promise<TrainingRunRecord | undefined>;
  /** Newest first. */
  listRuns(query?: TrainingRunQuery): Promise<TrainingRunRecord[]>;
}

export class KyselyTrainingRunStore implements TrainingRunStore {
  constructor(private readonly session: KyselyStoreSession) {}

  async recordRun(run: TrainingRunRecord): Promise<TrainingRunRecord> {
    if (!(RUN_STATUSES as readonly string[]).includes(run.status)) {
      throw new PitstopError('VALIDATION_FAILED', `unknown run status "${run.status}"; statuses: ${RUN_STATUSES.join(', ')}`, { field: 'status' });
    }
    return this.session.write(async (trx) => {
      const existing = await trx.selectFrom('training_runs').select('id').where('id', '=', run.id).executeTakeFirst();
      if (existing) throw new PitstopError('VALIDATION_FAILED', `a training run with id ${run.id} already exists`, { field: 'id' });
      await trx.insertInto('training_runs').values(toRow(run)).execute();
      return run;
    });
  }

  async getRun(id: string): Promise<TrainingRunRecord | undefined> {
    const row = await this.session.read((db) => db.selectFrom('training_runs').selectAll().where('id', '=', id).executeTakeFirst());
    return row && toRecord(row);
  }

  async listRuns(query: TrainingRunQuery = {}): Promise<TrainingRunRecord[]> {
    const rows = await this.session.read((db) => {
      let select = db.selectFrom('training_runs').selectAll().orderBy('id', 'desc');
      if (query.model !== undefined) select = select.where('model', '=', query.model);
      if (query.limit !== undefined) select = select.limit(query.limit);
      return select.execute();
    });
    return rows.map(toRecord);
  }
}

function toRow(run: TrainingRunRecord): TrainingRunsTable {
  return {
    id: run.id, model: run.model, algorithm: run.algorithm, status: run.status,
    params: JSON.stringify(run.params), metrics: JSON.stringify(run.metrics), dataset: JSON.stringify(run.dataset),
    seed: run.seed, duration_ms: run.durationMs, package_digest: run.packageDigest, package_path: run.packagePath,
    error: run.error, created_by: run.createdBy, started_at: run.startedAt, finished_at: run.finishedAt,
  };
}

function toRecord(row: TrainingRunsTable): TrainingRunRecord {
  return {
    id: row.id, model: row.model, algorithm: row.algorithm, status: row.status as RunStatus,
    params: JSON.parse(row.params) as TrainingRunRecord['params'],
    metrics: JSON.parse(row.metrics) as TrainingRunRecord['metrics'],
    dataset: JSON.parse(row.dataset) as TrainingRunRecord['dataset'],
    seed: Number(row.seed), durationMs: Number(row.duration_ms), packageDigest: row.package_digest, packagePath: row.package_path,
    error: row.error, createdBy: row.created_by, startedAt: row.started_at, finishedAt: row.finished_at,
  };
}
