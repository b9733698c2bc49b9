// The model registry: registers verified packages, moves versions through their lifecycle, keeps aliases; every change is audited.
import type { ArtifactStore } from '../artifacts/index.js';
import { PitstopError } from '../errors/index.js';
import type { LoadedPackage } from '../package/index.js';
import type {
  AliasRecord, ApprovalStore, AuditEvent, PolicyChanges, MetadataStore, ModelRecord, ModelSummary, PromotionPolicy, PromotionRequest, PromotionRequestQuery, Stage, StageMove, VersionRecord,
} from '../store/index.js';
import { productionVersionsAt } from './production-history.js';
import { planStageChange } from './stage-machine.js';

const ALIAS_PATTERN = /^[a-z][a-z0-9_-]{0,63}$/;

export interface RegistryOptions {
  /** PEM public keys trusted for package signatures. */
  readonly trustedKeys?: readonly string[];
  readonly requireSignature?: boolean;
  /** Cold storage: where archived versions' packages live once they left the artifact store. */
  readonly archive?: ArtifactStore;
  /** Promotion policies and requests; without it no model requires approvals. */
  readonly approvals?: ApprovalStore;
}

export type PromotionOutcome =
  | { readonly status: 'promoted'; readonly moves: StageMove[] }
  | { readonly status: 'pending'; readonly request: PromotionRequest };

export interface RegisterResult {
  readonly version: VersionRecord;
  /** False when this exact package was already registered as that version. */
  readonly created: boolean;
  readonly package: LoadedPackage;
}

export interface ModelHistory {
  readonly model: string;
  readonly events: AuditEvent[];
  /** When asked `--at T`: the versions that were in production at T. */
  readonly productionAt?: { readonly at: string; readonly versions: number[] };
}

export class Registry {
  constructor(
    private readonly store: MetadataStore,
    private readonly artifacts: ArtifactStore,
    private readonly options: RegistryOptions = {},
  ) {}

  /** Verifies a package (digests, signature, the model loads and runs its smoke input), stores it once, and registers a version. */
  async register(packageBytes: Uint8Array, actor: string, extra: { description?: string; tags?: Record<string, string>; requireSignature?: boolean } = {}): Promise<RegisterResult> {
    const { readPackage, runSmokeInput } = await packageReader();
    const requireSignature = (this.options.requireSignature ?? false) || (extra.requireSignature ?? false);
    const loaded = await readPackage(packageBytes, { trustedKeys: this.options.trustedKeys ?? [], requireSignature });
    await this.refuseUnsignedIfRequired(loaded.manifest.name, loaded.signatureStatus);
    await runSmokeInput(loaded.modelBytes(), loaded.manifest);
    const stored = await this.artifacts.put(packageBytes);
    const { manifest } = loaded;
    const result = await this.store.registerVersion(
      {
        model: manifest.name, packageDigest: loaded.digest, artifactKey: stored.key, artifactSize: stored.size, label: manifest.version,
        task: manifest.task, description: extra.description ?? manifest.description ?? null, tags: extra.tags ?? {}, manifest,
        signedBy: loaded.signatureStatus === 'verified' ? loaded.signature!.keyId : null,
      },
      actor,
    );
    return { ...result, package: loaded };
  }

  listModels(): Promise<ModelSummary[]> {
    return this.store.listModels();
  }

  async getModel(name: string): Promise<ModelRecord> {
    const model = await this.store.getModel(name);
    if (!model) throw modelNotFound(name, await this.store.listModels());
    return model;
  }

  async listVersions(name: string): Promise<VersionRecord[]> {
    await this.getModel(name);
    return this.store.listVersions(name);
  }

  async getVersion(name: string, version: number): Promise<VersionRecord> {
    const record = await this.store.getVersion(name, version);
    if (record) return record;
    const versions = await this.listVersions(name);
    throw new PitstopError('VERSION_NOT_FOUND', `model "${name}" has no version ${version}; it has ${versions.map((v) => v.version).join(', ') || 'none'}`, { field: 'version' });
  }

  /** A version by number ("3"), alias ("champion") or stage ("production": the one version in it). */
  async resolveVersion(name: string, reference: string): Promise<VersionRecord> {
    if (/^\d+$/.test(reference)) return this.getVersion(name, Number(reference));
    const aliases = await this.store.listAliases(name);
    const alias = aliases.find((a) => a.alias === reference);
    if (alias) return this.getVersion(name, alias.version);
    const inStage = (await this.listVersions(name)).filter((v) => v.stage === reference);
    if (inStage.length > 0) return inStage[inStage.length - 1]!;
    throw new PitstopError('VERSION_NOT_FOUND', `"${reference}" is not a version number, alias or occupied stage of ${name}; aliases: ${aliases.map((a) => a.alias).join(', ') || 'none'}`, { field: 'version' });
  }

  async setStage(name: string, version: number, to: Stage, reason: string, actor: string, options: { approved?: boolean } = {}): Promise<StageMove[]> {
    await this.getModel(name);
    if (to === 'production' && !options.approved) await this.refuseUnapproved(name, version);
    if (!reason.trim()) throw new PitstopError('VALIDATION_FAILED', 'a stage change needs a reason (--reason)', { field: 'reason' });
    return this.store.changeStages(name, (versions) => planStageChange(versions, { version, to, reason }), actor);
  }

  /**
   * Makes `version` the champion: into production (through staging if it is only registered), the previous production
   * version decommissioned in the same audited step. Servers drain it before unloading it.
   */
  async promote(name: string, version: number, reason: string, actor: string, options: { approved?: boolean } = {}): Promise<StageMove[]> {
    const record = await this.getVersion(name, version);
    const moves: StageMove[] = [];
    if (record.stage === 'production') throw new PitstopError('ILLEGAL_STAGE_TRANSITION', `${name} v${version} is already in production`, { field: 'version' });
    if (!options.approved) await this.refuseUnapproved(name, version);
    if (record.stage === 'registered') moves.push(...(await this.setStage(name, version, 'staging', reason, actor)));
    moves.push(...(await this.setStage(name, version, 'production', reason, actor, options)));
    return moves;
  }

  /**
   * Promotes at once, or, when the model's policy requires approval, records a pending request for another person
   * to approve. The version must be able to reach production (checked now, so a request is never doomed).
   */
  async requestPromotion(name: string, version: number, reason: string, actor: string, person: string = actor): Promise<PromotionOutcome> {
    if (!(await this.requiresApproval(name))) return { status: 'promoted', moves: await this.promote(name, version, reason, actor) };
    if (!reason.trim()) throw new PitstopError('VALIDATION_FAILED', 'a promotion needs a reason (--reason)', { field: 'reason' });
    const record = await this.getVersion(name, version);
    if (!['registered', 'staging', 'decommissioned'].includes(record.stage)) {
      throw new PitstopError('ILLEGAL_STAGE_TRANSITION', `${name} v${version} is ${record.stage}; only a registered, staging or decommissioned version can be promoted`, { field: 'version' });
    }
    return { status: 'pending', request: await this.options.approvals!.createRequest(name, version, reason, actor, person) };
  }

  /**
   * Approves a pending request and promotes its version, in the approver's name. The approver must be another person
   * than the requester: the rule compares the people behind the keys, so a key the requester made for themselves
   * cannot approve.
   */
  async approvePromotion(id: number, reason: string, actor: string, person: string = actor): Promise<{ request: PromotionRequest; moves: StageMove[] }> {
    const approvals = this.approvalStore();
    const pending = await approvals.getRequest(id);
    if (!pending) throw new PitstopError('APPROVAL_NOT_FOUND', `no promotion request #${id}`, { field: 'request' });
    if (pending.requestedBy === actor || pending.requestedByPerson === person) {
      throw new PitstopError('APPROVAL_CONFLICT', `${person} asked for promotion request #${id}; another person must approve it`, { field: 'request' });
    }
    const request = await approvals.decide(id, 'approved', actor, reason, 'pending', person);
    try {
      const moves = await this.promote(request.model, request.version, `${request.reason} (requested by ${request.requestedByPerson}, approved by ${person}: ${reason})`, actor, { approved: true });
      return { request, moves };
    } catch (error) {
      await approvals.decide(id, 'failed', actor, `the promotion failed: ${(error as Error).message}`, 'approved', person);
      throw error;
    }
  }

  async rejectPromotion(id: number, reason: string, actor: string): Promise<PromotionRequest> {
    if (!reason.trim()) throw new PitstopError('VALIDATION_FAILED', 'a rejection needs a reason (--reason)', { field: 'reason' });
    return this.approvalStore().decide(id, 'rejected', actor, reason);
  }

  async listPromotionRequests(query: PromotionRequestQuery = {}): Promise<PromotionRequest[]> {
    return this.approvalStore().listRequests(query);
  }

  async promotionPolicy(name: string): Promise<{ model: string; requireApproval: boolean; requireSignature: boolean; updatedBy: string | null; updatedAt: string | null }> {
    await this.getModel(name);
    const policy = await this.options.approvals?.getPolicy(name);
    return { model: name, requireApproval: policy?.requireApproval ?? false, requireSignature: policy?.requireSignature ?? false, updatedBy: policy?.updatedBy ?? null, updatedAt: policy?.updatedAt ?? null };
  }

  /** Sets what `changes` names of a model's policy (a boolean: whether promotions need approval). */
  async setPromotionPolicy(name: string, changes: boolean | PolicyChanges, actor: string): Promise<PromotionPolicy> {
    await this.getModel(name);
    return this.approvalStore().setPolicy(name, typeof changes === 'boolean' ? { requireApproval: changes } : changes, actor);
  }

  /** SIGNATURE_UNTRUSTED when the model's policy wants signed packages and this one is not verified as signed by a trusted key. */
  private async refuseUnsignedIfRequired(name: string, status: string): Promise<void> {
    if (status === 'verified') return;
    const policy = await this.options.approvals?.getPolicy(name);
    if (!policy?.requireSignature) return;
    const why = status === 'unsigned' ? 'this package is not signed' : 'no trusted keys are configured to check its signature';
    throw new PitstopError('SIGNATURE_UNTRUSTED', `${name} requires packages signed by a trusted key (policy set by ${policy.updatedBy}), and ${why}`, { field: 'signature.json' });
  }

  /** APPROVAL_REQUIRED when the model's policy wants a second person for production. */
  private async refuseUnapproved(name: string, version: number): Promise<void> {
    if (!(await this.requiresApproval(name))) return;
    throw new PitstopError('APPROVAL_REQUIRED', `${name} requires a second person's approval for production: request it with \`pitstop promote ${name} ${version}\` (POST /admin/models/${name}/promotions) and have another admin approve it`, { field: 'stage' });
  }

  /**
   * Under an approval policy, only the version in production may answer production traffic: a canary share or a
   * protected alias on any other version needs an approved promotion first (APPROVAL_REQUIRED, naming `field`).
   */
  async refuseUnapprovedServing(name: string, version: number, field: string): Promise<void> {
    if (!(await this.requiresApproval(name))) return;
    const record = await this.getVersion(name, version);
    if (record.stage === 'production') return;
    throw new PitstopError('APPROVAL_REQUIRED', `${name} requires a second person's approval for production, and ${field} v${version} would answer production traffic: request the promotion with \`pitstop promote ${name} ${version}\` (POST /admin/models/${name}/promotions) and have another admin approve it`, { field });
  }

  async requiresApproval(name: string): Promise<boolean> {
    return (await this.options.approvals?.getPolicy(name))?.requireApproval ?? false;
  }

  private approvalStore(): ApprovalStore {
    if (!this.options.approvals) throw new PitstopError('CONFIG_INVALID', 'this registry was opened without promotion approvals', { field: 'approvals' });
    return this.options.approvals;
  }

  /** Brings back the version that was in production before the current one (it must be decommissioned, not archived). */
  async rollback(name: string, reason: string, actor: string): Promise<StageMove[]> {
    const versions = await this.listVersions(name);
    const current = versions.find((v) => v.stage === 'production');
    if (!current) throw new PitstopError('ILLEGAL_STAGE_TRANSITION', `${name} has no version in production to roll back from`, { field: 'model' });
    // The latest move out of production, of a version other than the current one, names the previous champion.
    const events = await this.store.listAudit({ model: name });
    const previous = [...events].reverse().find((e) => e.fromStage === 'production' && e.version !== null && e.version !== current.version);
    if (!previous) throw new PitstopError('ILLEGAL_STAGE_TRANSITION', `${name} v${current.version} is the first version it had in production; there is nothing to roll back to`, { field: 'model' });
    const target = versions.find((v) => v.version === previous.version)!;
    if (target.stage !== 'decommissioned') {
      throw new PitstopError('ILLEGAL_STAGE_TRANSITION', `the previous production version v${target.version} is ${target.stage}; only a decommissioned version can come back (restore it from the archive first)`, { field: 'version' });
    }
    // A rollback restores the champion that was approved before: it is the emergency lever, so no second approval.
    return this.setStage(name, target.version, 'production', `rollback from v${current.version}: ${reason}`, actor, { approved: true });
  }

  async setAlias(name: string, alias: string, version: number, actor: string): Promise<number | null> {
    if (!ALIAS_PATTERN.test(alias)) {
      throw new PitstopError('VALIDATION_FAILED', `alias "${alias}" must start with a lowercase letter and hold lowercase letters, digits, _ or - (at most 64)`, { field: 'alias' });
    }
    await this.getVersion(name, version);
    return this.store.setAlias(name, alias, version, actor);
  }

  async removeAlias(name: string, alias: string, actor: string): Promise<number> {
    await this.getModel(name);
    const removed = await this.store.removeAlias(name, alias, actor);
    if (removed === null) throw new PitstopError('ALIAS_NOT_FOUND', `model "${name}" has no alias "${alias}"`, { field: 'alias' });
    return removed;
  }

  async listAliases(name: string): Promise<AliasRecord[]> {
    await this.getModel(name);
    return this.store.listAliases(name);
  }

  async history(name: string, at?: string): Promise<ModelHistory> {
    await this.getModel(name);
    const events = await this.store.listAudit({ model: name });
    if (at === undefined) return { model: name, events };
    if (Number.isNaN(Date.parse(at))) throw new PitstopError('VALIDATION_FAILED', `--at ${at} is not an ISO-8601 time such as 2026-01-31T12:00:00Z`, { field: 'at' });
    return { model: name, events: events.filter((e) => Date.parse(e.at) <= Date.parse(at)), productionAt: { at: new Date(at).toISOString(), versions: productionVersionsAt(events, at) } };
  }

  /** A stored package file, verified against its SHA-256 on read. */
  readArtifact(key: string): Promise<Buffer> {
    return this.artifacts.get(key);
  }

  /** The package file of a version as stored (from the archive when archived), its SHA-256 checked on read. */
  async packageFile(name: string, version: number): Promise<Buffer> {
    return this.packageBytes(await this.getVersion(name, version));
  }

  /** The package of a registered version, re-verified on read. */
  async loadPackage(name: string, version: number): Promise<LoadedPackage> {
    const record = await this.getVersion(name, version);
    const { readPackage } = await packageReader();
    const loaded = await readPackage(await this.packageBytes(record));
    if (loaded.digest !== record.packageDigest) {
      throw new PitstopError('PACKAGE_DIGEST_MISMATCH', `the stored package of ${name} v${version} has digest ${loaded.digest}, the registry recorded ${record.packageDigest}`);
    }
    return loaded;
  }

  /** An archived version's package comes from the archive; any other from the artifact store. Both verify digests on read. */
  private async packageBytes(record: VersionRecord): Promise<Buffer> {
    const { archive } = this.options;
    if (record.stage !== 'archived' || !archive) return this.artifacts.get(record.artifactKey);
    try {
      return await archive.get(record.artifactKey);
    } catch (error) {
      if (!(error instanceof PitstopError) || error.code !== 'ARTIFACT_NOT_FOUND') throw error;
      const tombstone = (await this.store.listAudit({ model: record.model, action: 'archive.deleted' })).find((e) => e.version === record.version);
      if (tombstone) {
        throw new PitstopError('ARCHIVE_NOT_FOUND', `${record.model} v${record.version} was deleted from the archive on ${tombstone.at} by ${tombstone.actor} after its retention date (${tombstone.reason ?? 'no reason given'}); it can no longer be loaded`, { field: 'version' });
      }
      throw new PitstopError('ARTIFACT_NOT_FOUND', `the package of archived ${record.model} v${record.version} (${record.artifactKey}) is missing from the archive at ${archive.location}`, { field: 'version', cause: error });
    }
  }
}

/** The package stack (manifest schemas, ONNX, onnxruntime) is imported when a package is read: listing and history never need it. */
function packageReader(): Promise<typeof import('../package/index.js')> {
  return import('../package/index.js');
}

function modelNotFound(name: string, models: readonly ModelSummary[]): PitstopError {
  const known = models.map((m) => m.name);
  const hint = known.length === 0 ? 'no models are registered yet' : `registered models: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', ...' : ''}`;
  return new PitstopError('MODEL_NOT_FOUND', `no model named "${name}"; ${hint}`, { field: 'model' });
}
