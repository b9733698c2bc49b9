// The monitoring report (GET /admin/models/{name}/monitoring), as the GUI reads it: the server's MonitoringReport.

export type DriftMethod = 'psi' | 'ks' | 'wasserstein' | 'js' | 'chi2';

export interface NumericDistribution {
  readonly kind: 'numeric';
  readonly edges: readonly number[];
  readonly reference: readonly number[];
  readonly current: readonly number[];
}

export interface CategoricalDistribution {
  readonly kind: 'categorical';
  readonly categories: readonly string[];
  readonly reference: readonly number[];
  readonly current: readonly number[];
  readonly other: { readonly reference: number; readonly current: number };
}

export interface FeatureDrift {
  readonly feature: string;
  readonly kind: 'numeric' | 'categorical';
  readonly method: DriftMethod;
  readonly statistic: number;
  readonly threshold: number;
  readonly drifted: boolean;
  readonly pValue?: number;
  readonly warning: boolean;
  readonly rows: { readonly reference: number; readonly current: number };
  readonly skipped?: string;
  readonly distribution: NumericDistribution | CategoricalDistribution | null;
}

export interface DriftReport {
  readonly features: readonly FeatureDrift[];
  readonly measuredFeatures: number;
  readonly driftedFeatures: number;
  readonly driftedShare: number;
  readonly datasetDrifted: boolean;
}

export interface FeaturePoint {
  readonly statistic: number;
  readonly threshold: number;
  readonly drifted: boolean;
  readonly method: DriftMethod;
  readonly pValue?: number;
}

export interface PerformancePoint {
  readonly value: number | null;
  readonly low?: number;
  readonly high?: number;
  readonly rows: number;
  readonly estimated: boolean;
}

export interface TimelinePoint {
  readonly version: number;
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly rows: number;
  readonly driftedShare: number | null;
  readonly features: Readonly<Record<string, FeaturePoint>>;
  readonly performance: Readonly<Record<string, PerformancePoint>>;
  readonly operational: { readonly requests: number; readonly errors: number; readonly p50Ms: number | null; readonly p95Ms: number | null; readonly p99Ms: number | null };
}

export interface MonitoringReport {
  readonly model: string;
  readonly generatedAt: string;
  readonly window: { readonly from: string; readonly to: string; readonly label: string };
  readonly task: string;
  readonly versions: readonly { readonly version: number; readonly role: string; readonly predictions: number; readonly labelled: number }[];
  readonly drift: readonly { readonly version: number; readonly reference: string; readonly report: DriftReport; readonly prediction: FeatureDrift | null }[];
  readonly timeline: readonly TimelinePoint[];
  readonly alerts: readonly { readonly rule: string; readonly metric: string; readonly from: string; readonly to: string; readonly at: string; readonly value: number; readonly threshold: number; readonly severity: string }[];
}
