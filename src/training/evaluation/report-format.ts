// How numbers read in the evaluation report: metric values, signed differences, counts. Deterministic (no locale).
import { metricDirection, isMetricName } from '../../metrics/index.js';

/** A metric value with 4 decimals below 10, fewer for larger values, two significant digits for tiny ones. */
export function formatMetric(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return groupThousands(value.toFixed(0));
  if (magnitude >= 100) return value.toFixed(1);
  if (magnitude >= 10) return value.toFixed(2);
  if (magnitude !== 0 && magnitude < 0.001) return value.toPrecision(2);
  return value.toFixed(4);
}

/** A difference with its sign always shown: +0.0123, −0.0040. */
export function formatSigned(value: number): string {
  const text = formatMetric(Math.abs(value));
  if (value > 0) return `+${text}`;
  if (value < 0) return `\u2212${text}`;
  return text;
}

/** 10000 → 10,000. */
export function formatCount(count: number): string {
  return groupThousands(String(Math.round(count)));
}

/** 0.95 → 95%. */
export function formatPercent(share: number): string {
  return `${Number((share * 100).toFixed(1))}%`;
}

/** A p-value, floored at what the resample count can resolve: p < 0.001. */
export function formatPValue(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;
}

const LABELS: Readonly<Record<string, string>> = {
  accuracy: 'Accuracy',
  precision: 'Precision',
  recall: 'Recall',
  f1: 'F1',
  auc: 'ROC AUC',
  log_loss: 'Log loss',
  brier: 'Brier score',
  ece: 'Calibration error (ECE)',
  mae: 'MAE',
  rmse: 'RMSE',
  mape: 'MAPE',
  r2: 'R²',
  precision_at_k: 'Precision@k',
  recall_at_k: 'Recall@k',
  ndcg_at_k: 'NDCG@k',
};

/** A metric's name for people: `ndcg_at_k` → `NDCG@10` when k is known. */
export function metricLabel(name: string, k?: number): string {
  const label = LABELS[name] ?? name;
  return k === undefined ? label : label.replace('@k', `@${k}`);
}

/** The direction of a known metric, or null for a name the registry does not know. */
export function directionOf(name: string): 'higher' | 'lower' | null {
  return isMetricName(name) ? metricDirection(name) : null;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
