// Records of the application layer: versioned rule sets (the source as deployed), and the decision log (what each
// call to an application endpoint was asked, what the rules looked up and decided, and which model answered).

export interface RuleSetVersion {
  readonly name: string;
  readonly version: number;
  /** The YAML exactly as deployed; compiled again when loaded. */
  readonly source: string;
  /** SHA-256 of the source. */
  readonly digest: string;
  readonly description: string | null;
  readonly deployedBy: string;
  readonly deployedAt: string;
}

export interface RuleSetSummary {
  readonly name: string;
  readonly latestVersion: number;
  readonly description: string | null;
  readonly deployedBy: string;
  readonly deployedAt: string;
}

export interface DecisionRecord {
  /** ULID, like prediction ids. */
  readonly id: string;
  readonly at: string;
  readonly app: string;
  readonly ruleSetVersion: number;
  /** The route rule that chose the answer, and how: a provider (`respond`), a model, or the rule's fallback. */
  readonly ruleId: string;
  readonly kind: 'respond' | 'model' | 'fallback';
  /** After rules that changed the answer, in order. */
  readonly applied: readonly string[];
  readonly request: unknown;
  /** What the rule set's lookups found, as the rules saw it. */
  readonly features: unknown;
  /** Request headers the rules could read (credentials removed). */
  readonly headers: Readonly<Record<string, string>>;
  readonly output: unknown;
  /** The model that answered (null when a provider did), and its logged prediction. */
  readonly model: string | null;
  readonly modelVersion: number | null;
  readonly predictionId: string | null;
  /** What the model answered before the after rules, for dry runs of other rule sets. */
  readonly modelOutput: unknown;
  readonly caller: string | null;
  readonly latencyMs: number;
}

export interface DecisionQuery {
  readonly app?: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit?: number;
  /** Newest first when true (the last N decisions). */
  readonly newestFirst?: boolean;
}
