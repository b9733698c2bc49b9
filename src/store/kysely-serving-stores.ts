// The serving stores (API keys, traffic, prediction log, change feed), written once over Kysely on the same DialectAdapter
// as the MetadataStore; the few dialect differences come from the adapter.
import { sql, type Kysely } from 'kysely';
import { PitstopError } from '../errors/index.js';
import type { Database } from './database-schema.js';
import type { DialectAdapter } from './dialect-adapter.js';
import { KyselyStoreSession, type Clock } from './kysely-store-session.js';
import { toApiKeyRecord, toPredictionRecord, toPredictionRow, toTrafficPolicy } from './row-mappers.js';
import { ROLES, type ApiKeyRecord, type ModelActivity, type PredictionQuery, type PredictionRecord, type Role, type TrafficPolicy } from './serving-records.js';
import type { ApiKeyStore, ChangeFeed, PredictionLogStore, TrafficStore } from './serving-stores.js';
import { expireLogBefore, prepareLogPartitions, readByLoggedId } from './day-partitioned-log.js';

export interface ServingStores {
  readonly keys: ApiKeyStore;
  readonly traffic: TrafficStore;
  readonly predictions: PredictionLogStore;
  readonly changes: ChangeFeed;
}

export function createServingStores(adapter: DialectAdapter, clock: Clock = () => new Date()): ServingStores {
  const session = new KyselyStoreSession(adapter, clock);
  return {
    keys: new KyselyApiKeyStore(session),
    traffic: new KyselyTrafficStore(session),
    predictions: new KyselyPredictionLogStore(session),
    changes: new KyselyChangeFeed(session),
  };
}

class KyselyApiKeyStore implements ApiKeyStore {
  constructor(private readonly session: KyselyStoreSession) {}

  async createKey(key: Omit<ApiKeyRecord, 'createdAt' | 'revokedAt' | 'person'> & { person?: string }): Promise<ApiKeyRecord> {
    if (!(ROLES as readonly string[]).includes(key.role)) {
      throw new PitstopError('VALIDATION_FAILED', `unknown role "${key.role}"; roles: ${ROLES.join(', ')}`, { field: 'role' });
    }
    if (key.rateLimit !== null && !(Number.isFinite(key.rateLimit) && key.rateLimit > 0)) {
      throw new PitstopError('VALIDATION_FAILED', `a rate limit must be a positive number of requests per second, not ${key.rateLimit}`, { field: 'rateLimit' });
    }
    return this.session.write(async (trx) => {
      const existing = await trx.selectFrom('api_keys').select('id').where('id', '=', key.id).executeTakeFirst();
      if (existing) throw new PitstopError('VALIDATION_FAILED', `an API key with id ${key.id} already exists`, { field: 'id' });
      const record: ApiKeyRecord = {
        id: key.id, name: key.name, role: key.role, secretHash: key.secretHash, salt: key.salt,
        createdBy: key.createdBy, createdAt: this.session.now(), revokedAt: null, rateLimit: key.rateLimit, person: key.person ?? key.id,
      };
      await trx.insertInto('people').values({ name: record.person, created_by: record.createdBy, created_at: record.createdAt }).onConflict((oc) => oc.column('name').doNothing()).execute();
      await trx
        .insertInto('api_keys')
        .values({
          id: record.id, name: record.name, role: record.role, secret_hash: record.secretHash, salt: record.salt,
          created_by: record.createdBy, created_at: record.createdAt, revoked_at: null, rate_limit: record.rateLimit, person: record.person,
        })
        .execute();
      // The audit trail names the key, never its hash or salt.
      await this.session.appendAudit(trx, keyEvent('key.created', record.createdBy, record));
      return record;
    });
  }

  async getKey(id: string): Promise<ApiKeyRecord | undefined> {
    const row = await this.session.read((db) => db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst());
    return row && toApiKeyRecord(row);
  }

  async listKeys(): Promise<ApiKeyRecord[]> {
    const rows = await this.session.read((db) => db.selectFrom('api_keys').selectAll().orderBy('created_at').orderBy('id').execute());
    return rows.map(toApiKeyRecord);
  }

  revokeKey(id: string, actor: string): Promise<boolean> {
    return this.session.write(async (trx) => {
      const revoked = await trx
        .updateTable('api_keys')
        .set({ revoked_at: this.session.now() })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (!revoked) return false;
      await this.session.appendAudit(trx, keyEvent('key.revoked', actor, toApiKeyRecord(revoked)));
      return true;
    });
  }

  /** Active (unrevoked) keys, optionally of one role: what can still authenticate. */
  async countKeys(role?: Role): Promise<number> {
    const row = await this.session.read((db) => {
      let query = db.selectFrom('api_keys').select((eb) => eb.fn.countAll().as('n')).where('revoked_at', 'is', null);
      if (role !== undefined) query = query.where('role', '=', role);
      return query.executeTakeFirstOrThrow();
    });
    return Number(row.n);
  }
}

function keyEvent(action: 'key.created' | 'key.revoked', actor: string, key: ApiKeyRecord) {
  return { actor, action, model: null, version: null, fromStage: null, toStage: null, reason: null, details: { id: key.id, name: key.name, role: key.role, person: key.person } };
}

type Split = TrafficPolicy['canary'];

class KyselyTrafficStore implements TrafficStore {
  constructor(private readonly session: KyselyStoreSession) {}

  async getTraffic(model: string): Promise<TrafficPolicy | undefined> {
    const row = await this.session.read((db) => this.policies(db).where('m.name', '=', model).executeTakeFirst());
    return row && toTrafficPolicy(row);
  }

  async listTraffic(): Promise<TrafficPolicy[]> {
    const rows = await this.session.read((db) => this.policies(db).orderBy('m.name').execute());
    return rows.map(toTrafficPolicy);
  }

  /** A cleared policy (both splits null) is kept, so who cleared it and when stays visible. */
  async setTraffic(model: string, policy: Pick<TrafficPolicy, 'canary' | 'shadow'>, actor: string): Promise<TrafficPolicy> {
    const canary = validSplit('canary', policy.canary);
    const shadow = validSplit('shadow', policy.shadow);
    return this.session.write(async (trx) => {
      const modelRow = await trx.selectFrom('models').select('id').where('name', '=', model).executeTakeFirst();
      if (!modelRow) throw new PitstopError('MODEL_NOT_FOUND', `no model named "${model}" is registered`, { field: 'model' });
      await this.session.adapter.lockModel(trx, modelRow.id);
      for (const [field, split] of [['canary', canary], ['shadow', shadow]] as const) {
        if (!split) continue;
        const target = await trx.selectFrom('model_versions').select('stage').where('model_id', '=', modelRow.id).where('version', '=', split.version).executeTakeFirst();
        if (!target) throw new PitstopError('VERSION_NOT_FOUND', `model "${model}" has no version ${split.version} (${field})`, { field: `${field}.version` });
        // Production already takes the rest of the traffic, and an archived package is in cold storage, not servable.
        if (target.stage === 'production' || target.stage === 'archived') {
          throw new PitstopError('VALIDATION_FAILED', `v${split.version} of "${model}" is ${target.stage}; a ${field} must be another version that can be served (registered, staging or decommissioned)`, { field: `${field}.version` });
        }
      }
      const now = this.session.now();
      const columns = {
        canary_version: canary?.version ?? null, canary_percent: canary?.percent ?? null,
        shadow_version: shadow?.version ?? null, shadow_percent: shadow?.percent ?? null,
        updated_by: actor, updated_at: now,
      };
      await trx
        .insertInto('traffic_policies')
        .values({ model_id: modelRow.id, ...columns })
        .onConflict((oc) => oc.column('model_id').doUpdateSet(columns))
        .execute();
      await this.session.appendAudit(trx, { actor, action: 'traffic.set', model, version: null, fromStage: null, toStage: null, reason: null, details: { canary, shadow } });
      return { model, canary, shadow, updatedBy: actor, updatedAt: now };
    });
  }

  private policies(db: Kysely<Database>) {
    return db.selectFrom('traffic_policies as t').innerJoin('models as m', 'm.id', 't.model_id').selectAll('t').select('m.name as model_name');
  }
}

/** A copy of the split holding only its two fields, or a VALIDATION_FAILED naming the bad one. */
function validSplit(field: 'canary' | 'shadow', split: Split): Split {
  if (split === null) return null;
  if (!Number.isInteger(split.version) || split.version < 1) {
    throw new PitstopError('VALIDATION_FAILED', `${field} version must be a positive integer, not ${split.version}`, { field: `${field}.version` });
  }
  if (!Number.isFinite(split.percent) || split.percent < 0 || split.percent > 100) {
    throw new PitstopError('VALIDATION_FAILED', `${field} percent must be between 0 and 100, not ${split.percent}`, { field: `${field}.percent` });
  }
  return { version: split.version, percent: split.percent };
}

class KyselyChangeFeed implements ChangeFeed {
  constructor(private readonly session: KyselyStoreSession) {}

  /**
   * The number of audit events: every registry and traffic change is audited and the table is append-only, so this
   * grows with each committed change. Not max(id): on PostgreSQL ids are taken before commit, so a transaction that
   * commits late can add an event below the maximum a poller has already seen.
   */
  async currentRevision(): Promise<number> {
    const row = await this.session.read((db) => db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow());
    return Number(row.n);
  }

  subscribe(onChange: () => void): Promise<(() => Promise<void>) | null> {
    return this.session.adapter.subscribeToChanges(onChange);
  }
}

/** The log keeps answered predictions in its journal and retries, so it need not wait long for a lock (see WriteOptions). */
const PREDICTION_LOCK_WAIT_MS = 200;

/** Rows per INSERT: 11 parameters each keeps a statement well under SQLite's and PostgreSQL's parameter limits. */
const INSERT_CHUNK_ROWS = 500;

type PredictionFilter = Omit<PredictionQuery, 'limit' | 'afterId' | 'beforeId' | 'newestFirst'>;

class KyselyPredictionLogStore implements PredictionLogStore {
  constructor(private readonly session: KyselyStoreSession) {}

  async insertPredictions(records: readonly PredictionRecord[]): Promise<void> {
    if (records.length === 0) return;
    const rows = records.map(toPredictionRow);
    // One transaction for the whole batch: a spool file is either entirely in the database or still to replay.
    await this.session.write(async (trx) => {
      for (let start = 0; start < rows.length; start += INSERT_CHUNK_ROWS) {
        await trx
          .insertInto('predictions')
          .values(rows.slice(start, start + INSERT_CHUNK_ROWS))
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    }, { lockWaitMs: PREDICTION_LOCK_WAIT_MS });
  }

  async getPrediction(id: string): Promise<PredictionRecord | undefined> {
    const row = await readByLoggedId(this.session, id, (db, days) => {
      const byId = db.selectFrom('predictions').selectAll().where('id', '=', id);
      return (days ? byId.where('at', '>=', days.from).where('at', '<', days.to) : byId).executeTakeFirst();
    });
    return row && toPredictionRecord(row);
  }

  async listRun(runId: string): Promise<PredictionRecord[]> {
    const rows = await this.session.read((db) => db.selectFrom('predictions').selectAll().where('run_id', '=', runId).orderBy('run_index').execute());
    return rows.map(toPredictionRecord);
  }

  /** Oldest id first (unless newestFirst); without a limit, every matching prediction. */
  async listPredictions(query: PredictionQuery = {}): Promise<PredictionRecord[]> {
    const rows = await this.session.read((db) => {
      let select = filtered(db, this.session.adapter, query).selectAll();
      if (query.afterId !== undefined) select = select.where('id', '>', query.afterId);
      if (query.beforeId !== undefined) select = select.where('id', '<', query.beforeId);
      select = select.orderBy('id', query.newestFirst ? 'desc' : 'asc');
      if (query.limit !== undefined) select = select.limit(query.limit);
      return select.execute();
    });
    return rows.map(toPredictionRecord);
  }

  async countPredictions(query: PredictionFilter = {}): Promise<number> {
    const row = await this.session.read((db) => filtered(db, this.session.adapter, query).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow());
    return Number(row.n);
  }

  async modelActivity(models: readonly string[], since: string): Promise<ModelActivity[]> {
    if (models.length === 0) return [];
    // cume_dist() is a window function both dialects have: the p99 is the smallest latency at or past 99% of the rows.
    const rows = await this.session.read(async (db) => {
      const ranked = db
        .selectFrom('predictions')
        .select(['model', 'latency_ms', sql<number>`cume_dist() over (partition by model order by latency_ms)`.as('rank')])
        .where('model', 'in', [...models])
        .where('at', '>=', since)
        .where('route', '<>', 'shadow');
      return db
        .selectFrom(ranked.as('r'))
        .select(['r.model', (eb) => eb.fn.countAll().as('n'), sql<number | null>`min(case when r.rank >= 0.99 then r.latency_ms end)`.as('p99')])
        .groupBy('r.model')
        .execute();
    });
    return rows.map((r) => ({ model: r.model, predictions: Number(r.n), p99LatencyMs: r.p99 === null ? null : Number(r.p99) }));
  }

  expirePredictionsBefore(before: string): Promise<number> {
    return expireLogBefore(this.session, 'predictions', before, { lockWaitMs: PREDICTION_LOCK_WAIT_MS });
  }

  preparePartitions(now: Date): Promise<void> {
    return prepareLogPartitions(this.session, 'predictions', now);
  }
}

/** Predictions matching the filter; `from` is inclusive and `to` exclusive, as for the audit log. */
function filtered(db: Kysely<Database>, adapter: DialectAdapter, query: PredictionFilter) {
  let select = db.selectFrom('predictions');
  if (query.id !== undefined) select = select.where('id', '=', query.id);
  if (query.model !== undefined) select = select.where('model', '=', query.model);
  if (query.version !== undefined) select = select.where('version', '=', query.version);
  if (query.from !== undefined) select = select.where('at', '>=', query.from);
  if (query.to !== undefined) select = select.where('at', '<', query.to);
  if (query.feature !== undefined) {
    const value = adapter.jsonText('input', query.feature);
    select = query.value === undefined ? select.where(value, 'is not', null) : select.where(value, '=', query.value);
  }
  if (query.label !== undefined) select = select.where(adapter.jsonText('output', 'label'), '=', query.label);
  if (query.minValue !== undefined) select = select.where(adapter.jsonNumber('output', 'value'), '>=', query.minValue);
  if (query.maxValue !== undefined) select = select.where(adapter.jsonNumber('output', 'value'), '<=', query.maxValue);
  return select;
}
