// Kysely's view of the application tables (see migrations/app-migrations.ts).

export interface AppTables {
  rule_sets: { name: string; version: number; source: string; digest: string; description: string | null; deployed_by: string; deployed_at: string };
  decisions: {
    id: string; at: string; app: string; rule_set_version: number; rule_id: string; kind: string; applied: string; request: string; features: string;
    headers: string; output: string; model: string | null; model_version: number | null; prediction_id: string | null; model_output: string;
    caller: string | null; latency_ms: number;
  };
}
