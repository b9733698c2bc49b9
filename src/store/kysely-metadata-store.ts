// The MetadataStore, written once over Kysely; dialect differences come from the DialectAdapter.
import type { Kysely } from 'kysely';
import { PitstopError } from '../errors/index.js';
import type { Database } from './database-schema.js';
import type { DialectAdapter } from './dialect-adapter.js';
import { KyselyStoreSession, type Clock } from './kysely-store-session.js';
import type { MetadataStore, RegisterVersionResult } from './metadata-store.js';
import type { AliasRecord, AuditEvent, AuditQuery, ModelRecord, ModelSummary, NewAuditEvent, NewVersion, StagePlanner, StageMove, VersionRecord } from './records.js';
import { toAuditEvent, toModelRecord, toVersionRecord } from './row-mappers.js';


export class KyselyMetadataStore implements MetadataStore {
  readonly dialect: 'sqlite' | 'postgres';
  readonly location: string;
  private readonly db: Kysely<Database>;
  private readonly session: KyselyStoreSession;

  constructor(private readonly adapter: DialectAdapter, clock: Clock = () => new Date()) {
    this.dialect = adapter.name;
    this.location = adapter.location;
    this.db = adapter.db;
    this.session = new KyselyStoreSession(adapter, clock);
  }

  registerVersion(input: NewVersion, actor: string): Promise<RegisterVersionResult> {
    return this.write(async (trx) => {
      const now = this.now();
      await trx
        .insertInto('models')
        .values({ name: input.model, description: null, tags: '{}', next_version: 0, created_at: now, updated_at: now })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      const model = await trx.selectFrom('models').select(['id']).where('name', '=', input.model).executeTakeFirstOrThrow();
      await this.adapter.lockModel(trx, model.id);
      const existing = await this.versionsQuery(trx).where('v.model_id', '=', model.id).where('v.package_digest', '=', input.packageDigest).orderBy('v.version').executeTakeFirst();
      if (existing) return { version: toVersionRecord(existing), created: false };

      const counter = await trx
        .updateTable('models')
        .set((eb) => ({ next_version: eb('next_version', '+', 1), updated_at: now }))
        .where('id', '=', model.id)
        .returning('next_version')
        .executeTakeFirstOrThrow();
      const version = Number(counter.next_version);
      await trx
        .insertInto('model_versions')
        .values({
          model_id: model.id, version, stage: 'registered', package_digest: input.packageDigest, artifact_key: input.artifactKey,
          artifact_size: input.artifactSize, label: input.label, task: input.task, description: input.description,
          tags: JSON.stringify(input.tags), manifest: JSON.stringify(input.manifest), signed_by: input.signedBy,
          registered_by: actor, registered_at: now, stage_changed_at: now,
        })
        .execute();
      await this.appendAudit(trx, { actor, action: 'version.registered', model: input.model, version, fromStage: null, toStage: 'registered', reason: null, details: { packageDigest: input.packageDigest, label: input.label } });
      const row = await this.versionsQuery(trx).where('v.model_id', '=', model.id).where('v.version', '=', version).executeTakeFirstOrThrow();
      return { version: toVersionRecord(row), created: true };
    });
  }

  async getModel(name: string): Promise<ModelRecord | undefined> {
    const row = await this.read(() => this.db.selectFrom('models').selectAll().where('name', '=', name).executeTakeFirst());
    return row && toModelRecord(row);
  }

  async listModels(): Promise<ModelSummary[]> {
    const [models, versions] = await this.read(() =>
      Promise.all([
        this.db.selectFrom('models').selectAll().orderBy('name').execute(),
        this.db.selectFrom('model_versions').select(['model_id', 'version', 'stage', 'stage_changed_at']).orderBy('version').execute(),
      ]),
    );
    return models.map((row) => {
      const own = versions.filter((v) => v.model_id === row.id);
      const inStage = (stage: string) => own.filter((v) => v.stage === stage).map((v) => Number(v.version));
      const production = own.filter((v) => v.stage === 'production').at(-1);
      return { ...toModelRecord(row), versionCount: own.length, productionVersions: inStage('production'), stagingVersions: inStage('staging'), productionSince: production?.stage_changed_at ?? null };
    });
  }

  updateModel(name: string, patch: { description?: string | null; tags?: Record<string, string> }, actor: string): Promise<ModelRecord> {
    return this.write(async (trx) => {
      const now = this.now();
      const updated = await trx
        .updateTable('models')
        .set({
          updated_at: now,
          ...(patch.description !== undefined ? { description: patch.description } : {}),
          ...(patch.tags !== undefined ? { tags: JSON.stringify(patch.tags) } : {}),
        })
        .where('name', '=', name)
        .returningAll()
        .executeTakeFirst();
      if (!updated) throw modelNotFound(name);
      await this.appendAudit(trx, { actor, action: 'model.updated', model: name, version: null, fromStage: null, toStage: null, reason: null, details: { ...patch } });
      return toModelRecord(updated);
    });
  }

  async getVersion(model: string, version: number): Promise<VersionRecord | undefined> {
    const row = await this.read(() => this.versionsQuery(this.db).where('m.name', '=', model).where('v.version', '=', version).executeTakeFirst());
    return row && toVersionRecord(row);
  }

  async listVersions(model: string): Promise<VersionRecord[]> {
    const rows = await this.read(() => this.versionsQuery(this.db).where('m.name', '=', model).orderBy('v.version').execute());
    return rows.map(toVersionRecord);
  }

  changeStages(model: string, planner: StagePlanner, actor: string): Promise<StageMove[]> {
    return this.write(async (trx) => {
      const modelRow = await trx.selectFrom('models').select(['id']).where('name', '=', model).executeTakeFirst();
      if (!modelRow) throw modelNotFound(model);
      await this.adapter.lockModel(trx, modelRow.id);
      const versions = (await this.versionsQuery(trx).where('v.model_id', '=', modelRow.id).orderBy('v.version').execute()).map(toVersionRecord);
      const moves = planner(versions);
      const now = this.now();
      for (const move of moves) {
        await trx.updateTable('model_versions').set({ stage: move.to, stage_changed_at: now }).where('model_id', '=', modelRow.id).where('version', '=', move.version).where('stage', '=', move.from).execute();
        await this.appendAudit(trx, { actor, action: 'version.stage_changed', model, version: move.version, fromStage: move.from, toStage: move.to, reason: move.reason, details: {} });
      }
      return [...moves];
    });
  }

  setAlias(model: string, alias: string, version: number, actor: string): Promise<number | null> {
    return this.write(async (trx) => {
      const modelId = await this.requireVersion(trx, model, version);
      const previous = await trx.selectFrom('model_aliases').select('version').where('model_id', '=', modelId).where('alias', '=', alias).executeTakeFirst();
      const now = this.now();
      await trx
        .insertInto('model_aliases')
        .values({ model_id: modelId, alias, version, updated_by: actor, updated_at: now })
        .onConflict((oc) => oc.columns(['model_id', 'alias']).doUpdateSet({ version, updated_by: actor, updated_at: now }))
        .execute();
      const before = previous ? Number(previous.version) : null;
      await this.appendAudit(trx, { actor, action: 'alias.set', model, version, fromStage: null, toStage: null, reason: null, details: { alias, previousVersion: before } });
      return before;
    });
  }

  removeAlias(model: string, alias: string, actor: string): Promise<number | null> {
    return this.write(async (trx) => {
      const modelRow = await trx.selectFrom('models').select('id').where('name', '=', model).executeTakeFirst();
      if (!modelRow) throw modelNotFound(model);
      const removed = await trx.deleteFrom('model_aliases').where('model_id', '=', modelRow.id).where('alias', '=', alias).returning('version').executeTakeFirst();
      if (!removed) return null;
      await this.appendAudit(trx, { actor, action: 'alias.removed', model, version: Number(removed.version), fromStage: null, toStage: null, reason: null, details: { alias } });
      return Number(removed.version);
    });
  }

  async listAliases(model?: string): Promise<AliasRecord[]> {
    const rows = await this.read(() => {
      const select = this.db.selectFrom('model_aliases as a').innerJoin('models as m', 'm.id', 'a.model_id').select(['m.name', 'a.alias', 'a.version', 'a.updated_by', 'a.updated_at']);
      return (model === undefined ? select : select.where('m.name', '=', model)).orderBy('m.name').orderBy('a.alias').execute();
    });
    return rows.map((r) => ({ model: r.name, alias: r.alias, version: Number(r.version), updatedBy: r.updated_by, updatedAt: r.updated_at }));
  }

  async recordAudit(event: NewAuditEvent): Promise<void> {
    await this.write((trx) => this.session.appendAudit(trx, event));
  }

  async listAudit(query: AuditQuery = {}): Promise<AuditEvent[]> {
    const rows = await this.read(() => {
      let q = this.db.selectFrom('audit_events').selectAll();
      if (query.model !== undefined) q = q.where('model', '=', query.model);
      if (query.action !== undefined) q = q.where('action', '=', query.action);
      if (query.from !== undefined) q = q.where('at', '>=', query.from);
      if (query.to !== undefined) q = q.where('at', '<', query.to);
      if (query.actor !== undefined) q = q.where('actor', '=', query.actor);
      if (query.beforeId !== undefined) q = q.where('id', '<', query.beforeId);
      q = q.orderBy('id', query.newestFirst ? 'desc' : 'asc');
      if (query.limit !== undefined) q = q.limit(query.limit);
      return q.execute();
    });
    return rows.map(toAuditEvent);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  private versionsQuery(db: Kysely<Database>) {
    return db.selectFrom('model_versions as v').innerJoin('models as m', 'm.id', 'v.model_id').selectAll('v').select('m.name as model_name');
  }

  private async requireVersion(trx: Kysely<Database>, model: string, version: number): Promise<number> {
    const modelRow = await trx.selectFrom('models').select('id').where('name', '=', model).executeTakeFirst();
    if (!modelRow) throw modelNotFound(model);
    const exists = await trx.selectFrom('model_versions').select('id').where('model_id', '=', modelRow.id).where('version', '=', version).executeTakeFirst();
    if (!exists) throw new PitstopError('VERSION_NOT_FOUND', `model "${model}" has no version ${version}`, { field: 'version' });
    return modelRow.id;
  }

  private appendAudit(trx: Kysely<Database>, event: NewAuditEvent): Promise<void> {
    return this.session.appendAudit(trx, event);
  }

  private now(): string {
    return this.session.now();
  }

  private write<T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.session.write(fn);
  }

  private read<T>(fn: () => Promise<T>): Promise<T> {
    return this.session.read(() => fn());
  }
}

function modelNotFound(name: string): PitstopError {
  return new PitstopError('MODEL_NOT_FOUND', `no model named "${name}" is registered`, { field: 'model' });
}
