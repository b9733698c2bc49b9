// Kysely's view of the monitoring tables (see migrations/monitoring-migrations.ts).
import type { Generated } from 'kysely';

export interface MonitoringTables {
  monitoring_windows: { model: string; version: number; window_start: string; window_end: string; rows: number; summary: string; computed_at: string };
  alert_rules: { model: string; name: string; rule: string; created_by: string; created_at: string };
  alert_states: { fingerprint: string; model: string; rule_name: string; state: string; silenced_until: string | null; updated_at: string };
  alert_events: {
    id: Generated<number>; fingerprint: string; model: string; rule_name: string; metric: string; from_status: string; to_status: string;
    at: string; value: number; threshold: number; severity: string; silenced: number; deliveries: string;
  };
}
