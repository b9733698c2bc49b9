// Rule-set versions and the decision log over Kysely.
import { createHash } from 'node:crypto';
import { PitstopError } from '../errors/index.js';
import type { AppTables } from './app-tables.js';
import type { DecisionQuery, DecisionRecord, RuleSetSummary, RuleSetVersion } from './app-records.js';
import type { KyselyStoreSession } from './kysely-store-session.js';
import { expireLogBefore, prepareLogPartitions, readByLoggedId } from './day-partitioned-log.js';

export interface RuleSetStore {
  /** Stores the source as the rule set's next version (1, 2, ...), with a `rules.deployed` audit event. */
  deploy(name: string, source: string, description: string | null, actor: string): Promise<RuleSetVersion>;
  /** A version, or the latest when `version` is absent. */
  get(name: string, version?: number): Promise<RuleSetVersion | undefined>;
  /** Every version of a rule set, oldest first. */
  versions(name: string): Promise<RuleSetVersion[]>;
  /** The latest version of every rule set, by name. */
  list(): Promise<RuleSetSummary[]>;
}

export interface DecisionLogStore {
  /** Ids already present are ignored, so replaying a journal never duplicates a decision. */
  insertDecisions(records: readonly DecisionRecord[]): Promise<void>;
  getDecision(id: string): Promise<DecisionRecord | undefined>;
  listDecisions(query?: DecisionQuery): Promise<DecisionRecord[]>;
  /** The decisions that called a model for these predictions (an auditor's "which rule decided this?"). */
  decisionsForPredictions(predictionIds: readonly string[]): Promise<DecisionRecord[]>;
  /** Deletes the decisions made before `before` (retention); PostgreSQL's log goes by whole days, like predictions. */
  expireDecisionsBefore(before: string): Promise<number>;
  /** Readies the log for the days around `now` (PostgreSQL: creates the day partitions ahead; elsewhere nothing). */
  preparePartitions(now: Date): Promise<void>;
}

const INSERT_CHUNK_ROWS = 200;

export class KyselyRuleSetStore implements RuleSetStore {
  constructor(private readonly session: KyselyStoreSession) {}

  async deploy(name: string, source: string, description: string | null, actor: string): Promise<RuleSetVersion> {
    const digest = createHash('sha256').update(source).digest('hex');
    const deployedAt = this.session.now();
    const version = await this.session.write(async (trx) => {
      // The write transaction serialises deployers (SQLite: one writer; PostgreSQL: the primary key refuses a duplicate).
      const latest = await trx.selectFrom('rule_sets').select((eb) => eb.fn.max('version').as('version')).where('name', '=', name).executeTakeFirst();
      const next = Number(latest?.version ?? 0) + 1;
      await trx.insertInto('rule_sets').values({ name, version: next, source, digest, description, deployed_by: actor, deployed_at: deployedAt }).execute();
      await this.session.appendAudit(trx, { actor, action: 'rules.deployed', model: null, version: null, fromStage: null, toStage: null, reason: description, details: { ruleSet: name, version: next, digest } });
      return next;
    });
    return { name, version, source, digest, description, deployedBy: actor, deployedAt };
  }

  async get(name: string, version?: number): Promise<RuleSetVersion | undefined> {
    const row = await this.session.read((db) => {
      let query = db.selectFrom('rule_sets').selectAll().where('name', '=', name);
      query = version === undefined ? query.orderBy('version', 'desc').limit(1) : query.where('version', '=', version);
      return query.executeTakeFirst();
    });
    return row && toRuleSet(row);
  }

  async versions(name: string): Promise<RuleSetVersion[]> {
    const rows = await this.session.read((db) => db.selectFrom('rule_sets').selectAll().where('name', '=', name).orderBy('version').execute());
    return rows.map(toRuleSet);
  }

  async list(): Promise<RuleSetSummary[]> {
    const rows = await this.session.read((db) =>
      db.selectFrom('rule_sets as r').selectAll('r')
        .where('r.version', '=', (eb) => eb.selectFrom('rule_sets as l').select((l) => l.fn.max('l.version').as('v')).whereRef('l.name', '=', 'r.name'))
        .orderBy('r.name').execute(),
    );
    return rows.map((r) => ({ name: r.name, latestVersion: Number(r.version), description: r.description, deployedBy: r.deployed_by, deployedAt: r.deployed_at }));
  }
}

export class KyselyDecisionLogStore implements DecisionLogStore {
  constructor(private readonly session: KyselyStoreSession) {}

  async insertDecisions(records: readonly DecisionRecord[]): Promise<void> {
    if (records.length === 0) return;
    const rows = records.map(toDecisionRow);
    await this.session.write(async (trx) => {
      for (let start = 0; start < rows.length; start += INSERT_CHUNK_ROWS) {
        await trx.insertInto('decisions').values(rows.slice(start, start + INSERT_CHUNK_ROWS)).onConflict((oc) => oc.doNothing()).execute();
      }
    }, { lockWaitMs: 200, retryOnConnectionLoss: false }); // the decision journal keeps the records and retries
  }

  async getDecision(id: string): Promise<DecisionRecord | undefined> {
    const row = await readByLoggedId(this.session, id, (db, days) => {
      const byId = db.selectFrom('decisions').selectAll().where('id', '=', id);
      return (days ? byId.where('at', '>=', days.from).where('at', '<', days.to) : byId).executeTakeFirst();
    });
    return row && toDecision(row);
  }

  expireDecisionsBefore(before: string): Promise<number> {
    return expireLogBefore(this.session, 'decisions', before, { lockWaitMs: 200, retryOnConnectionLoss: false });
  }

  preparePartitions(now: Date): Promise<void> {
    return prepareLogPartitions(this.session, 'decisions', now);
  }

  decisionsForPredictions(predictionIds: readonly string[]): Promise<DecisionRecord[]> {
    return decisionsForPredictionIds(this.session, predictionIds);
  }

  async listDecisions(query: DecisionQuery = {}): Promise<DecisionRecord[]> {
    const rows = await this.session.read((db) => {
      let select = db.selectFrom('decisions').selectAll();
      if (query.app !== undefined) select = select.where('app', '=', query.app);
      if (query.from !== undefined) select = select.where('at', '>=', query.from);
      if (query.to !== undefined) select = select.where('at', '<', query.to);
      select = select.orderBy('id', query.newestFirst ? 'desc' : 'asc');
      if (query.limit !== undefined) select = select.limit(query.limit);
      return select.execute();
    });
    return rows.map(toDecision);
  }
}

export async function decisionsForPredictionIds(session: KyselyStoreSession, predictionIds: readonly string[]): Promise<DecisionRecord[]> {
  const found: DecisionRecord[] = [];
  for (let start = 0; start < predictionIds.length; start += 500) {
    const chunk = predictionIds.slice(start, start + 500);
    const rows = await session.read((db) => db.selectFrom('decisions').selectAll().where('prediction_id', 'in', chunk).orderBy('id').execute());
    found.push(...rows.map(toDecision));
  }
  return found;
}

function toRuleSet(row: AppTables['rule_sets']): RuleSetVersion {
  return { name: row.name, version: Number(row.version), source: row.source, digest: row.digest, description: row.description, deployedBy: row.deployed_by, deployedAt: row.deployed_at };
}

function toDecisionRow(r: DecisionRecord): AppTables['decisions'] {
  if (!r.id) throw new PitstopError('INTERNAL', 'a decision record needs an id');
  return {
    id: r.id, at: r.at, app: r.app, rule_set_version: r.ruleSetVersion, rule_id: r.ruleId, kind: r.kind, applied: JSON.stringify(r.applied),
    request: JSON.stringify(r.request ?? null), features: JSON.stringify(r.features ?? null), headers: JSON.stringify(r.headers), output: JSON.stringify(r.output ?? null),
    model: r.model, model_version: r.modelVersion, prediction_id: r.predictionId, model_output: JSON.stringify(r.modelOutput ?? null), caller: r.caller, latency_ms: r.latencyMs,
  };
}

function toDecision(row: AppTables['decisions']): DecisionRecord {
  return {
    id: row.id, at: row.at, app: row.app, ruleSetVersion: Number(row.rule_set_version), ruleId: row.rule_id, kind: row.kind as DecisionRecord['kind'],
    applied: JSON.parse(row.applied) as string[], request: JSON.parse(row.request), features: JSON.parse(row.features), headers: JSON.parse(row.headers) as Record<string, string>,
    output: JSON.parse(row.output), model: row.model, modelVersion: row.model_version === null ? null : Number(row.model_version), predictionId: row.prediction_id,
    modelOutput: JSON.parse(row.model_output), caller: row.caller, latencyMs: Number(row.latency_ms),
  };
}
