// Storage interfaces for serving, in the serving layer's words. Implemented over Kysely for SQLite and PostgreSQL.
import type { ApiKeyRecord, ModelActivity, PredictionQuery, PredictionRecord, Role, TrafficPolicy } from './serving-records.js';

export interface ApiKeyStore {
  /** Creates a key for `person` (default: a person of its own, named by the key's id), recording the person if new. */
  createKey(key: Omit<ApiKeyRecord, 'createdAt' | 'revokedAt' | 'person'> & { person?: string }): Promise<ApiKeyRecord>;
  getKey(id: string): Promise<ApiKeyRecord | undefined>;
  listKeys(): Promise<ApiKeyRecord[]>;
  /** Marks a key revoked (kept for the audit trail); returns false when no such active key exists. */
  revokeKey(id: string, actor: string): Promise<boolean>;
  countKeys(role?: Role): Promise<number>;
}

export interface TrafficStore {
  getTraffic(model: string): Promise<TrafficPolicy | undefined>;
  listTraffic(): Promise<TrafficPolicy[]>;
  /** Sets canary and shadow for a model (null clears one), with an audit event. */
  setTraffic(model: string, policy: Pick<TrafficPolicy, 'canary' | 'shadow'>, actor: string): Promise<TrafficPolicy>;
}

export interface PredictionLogStore {
  /** Inserts a batch; ids already present are ignored, so replaying a spool never duplicates a prediction. */
  insertPredictions(records: readonly PredictionRecord[]): Promise<void>;
  getPrediction(id: string): Promise<PredictionRecord | undefined>;
  /** The predictions one model run answered, in their order in the run. */
  listRun(runId: string): Promise<PredictionRecord[]>;
  listPredictions(query?: PredictionQuery): Promise<PredictionRecord[]>;
  countPredictions(query?: Omit<PredictionQuery, 'limit' | 'afterId' | 'beforeId' | 'newestFirst'>): Promise<number>;
  /** Per model of `models` that logged any since `since`: how many predictions (not shadow copies) and their p99 latency; one query. */
  modelActivity(models: readonly string[], since: string): Promise<ModelActivity[]>;
  /**
   * Deletes the predictions made before `before` (retention); returns how many went. PostgreSQL's log goes by whole
   * days: a day's partition is dropped once all of it is older than `before`, so a row may stay up to a day longer.
   */
  expirePredictionsBefore(before: string): Promise<number>;
  /** Readies the log for the days around `now` (PostgreSQL: creates the day partitions ahead; elsewhere nothing). */
  preparePartitions(now: Date): Promise<void>;
}

/**
 * A monotonically increasing number that changes whenever anything the server must react to changes
 * (a stage move, a traffic change, an alias); servers poll it to notice registry changes cheaply.
 */
export interface ChangeFeed {
  currentRevision(): Promise<number>;
  /** Pushes "something changed" as it commits; null where only polling works. See DialectAdapter.subscribeToChanges. */
  subscribe(onChange: () => void): Promise<(() => Promise<void>) | null>;
}
