// Records for serving: API keys, traffic policies and the prediction log. Plain data, free of driver types.

export const ROLES = ['viewer', 'predictor', 'deployer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface ApiKeyRecord {
  /** Public identifier, the part of the key before the secret (e.g. `psk_01HF...`). */
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  /** scrypt(secret, salt) as hex; the secret itself is never stored. */
  readonly secretHash: string;
  readonly salt: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
  /** Requests per second allowed for this key (null: the server default). */
  readonly rateLimit: number | null;
  /** The person the key belongs to: keys a person creates for themselves act as that person. */
  readonly person: string;
}

export interface TrafficPolicy {
  readonly model: string;
  /** Version that receives `canaryPercent` of the traffic; sticky per caller key when one is given. */
  readonly canary: { readonly version: number; readonly percent: number } | null;
  /** Version that receives a copy of `shadowPercent` of the requests; its answers are logged, never returned. */
  readonly shadow: { readonly version: number; readonly percent: number } | null;
  readonly updatedBy: string;
  readonly updatedAt: string;
}

export type PredictionRoute = 'primary' | 'canary' | 'shadow' | 'pinned';

export interface PredictionRecord {
  /** ULID: sortable by time. */
  readonly id: string;
  readonly at: string;
  readonly model: string;
  readonly version: number;
  readonly packageDigest: string;
  /** API key id of the caller, or null when auth is off. */
  readonly caller: string | null;
  readonly requestId: string | null;
  readonly route: PredictionRoute;
  /** The validated input features, as the model saw them. */
  readonly input: Readonly<Record<string, unknown>>;
  readonly output: unknown;
  readonly latencyMs: number;
  /** The model run that answered it (absent for predictions logged before runs were recorded). */
  readonly run?: ModelRun | null;
}

/** One session run of a batch of records: its id, this record's position in it, and how many records it held. */
export interface ModelRun {
  readonly id: string;
  readonly index: number;
  readonly size: number;
}

export interface PredictionQuery {
  readonly model?: string;
  readonly version?: number;
  readonly from?: string;
  readonly to?: string;
  readonly limit?: number;
  /** Return predictions with ids greater than this (keyset pagination). */
  readonly afterId?: string;
  /** Return predictions with ids less than this (keyset pagination, newest first). */
  readonly beforeId?: string;
  /** Newest id first (default: oldest first). */
  readonly newestFirst?: boolean;
  readonly id?: string;
  /** An input feature to match: with `value`, its value as text (numbers as written, true/false); alone, present and not null. */
  readonly feature?: string;
  readonly value?: string;
  /** The output's `label`, as text. */
  readonly label?: string;
  /** Bounds (inclusive) on the output's numeric `value`. */
  readonly minValue?: number;
  readonly maxValue?: number;
}

/** What a model answered recently: predictions logged (shadow copies left out) and their 99th latency percentile. */
export interface ModelActivity {
  readonly model: string;
  readonly predictions: number;
  readonly p99LatencyMs: number | null;
}
