// Converts database rows (snake_case, JSON as text) to the store's records.
import type { Selectable } from 'kysely';
import type { ApiKeysTable, AuditEventsTable, ModelsTable, ModelVersionsTable, PredictionsTable, TrafficPoliciesTable } from './database-schema.js';
import type { AuditEvent, ModelRecord, Stage, VersionRecord } from './records.js';
import type { ApiKeyRecord, PredictionRecord, PredictionRoute, Role, TrafficPolicy } from './serving-records.js';

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
    person: row.person ?? null,
    keyId: row.key_id ?? null,
    door: row.door ?? null,
    operation: row.operation ?? null,
  };
}

export function toApiKeyRecord(row: Selectable<ApiKeysTable>): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    secretHash: row.secret_hash,
    salt: row.salt,
    createdBy: row.created_by,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    rateLimit: row.rate_limit === null ? null : Number(row.rate_limit),
    person: row.person ?? row.id,
  };
}

export function toTrafficPolicy(row: Selectable<TrafficPoliciesTable> & { model_name: string }): TrafficPolicy {
  const split = (version: number | null, percent: number | null) =>
    version === null || percent === null ? null : { version: Number(version), percent: Number(percent) };
  return {
    model: row.model_name,
    canary: split(row.canary_version, row.canary_percent),
    shadow: split(row.shadow_version, row.shadow_percent),
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

export function toPredictionRecord(row: Selectable<PredictionsTable>): PredictionRecord {
  return {
    id: row.id,
    at: row.at,
    model: row.model,
    version: Number(row.version),
    packageDigest: row.package_digest,
    caller: row.caller,
    requestId: row.request_id,
    route: row.route as PredictionRoute,
    input: JSON.parse(row.input) as Record<string, unknown>,
    output: JSON.parse(row.output) as unknown,
    latencyMs: Number(row.latency_ms),
    ...(row.run_id ? { run: { id: row.run_id, index: Number(row.run_index), size: Number(row.run_size) } } : {}),
  };
}

/** The row for a prediction; an absent output is stored as JSON null so the column is never empty. */
export function toPredictionRow(record: PredictionRecord): PredictionsTable {
  return {
    id: record.id,
    at: record.at,
    model: record.model,
    version: record.version,
    package_digest: record.packageDigest,
    caller: record.caller,
    request_id: record.requestId,
    route: record.route,
    input: JSON.stringify(record.input),
    output: JSON.stringify(record.output ?? null),
    latency_ms: record.latencyMs,
    run_id: record.run?.id ?? null,
    run_index: record.run?.index ?? null,
    run_size: record.run?.size ?? null,
  };
}
