// Plain records the MetadataStore reads and writes: the registry's domain, free of any driver type.

export const STAGES = ['registered', 'staging', 'production', 'decommissioned', 'archived'] as const;
export type Stage = (typeof STAGES)[number];

export interface ModelRecord {
  readonly name: string;
  readonly description: string | null;
  readonly tags: Readonly<Record<string, string>>;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Highest version number ever allocated (numbers are never reused). */
  readonly latestVersion: number;
}

export interface ModelSummary extends ModelRecord {
  readonly versionCount: number;
  readonly productionVersions: readonly number[];
  readonly stagingVersions: readonly number[];
  /** When the newest production version entered production (null: none is in production). */
  readonly productionSince: string | null;
}

export interface VersionRecord {
  readonly model: string;
  readonly version: number;
  readonly stage: Stage;
  /** SHA-256 of the package's canonical manifest. */
  readonly packageDigest: string;
  /** Key of the package file in the ArtifactStore (SHA-256 of its bytes). */
  readonly artifactKey: string;
  readonly artifactSize: number;
  /** The version label the manifest carries (e.g. "2024.1"), distinct from the registry's number. */
  readonly label: string;
  readonly task: string;
  readonly description: string | null;
  readonly tags: Readonly<Record<string, string>>;
  readonly manifest: unknown;
  /** Key id of the signature verified at registration, if any. */
  readonly signedBy: string | null;
  readonly registeredBy: string;
  readonly registeredAt: string;
  readonly stageChangedAt: string;
}

export interface NewVersion {
  readonly model: string;
  readonly packageDigest: string;
  readonly artifactKey: string;
  readonly artifactSize: number;
  readonly label: string;
  readonly task: string;
  readonly description: string | null;
  readonly tags: Readonly<Record<string, string>>;
  readonly manifest: unknown;
  readonly signedBy: string | null;
}

export interface AliasRecord {
  readonly model: string;
  readonly alias: string;
  readonly version: number;
  readonly updatedBy: string;
  readonly updatedAt: string;
}

export interface AuditEvent {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  /** What happened, e.g. `version.registered`, `version.stage_changed`, `alias.set`. */
  readonly action: string;
  readonly model: string | null;
  readonly version: number | null;
  readonly fromStage: Stage | null;
  readonly toStage: Stage | null;
  readonly reason: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  /** The person who acted, the key they used and the door they came through (null before people were recorded). */
  readonly person: string | null;
  readonly keyId: string | null;
  readonly door: string | null;
  /** The operation that wrote the row (src/operations). */
  readonly operation: string | null;
}

export type NewAuditEvent = Omit<AuditEvent, 'id' | 'at' | 'details' | 'person' | 'keyId' | 'door' | 'operation'> & { details?: Record<string, unknown> };

export interface AuditQuery {
  readonly model?: string;
  readonly action?: string;
  /** Inclusive lower and exclusive upper bound on `at` (ISO-8601). */
  readonly from?: string;
  readonly to?: string;
  readonly limit?: number;
  readonly actor?: string;
  /** Only events with ids below this (keyset pagination, newest first). */
  readonly beforeId?: number;
  /** Newest first (default: oldest first). */
  readonly newestFirst?: boolean;
}

/** One stage move decided by the state machine; applied atomically with its siblings. */
export interface StageMove {
  readonly version: number;
  readonly from: Stage;
  readonly to: Stage;
  readonly reason: string;
}

/**
 * Decides the moves for a stage change from the current state of the model's versions.
 * Pure; throws a PitstopError when the change is illegal. Called inside the store's per-model lock.
 */
export type StagePlanner = (versions: readonly VersionRecord[]) => readonly StageMove[];
