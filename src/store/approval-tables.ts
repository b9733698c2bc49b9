// Kysely's view of the approval tables (see migrations/approval-migrations.ts).
import type { Generated } from 'kysely';

export interface ApprovalTables {
  promotion_policies: { model: string; require_approval: number; require_signature: number; updated_by: string; updated_at: string };
  promotion_requests: {
    id: Generated<number>; model: string; version: number; reason: string; requested_by: string; requested_at: string;
    status: string; decided_by: string | null; decided_at: string | null; decision_reason: string | null;
    requested_by_person: string | null; decided_by_person: string | null;
  };
}
