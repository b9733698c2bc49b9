// Kysely table types for the metadata database. Times are ISO-8601 UTC text, JSON is stored as text: identical on both dialects.
import type { Generated } from 'kysely';
import type { AppTables } from './app-tables.js';
import type { ApprovalTables } from './approval-tables.js';
import type { ArchiveTables } from './archive-tables.js';
import type { FeatureStoreTables } from './feature-tables.js';
import type { FeedbackTables } from './feedback-tables.js';
import type { MonitoringTables } from './monitoring-tables.js';

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
  person: string | null;
  key_id: string | null;
  door: string | null;
  operation: string | null;
}

export interface PeopleTable {
  name: string;
  created_by: string;
  created_at: string;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  role: string;
  secret_hash: string;
  salt: string;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
  rate_limit: number | null;
  person: string | null;
}

export interface TrafficPoliciesTable {
  model_id: number;
  canary_version: number | null;
  canary_percent: number | null;
  shadow_version: number | null;
  shadow_percent: number | null;
  updated_by: string;
  updated_at: string;
}

export interface PredictionsTable {
  id: string;
  at: string;
  model: string;
  version: number;
  package_digest: string;
  caller: string | null;
  request_id: string | null;
  route: string;
  input: string;
  output: string;
  latency_ms: number;
  run_id?: string | null;
  run_index?: number | null;
  run_size?: number | null;
}

export interface TrainingRunsTable {
  id: string;
  model: string;
  algorithm: string;
  status: string;
  params: string;
  metrics: string;
  dataset: string;
  seed: number;
  duration_ms: number;
  package_digest: string | null;
  package_path: string | null;
  error: string | null;
  created_by: string;
  started_at: string;
  finished_at: string;
}

export interface LeasesTable { name: string; holder: string; acquired_at: string; expires_at: string }

export interface Database extends MonitoringTables, FeedbackTables, ArchiveTables, ApprovalTables, AppTables, FeatureStoreTables {
  models: ModelsTable;
  model_versions: ModelVersionsTable;
  model_aliases: ModelAliasesTable;
  audit_events: AuditEventsTable;
  api_keys: ApiKeysTable;
  people: PeopleTable;
  traffic_policies: TrafficPoliciesTable;
  predictions: PredictionsTable;
  leases: LeasesTable;
  training_runs: TrainingRunsTable;
}
