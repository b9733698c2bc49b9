// Records of monitoring: window summaries (sketches) per model version, alert rules, their states and state changes.

export interface StoredWindow {
  readonly model: string;
  readonly version: number;
  /** ISO-8601, inclusive. */
  readonly windowStart: string;
  /** ISO-8601, exclusive. */
  readonly windowEnd: string;
  readonly rows: number;
  /** The window's WindowSummary (monitoring's format), stored whole. */
  readonly summary: unknown;
  readonly computedAt: string;
}

export interface WindowQuery {
  readonly model: string;
  readonly version?: number;
  /** Windows starting at or after. */
  readonly from?: string;
  /** Windows starting before. */
  readonly to?: string;
}

export interface StoredAlertRule {
  readonly model: string;
  readonly name: string;
  /** The rule as monitoring's AlertRule schema defines it. */
  readonly rule: unknown;
  readonly createdBy: string;
  readonly createdAt: string;
}

export interface StoredAlertState {
  readonly fingerprint: string;
  readonly model: string;
  readonly ruleName: string;
  /** The state machine's AlertState, as JSON. */
  readonly state: unknown;
  readonly silencedUntil: string | null;
  readonly updatedAt: string;
}

export interface AlertEventRecord {
  readonly id: number;
  readonly fingerprint: string;
  readonly model: string;
  readonly ruleName: string;
  readonly metric: string;
  readonly fromStatus: string;
  readonly toStatus: string;
  readonly at: string;
  readonly value: number;
  readonly threshold: number;
  readonly severity: string;
  readonly silenced: boolean;
  /** What each channel made of the notification (empty when none was sent). */
  readonly deliveries: unknown[];
}

export interface MonitoringStore {
  /** Stores a computed window; computing the same window again replaces it. */
  saveWindow(window: StoredWindow): Promise<void>;
  listWindows(query: WindowQuery): Promise<StoredWindow[]>;
  /** The newest window holding any predictions of each of these versions (none for a version without one); one query. */
  latestWindows(versions: readonly { readonly model: string; readonly version: number }[]): Promise<StoredWindow[]>;
  /** The end of the version's latest stored window, or null. */
  lastWindowEnd(model: string, version: number): Promise<string | null>;
  putRule(rule: Omit<StoredAlertRule, 'createdAt'>): Promise<StoredAlertRule>;
  deleteRule(model: string, name: string): Promise<boolean>;
  listRules(model?: string): Promise<StoredAlertRule[]>;
  getAlertState(fingerprint: string): Promise<StoredAlertState | undefined>;
  /** The alert states of these models (every model's when absent). */
  listAlertStates(models?: readonly string[]): Promise<StoredAlertState[]>;
  saveAlertState(state: Omit<StoredAlertState, 'updatedAt'>): Promise<void>;
  appendAlertEvent(event: Omit<AlertEventRecord, 'id'>): Promise<AlertEventRecord>;
  /** Oldest first, unless `newestFirst`. */
  listAlertEvents(query: { model?: string; from?: string; to?: string; limit?: number; newestFirst?: boolean }): Promise<AlertEventRecord[]>;
}
