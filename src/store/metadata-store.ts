// MetadataStore: what the registry needs from a database, in the registry's words. One Kysely implementation, two dialects.
import type {
  AliasRecord, AuditEvent, AuditQuery, ModelRecord, ModelSummary, NewAuditEvent, NewVersion, StagePlanner, StageMove, VersionRecord,
} from './records.js';

export interface RegisterVersionResult {
  readonly version: VersionRecord;
  /** False when the model already had a version with this package digest (registration is idempotent). */
  readonly created: boolean;
}

export interface MetadataStore {
  readonly dialect: 'sqlite' | 'postgres';
  /** Where the data lives, for messages (credentials removed). */
  readonly location: string;

  /**
   * Creates the model if needed and the next version number (1, 2, ...; never reused, safe across processes),
   * with an audit event, in one transaction. Returns the existing version if this digest is already registered.
   */
  registerVersion(input: NewVersion, actor: string): Promise<RegisterVersionResult>;
  getModel(name: string): Promise<ModelRecord | undefined>;
  listModels(): Promise<ModelSummary[]>;
  updateModel(name: string, patch: { description?: string | null; tags?: Record<string, string> }, actor: string): Promise<ModelRecord>;
  getVersion(model: string, version: number): Promise<VersionRecord | undefined>;
  /** Versions of a model, ascending. */
  listVersions(model: string): Promise<VersionRecord[]>;

  /** Runs the planner under a per-model lock and applies its moves plus one audit event each, atomically. */
  changeStages(model: string, planner: StagePlanner, actor: string): Promise<StageMove[]>;

  /** Points an alias at a version (creating or moving it); returns the version it pointed at before, if any. */
  setAlias(model: string, alias: string, version: number, actor: string): Promise<number | null>;
  /** Removes an alias; returns the version it pointed at, or null if it did not exist. */
  removeAlias(model: string, alias: string, actor: string): Promise<number | null>;
  /** A model's aliases, or every model's (by model, then alias). */
  listAliases(model?: string): Promise<AliasRecord[]>;

  /** Appends an event that no other write records (e.g. a retraining run's steps). */
  recordAudit(event: NewAuditEvent): Promise<void>;

  /** Audit events, oldest first unless `newestFirst`. The table is append-only: the database itself refuses updates and deletes. */
  listAudit(query?: AuditQuery): Promise<AuditEvent[]>;

  close(): Promise<void>;
}
