// What the admin REST API answers, as the GUI reads it. Mirrors the server's records; only the fields the GUI shows.

export type Role = 'viewer' | 'predictor' | 'deployer' | 'admin';
export type Stage = 'registered' | 'staging' | 'production' | 'decommissioned' | 'archived';
export type Light = 'green' | 'amber' | 'red' | 'unknown';

export interface Whoami {
  readonly keyId: string | null;
  readonly name: string | null;
  readonly role: Role;
  readonly auth: 'required' | 'disabled';
}

export interface Split {
  readonly version: number;
  readonly percent: number;
}

export interface ModelHealth {
  readonly status: Light;
  readonly requestsPerMinute: number | null;
  readonly errorRate: number | null;
  readonly p99LatencyMs: number | null;
  readonly drift: Light;
  readonly performance: Light;
  readonly firingAlerts: number;
}

export interface ModelListItem {
  readonly name: string;
  readonly description: string | null;
  readonly versionCount: number;
  readonly production: { readonly version: number; readonly since: string } | null;
  readonly staging: readonly number[];
  readonly canary: Split | null;
  readonly shadow: Split | null;
  readonly aliases: Readonly<Record<string, number>>;
  readonly health: ModelHealth;
}

export interface ModelList {
  readonly total: number;
  readonly models: readonly ModelListItem[];
}

export interface AuditEvent {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly model: string | null;
  readonly version: number | null;
  readonly fromStage: Stage | null;
  readonly toStage: Stage | null;
  readonly reason: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface VersionDetail {
  readonly model: string;
  readonly version: number;
  readonly stage: Stage;
  readonly packageDigest: string;
  readonly label: string;
  readonly task: string;
  readonly description: string | null;
  readonly registeredBy: string;
  readonly registeredAt: string;
  readonly stageChangedAt: string;
  readonly signedBy: string | null;
  readonly aliases: readonly string[];
  readonly metrics: Readonly<Record<string, number>> | null;
  readonly lineage: Readonly<Record<string, unknown>> | null;
}

export interface PromotionRequest {
  readonly id: number;
  readonly model: string;
  readonly version: number;
  readonly reason: string;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly status: 'pending' | 'approved' | 'rejected' | 'failed';
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly decisionReason: string | null;
}

export interface Traffic {
  readonly canary: Split | null;
  readonly shadow: Split | null;
}

export interface ModelDetail {
  readonly model: { readonly name: string; readonly description: string | null; readonly createdAt: string; readonly latestVersion: number };
  readonly versions: readonly VersionDetail[];
  readonly traffic: Traffic | null;
  readonly policy: { readonly requireApproval: boolean } | null;
  readonly history: readonly AuditEvent[];
  readonly pendingPromotions: readonly PromotionRequest[];
}

export interface PromotionOutcome {
  readonly status: 'promoted' | 'pending';
  readonly request?: PromotionRequest;
}

export interface PredictionRecord {
  readonly id: string;
  readonly at: string;
  readonly model: string;
  readonly version: number;
  readonly packageDigest: string;
  readonly caller: string | null;
  readonly route: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly output: unknown;
  readonly latencyMs: number;
}

export interface PredictionPage {
  readonly predictions: readonly PredictionRecord[];
  readonly next: string | null;
}

export interface LabelRecord {
  readonly id: number;
  readonly actual: string | number | boolean;
  readonly at: string;
  readonly actor: string;
  readonly supersedes: number | null;
  readonly reason: string | null;
}

export interface DecisionRecord {
  readonly id: string;
  readonly at: string;
  readonly app: string;
  readonly ruleSetVersion: number;
  readonly ruleId: string;
  readonly kind: 'respond' | 'model' | 'fallback';
  readonly applied: readonly string[];
  readonly request: unknown;
  readonly features: unknown;
  readonly output: unknown;
  readonly modelOutput: unknown;
}

export interface PredictionDetail {
  readonly prediction: PredictionRecord;
  readonly labels: readonly LabelRecord[];
  readonly decision: DecisionRecord | null;
}

export interface ReplayResult {
  readonly verdict: 'identical' | 'within-tolerance' | 'different';
  readonly maxAbsDifference: number;
  readonly tolerance: number;
  readonly runtime: string;
  readonly logged: unknown;
  readonly replayed: unknown;
  readonly differences: readonly string[];
}

export interface Contribution {
  readonly feature: string;
  readonly value: number | string | boolean | null;
  readonly contribution: number;
  readonly standardError?: number;
}

export interface Explanation {
  readonly method: string;
  readonly quantity: string;
  readonly baseline: number;
  readonly output: number;
  readonly contributions: readonly Contribution[];
  readonly sentences: readonly string[];
}

export interface RuleSetSummary {
  readonly name: string;
  readonly latestVersion: number;
  readonly description: string | null;
  readonly deployedBy: string;
  readonly deployedAt: string;
}

export interface RuleSetVersion {
  readonly name: string;
  readonly version: number;
  readonly source: string;
  readonly digest: string;
  readonly description: string | null;
  readonly deployedBy: string;
  readonly deployedAt: string;
}

export interface DecisionSummary {
  readonly decidedBy: { readonly ruleId: string; readonly kind: string } | null;
  readonly output: unknown;
  readonly error: string | null;
}

export interface DryRunReport {
  readonly app: string;
  readonly baselineVersion: number;
  readonly considered: number;
  readonly total: number;
  readonly compared: number;
  readonly changed: number;
  readonly unchanged: number;
  readonly notReplayable: number;
  readonly transitions: readonly { readonly from: string; readonly to: string; readonly count: number }[];
  readonly examples: readonly { readonly id: string; readonly baseline: DecisionSummary; readonly candidate: DecisionSummary }[];
}

export interface DeployedRuleSet {
  readonly ruleSet: RuleSetVersion;
  readonly changed: boolean;
  readonly warnings: readonly { readonly line: number; readonly column: number; readonly message: string }[];
}

export interface DiffLine {
  readonly kind: 'same' | 'added' | 'removed';
  readonly text: string;
}

export interface ArchiveVerification {
  readonly checkedAt: string;
  readonly checkedBy: string;
  readonly ok: boolean;
  readonly checkedFiles: number;
  readonly problems: readonly string[];
}

export interface ArchiveEntry {
  readonly model: string;
  readonly version: number;
  readonly packageDigest: string;
  readonly location: string;
  readonly retainUntil: string;
  readonly reason: string;
  readonly archivedAt: string;
  readonly archivedBy: string;
  readonly lastVerification: ArchiveVerification | null;
  readonly deletion: { readonly deletedAt: string; readonly deletedBy: string; readonly reason: string } | null;
}

export interface ApiKey {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  /** Whose key it is: the two-person rule compares people, so every key of one person acts as them. */
  readonly person: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly revokedAt: string | null;
  readonly rateLimit: number | null;
}

export interface AlertRuleState {
  readonly name: string;
  readonly metric: string;
  readonly op: string;
  readonly threshold: number;
  readonly for: string;
  readonly severity: 'info' | 'warning' | 'critical';
  readonly description?: string;
  /** config: from the monitoring file; api: added over the API or the CLI. */
  readonly source: 'config' | 'api';
  /** ok covers never breached and resolved. */
  readonly state: 'ok' | 'pending' | 'firing';
  readonly since: string | null;
  readonly silencedUntil: string | null;
  readonly lastValue: number | null;
}

export interface AlertEventRecord {
  readonly id: number;
  readonly ruleName: string;
  readonly metric: string;
  readonly fromStatus: string;
  readonly toStatus: string;
  readonly at: string;
  readonly value: number;
  readonly threshold: number;
  readonly severity: string;
  readonly silenced: boolean;
}

export interface ModelAlerts {
  readonly rules: readonly AlertRuleState[];
  readonly events: readonly AlertEventRecord[];
}
