// Converts database rows (snake_case, JSON as text) to the store's records.
import type { Selectable } from 'kysely';
import type { AuditEventsTable, ModelsTable, ModelVersionsTable } from './database-schema.js';
import type { AuditEvent, ModelRecord, Stage, VersionRecord } from './records.js';

export function toModelRecord(row: Selectable<ModelsTable>): ModelRecord {
  return {
    name: row.name,
    description: row.description,
    tags: JSON.parse(row.tags) as Record<string, string>,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    latestVersion: Number(row.next_version),
  };
}

export function toVersionRecord(row: Selectable<ModelVersionsTable> & { model_name: string }): VersionRecord {
  return {
    model: row.model_name,
    version: Number(row.version),
    stage: row.stage as Stage,
    packageDigest: row.package_digest,
    artifactKey: row.artifact_key,
    artifactSize: Number(row.artifact_size),
    label: row.label,
    task: row.task,
    description: row.description,
    tags: JSON.parse(row.tags) as Record<string, string>,
    manifest: JSON.parse(row.manifest) as unknown,
    signedBy: row.signed_by,
    registeredBy: row.registered_by,
    registeredAt: row.registered_at,
    stageChangedAt: row.stage_changed_at,
  };
}

export function toAuditEvent(row: Selectable<AuditEventsTable>): AuditEvent {
  return {
    id: Number(row.id),
    at: row.at,
    actor: row.actor,
    action: row.action,
    model: row.model,
    version: row.version === null ? null : Number(row.version),
    fromStage: row.from_stage as Stage | null,
    toStage: row.to_stage as Stage | null,
    reason: row.reason,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}
