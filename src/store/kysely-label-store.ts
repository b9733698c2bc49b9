// Labels over Kysely, on the same adapter as the other stores. Labels are appended, never changed: a correction is a
// new label that supersedes the latest one, so the labels table is its own audit trail (they are too frequent for
// the audit log, whose length is the servers' change revision).
import type { Kysely } from 'kysely';
import { PitstopError, type ErrorCode } from '../errors/index.js';
import type { Database } from './database-schema.js';
import type { LabelsTable } from './feedback-tables.js';
import type { KyselyStoreSession } from './kysely-store-session.js';
import type { LabelledPrediction, LabelledPredictionQuery, LabelQuery, LabelRecord, LabelValue, NewLabel } from './label-records.js';
import { toPredictionRecord } from './row-mappers.js';

export interface LabelStore {
  /**
   * Stores labels in one transaction. Every id must be a logged prediction (PREDICTION_NOT_FOUND naming each missing
   * one as `labels[i].prediction_id`); a prediction that already has a label, or is named twice, is LABEL_CONFLICT,
   * unless `correct`, in which case the new label supersedes the latest one (a correction of an unlabelled prediction
   * is simply its first label). On any error nothing is stored. Returns the labels in the order given.
   */
  addLabels(labels: readonly NewLabel[], actor: string, options?: { readonly correct?: boolean }): Promise<LabelRecord[]>;
  /** Every label of a prediction, oldest first; empty when it has none (or is not logged). */
  labelHistory(predictionId: string): Promise<LabelRecord[]>;
  /** The predictions of a model (optionally a version) made in [from, to) that have a label, each with its latest label, ordered by prediction id. */
  labelledPredictions(query: LabelledPredictionQuery): Promise<LabelledPrediction[]>;
  /** How many predictions of a model (optionally a version) made in [from, to) have a label; corrections do not count twice. */
  countLabels(query: LabelQuery): Promise<number>;
}

/** Ids per statement: well under SQLite's and PostgreSQL's parameter limits, whatever the batch size. */
const CHUNK = 500;
/** Field errors listed in one problem; the message counts the rest. */
const MAX_LISTED = 100;

export class KyselyLabelStore implements LabelStore {
  constructor(private readonly session: KyselyStoreSession) {}

  async addLabels(labels: readonly NewLabel[], actor: string, options: { readonly correct?: boolean } = {}): Promise<LabelRecord[]> {
    checkLabels(labels);
    if (labels.length === 0) return [];
    const ids = labels.map((l) => l.predictionId).sort();
    return this.session.write(async (trx) => {
      // Writers labelling the same prediction take turns, so both cannot see "no label yet" and each add a first one.
      await this.session.adapter.lockPredictions(trx, ids);
      const logged = new Set<string>();
      for (const chunk of chunks(ids)) {
        for (const row of await trx.selectFrom('predictions').select('id').where('id', 'in', chunk).execute()) logged.add(row.id);
      }
      const missing = indexesWhere(labels, (l) => !logged.has(l.predictionId));
      if (missing.length > 0) throw labelsError('PREDICTION_NOT_FOUND', labels, missing, (l) => `no logged prediction "${l.predictionId}"`);

      const latest = await latestLabelIds(trx, ids);
      if (!options.correct) {
        const labelled = indexesWhere(labels, (l) => latest.has(l.predictionId));
        if (labelled.length > 0) {
          throw labelsError('LABEL_CONFLICT', labels, labelled, (l) => `prediction "${l.predictionId}" already has label ${latest.get(l.predictionId)}; send the new one as a correction to supersede it`);
        }
      }
      const at = this.session.now();
      const rows = labels.map((l) => ({
        prediction_id: l.predictionId, actual: JSON.stringify(l.actual), labelled_at: at, labelled_by: actor,
        supersedes: latest.get(l.predictionId) ?? null, reason: l.reason ?? null,
      }));
      const newIds = new Map<string, number>();
      for (const chunk of chunks(rows)) {
        for (const row of await trx.insertInto('labels').values(chunk).returning(['id', 'prediction_id']).execute()) newIds.set(row.prediction_id, Number(row.id));
      }
      return rows.map((row) => toLabelRecord({ ...row, id: newIds.get(row.prediction_id)! }));
    });
  }

  async labelHistory(predictionId: string): Promise<LabelRecord[]> {
    const rows = await this.session.read((db) => db.selectFrom('labels').selectAll().where('prediction_id', '=', predictionId).orderBy('id').execute());
    return rows.map(toLabelRecord);
  }

  async labelledPredictions(query: LabelledPredictionQuery): Promise<LabelledPrediction[]> {
    const rows = await this.session.read((db) => {
      let select = latestLabelled(db, query)
        .selectAll('p')
        .select(['l.id as label_id', 'l.actual', 'l.labelled_at', 'l.labelled_by', 'l.supersedes', 'l.reason']);
      if (query.afterId !== undefined) select = select.where('p.id', '>', query.afterId);
      select = select.orderBy('p.id');
      if (query.limit !== undefined) select = select.limit(query.limit);
      return select.execute();
    });
    return rows.map((row) => ({
      prediction: toPredictionRecord(row),
      label: toLabelRecord({ id: row.label_id, prediction_id: row.id, actual: row.actual, labelled_at: row.labelled_at, labelled_by: row.labelled_by, supersedes: row.supersedes, reason: row.reason }),
    }));
  }

  async countLabels(query: LabelQuery): Promise<number> {
    const row = await this.session.read((db) => latestLabelled(db, query).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow());
    return Number(row.n);
  }
}

/** The model's predictions in the range joined to their latest label (one row per labelled prediction). */
function latestLabelled(db: Kysely<Database>, query: LabelQuery) {
  let select = db
    .selectFrom('predictions as p')
    .innerJoin('labels as l', 'l.prediction_id', 'p.id')
    .where('p.model', '=', query.model)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('labels as s').select('s.id').whereRef('s.supersedes', '=', 'l.id'))));
  if (query.version !== undefined) select = select.where('p.version', '=', query.version);
  if (query.from !== undefined) select = select.where('p.at', '>=', query.from);
  if (query.to !== undefined) select = select.where('p.at', '<', query.to);
  return select;
}

/** The id of each prediction's latest label (the one nothing supersedes), for those that have one. */
async function latestLabelIds(trx: Kysely<Database>, predictionIds: readonly string[]): Promise<Map<string, number>> {
  const latest = new Map<string, number>();
  for (const chunk of chunks(predictionIds)) {
    const rows = await trx
      .selectFrom('labels as l')
      .select(['l.id', 'l.prediction_id'])
      .where('l.prediction_id', 'in', chunk)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('labels as s').select('s.id').whereRef('s.supersedes', '=', 'l.id'))))
      .execute();
    for (const row of rows) latest.set(row.prediction_id, Number(row.id));
  }
  return latest;
}

/** Refuses, before touching the database, what no database state could make right. */
function checkLabels(labels: readonly NewLabel[]): void {
  const problems: { index: number; field: string; message: string }[] = [];
  const firstIndex = new Map<string, number>();
  labels.forEach((label, index) => {
    if (typeof label.predictionId !== 'string' || label.predictionId === '') {
      problems.push({ index, field: 'prediction_id', message: 'must be a non-empty prediction id' });
    }
    if (!isLabelValue(label.actual)) {
      problems.push({ index, field: 'actual', message: `must be a string, a finite number or a boolean, not ${JSON.stringify(label.actual) ?? String(label.actual)}` });
    }
    if (label.reason !== undefined && typeof label.reason !== 'string') problems.push({ index, field: 'reason', message: 'must be text' });
  });
  if (problems.length > 0) {
    const errors = problems.slice(0, MAX_LISTED).map((p) => ({ field: `labels[${p.index}].${p.field}`, message: p.message }));
    throw new PitstopError('VALIDATION_FAILED', `${errors[0]!.field} ${errors[0]!.message}${more(problems.length)}`, { field: errors[0]!.field, errors, details: { indexes: problems.map((p) => p.index) } });
  }
  const repeated: number[] = [];
  labels.forEach((label, index) => {
    if (firstIndex.has(label.predictionId)) repeated.push(index);
    else firstIndex.set(label.predictionId, index);
  });
  if (repeated.length > 0) {
    throw labelsError('LABEL_CONFLICT', labels, repeated, (l) => `prediction "${l.predictionId}" is labelled twice in one batch (first as labels[${firstIndex.get(l.predictionId)}]); send one label per prediction`);
  }
}

function isLabelValue(value: unknown): value is LabelValue {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/** One error for the labels at `indexes`, each named as `labels[i].prediction_id`; `details` carries every index. */
function labelsError(code: ErrorCode, labels: readonly NewLabel[], indexes: readonly number[], message: (label: NewLabel) => string): PitstopError {
  const errors = indexes.slice(0, MAX_LISTED).map((i) => ({ field: `labels[${i}].prediction_id`, message: message(labels[i]!) }));
  return new PitstopError(code, `${errors[0]!.message}${more(indexes.length)}`, {
    field: errors[0]!.field,
    errors,
    details: { indexes: [...indexes], predictionIds: indexes.map((i) => labels[i]!.predictionId) },
  });
}

function more(count: number): string {
  return count > 1 ? ` (and ${count - 1} more)` : '';
}

function indexesWhere<T>(items: readonly T[], predicate: (item: T) => boolean): number[] {
  return items.flatMap((item, index) => (predicate(item) ? [index] : []));
}

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += CHUNK) result.push(items.slice(start, start + CHUNK));
  return result;
}

function toLabelRecord(row: Omit<LabelsTable, 'id'> & { id: number }): LabelRecord {
  return {
    id: Number(row.id), predictionId: row.prediction_id, actual: JSON.parse(row.actual) as LabelValue, at: row.labelled_at,
    actor: row.labelled_by, supersedes: row.supersedes === null ? null : Number(row.supersedes), reason: row.reason,
  };
}
