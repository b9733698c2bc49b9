// Promotion policies and requests over Kysely. Every change is also an audit event, in the same transaction, so the
// audit log alone tells who asked for a promotion and who approved it.
import { PitstopError } from '../errors/index.js';
import type { PolicyChanges, PromotionPolicy, PromotionRequest, PromotionRequestQuery, PromotionRequestStatus } from './approval-records.js';
import type { ApprovalTables } from './approval-tables.js';
import type { KyselyStoreSession } from './kysely-store-session.js';

export interface ApprovalStore {
  getPolicy(model: string): Promise<PromotionPolicy | undefined>;
  setPolicy(model: string, changes: PolicyChanges, actor: string): Promise<PromotionPolicy>;
  /** A pending request; CONFLICT-like ILLEGAL_STAGE_TRANSITION when the same version already has one pending. */
  /** `person` is who asks (default: the actor): the two-person rule compares it with the approver's. */
  createRequest(model: string, version: number, reason: string, actor: string, person?: string): Promise<PromotionRequest>;
  getRequest(id: number): Promise<PromotionRequest | undefined>;
  /** Newest first. */
  listRequests(query?: PromotionRequestQuery): Promise<PromotionRequest[]>;
  /**
   * Moves a request from `from` (pending, unless said otherwise) to `to`, atomically: of two approvers racing, one
   * wins and the other gets APPROVAL_CONFLICT. Audited as `promotion.<to>`.
   */
  decide(id: number, to: Exclude<PromotionRequestStatus, 'pending'>, actor: string, reason: string, from?: PromotionRequestStatus, person?: string): Promise<PromotionRequest>;
}

type RequestRow = Omit<ApprovalTables['promotion_requests'], 'id'> & { id: number };

export class KyselyApprovalStore implements ApprovalStore {
  constructor(private readonly session: KyselyStoreSession) {}

  async getPolicy(model: string): Promise<PromotionPolicy | undefined> {
    const row = await this.session.read((db) => db.selectFrom('promotion_policies').selectAll().where('model', '=', model).executeTakeFirst());
    return row && { model: row.model, requireApproval: Number(row.require_approval) === 1, requireSignature: Number(row.require_signature) === 1, updatedBy: row.updated_by, updatedAt: row.updated_at };
  }

  async setPolicy(model: string, changes: PolicyChanges, actor: string): Promise<PromotionPolicy> {
    const at = this.session.now();
    return this.session.write(async (trx) => {
      const row = await trx.selectFrom('promotion_policies').selectAll().where('model', '=', model).executeTakeFirst();
      const requireApproval = changes.requireApproval ?? (row ? Number(row.require_approval) === 1 : false);
      const requireSignature = changes.requireSignature ?? (row ? Number(row.require_signature) === 1 : false);
      const values = { model, require_approval: requireApproval ? 1 : 0, require_signature: requireSignature ? 1 : 0, updated_by: actor, updated_at: at };
      await trx.insertInto('promotion_policies').values(values).onConflict((oc) => oc.column('model').doUpdateSet({ require_approval: values.require_approval, require_signature: values.require_signature, updated_by: actor, updated_at: at })).execute();
      await this.session.appendAudit(trx, { actor, action: 'policy.updated', model, version: null, fromStage: null, toStage: null, reason: null, details: { ...changes } });
      return { model, requireApproval, requireSignature, updatedBy: actor, updatedAt: at };
    });
  }

  async createRequest(model: string, version: number, reason: string, actor: string, person: string = actor): Promise<PromotionRequest> {
    const row = await this.session.write(async (trx) => {
      const pending = await trx.selectFrom('promotion_requests').select('id').where('model', '=', model).where('version', '=', version).where('status', '=', 'pending').executeTakeFirst();
      if (pending) throw new PitstopError('APPROVAL_CONFLICT', `${model} v${version} already has promotion request #${pending.id} waiting for approval`, { field: 'version' });
      const inserted = await trx
        .insertInto('promotion_requests')
        .values({ model, version, reason, requested_by: actor, requested_at: this.session.now(), status: 'pending', decided_by: null, decided_at: null, decision_reason: null, requested_by_person: person, decided_by_person: null })
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.session.appendAudit(trx, { actor, action: 'promotion.requested', model, version, fromStage: null, toStage: 'production', reason, details: { request: Number(inserted.id) } });
      return inserted;
    });
    return toRequest(row as RequestRow);
  }

  async getRequest(id: number): Promise<PromotionRequest | undefined> {
    const row = await this.session.read((db) => db.selectFrom('promotion_requests').selectAll().where('id', '=', id).executeTakeFirst());
    return row && toRequest(row as RequestRow);
  }

  async listRequests(query: PromotionRequestQuery = {}): Promise<PromotionRequest[]> {
    const rows = await this.session.read((db) => {
      let select = db.selectFrom('promotion_requests').selectAll();
      if (query.model !== undefined) select = select.where('model', '=', query.model);
      if (query.status !== undefined) select = select.where('status', '=', query.status);
      return select.orderBy('id', 'desc').execute();
    });
    return rows.map((row) => toRequest(row as RequestRow));
  }

  async decide(id: number, to: Exclude<PromotionRequestStatus, 'pending'>, actor: string, reason: string, from: PromotionRequestStatus = 'pending', person: string = actor): Promise<PromotionRequest> {
    const row = await this.session.write(async (trx) => {
      const current = await trx.selectFrom('promotion_requests').selectAll().where('id', '=', id).executeTakeFirst();
      if (!current) throw new PitstopError('APPROVAL_NOT_FOUND', `no promotion request #${id}`, { field: 'request' });
      if (current.status !== from) {
        throw new PitstopError('APPROVAL_CONFLICT', `promotion request #${id} is ${current.status}${current.decided_by ? ` (by ${current.decided_by})` : ''}, not ${from}`, { field: 'request' });
      }
      const updated = await trx
        .updateTable('promotion_requests')
        .set({ status: to, decided_by: actor, decided_at: this.session.now(), decision_reason: reason, decided_by_person: person })
        .where('id', '=', id)
        .where('status', '=', from)
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.session.appendAudit(trx, { actor, action: `promotion.${to}`, model: current.model, version: Number(current.version), fromStage: null, toStage: null, reason, details: { request: id, requestedBy: current.requested_by, requestedByPerson: current.requested_by_person ?? current.requested_by } });
      return updated;
    });
    return toRequest(row as RequestRow);
  }
}

function toRequest(row: RequestRow): PromotionRequest {
  return {
    id: Number(row.id), model: row.model, version: Number(row.version), reason: row.reason, requestedBy: row.requested_by, requestedAt: row.requested_at,
    status: row.status as PromotionRequestStatus, decidedBy: row.decided_by, decidedAt: row.decided_at, decisionReason: row.decision_reason,
    requestedByPerson: row.requested_by_person ?? row.requested_by, decidedByPerson: row.decided_by_person ?? row.decided_by,
  };
}
