// Kysely table types for the metadata database. Times are ISO-8601 UTC text, JSON is stored as text: identical on both dialects.
import type { Generated } from 'kysely';

export interface ModelsTable {
  id: Generated<number>;
  name: string;
  description: string | null;
  tags: string;
  next_version: number;
  created_at: string;
  updated_at: string;
}

export interface ModelVersionsTable {
  id: Generated<number>;
  model_id: number;
  version: number;
  stage: string;
  package_digest: string;
  artifact_key: string;
  artifact_size: number;
  label: string;
  task: string;
  description: string | null;
  tags: string;
  manifest: string;
  signed_by: string | null;
  registered_by: string;
  registered_at: string;
  stage_changed_at: string;
}

export interface ModelAliasesTable {
  model_id: number;
  alias: string;
  version: number;
  updated_by: string;
  updated_at: string;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  model: string | null;
  version: number | null;
  from_stage: string | null;
  to_stage: string | null;
  reason: string | null;
  details: string;
}

export interface Database {
  models: ModelsTable;
  model_versions: ModelVersionsTable;
  model_aliases: ModelAliasesTable;
  audit_events: AuditEventsTable;
}
