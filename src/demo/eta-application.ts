// What the demo deploys: the `restaurants` feature table, the `delivery-eta` model's training request, the `eta` rule
// set in front of it, and the monitoring that watches it: a short window, alerts on accuracy and drift, and retraining
// that a person approves.
import { tableFromRecords } from '../dataset/index.js';
import type { NewFeatureTable } from '../store/index.js';
import type { TrainingRequest } from '../training/index.js';
import { MAX_DELIVERY_KM, type HistoryRow } from './delivery-world.js';

export const MODEL = 'delivery-eta';
export const APP = 'eta';
export const TRAINING_ROWS = 3000;
/** Above this root-mean-square error in minutes the estimates are no use to customers. */
export const RMSE_THRESHOLD = 6;
export const RMSE_ALERT = 'eta-error-high';
export const DRIFT_ALERT = 'distance-drift';
/** The gate a retrained candidate must pass against the champion on the newest labelled orders. */
export const RETRAIN_GATE = 'rmse<=0.8*champion';
/** The share of the newest labelled orders retraining keeps out of training to judge champion and candidate on. */
export const JUDGE_SHARE = 0.3;

export const RESTAURANTS_TABLE: NewFeatureTable = {
  name: 'restaurants',
  key: { name: 'restaurant_id', type: 'integer' },
  columns: [{ name: 'prep_minutes', type: 'integer' }, { name: 'cuisine', type: 'category' }],
};

export function trainingRequest(history: readonly HistoryRow[], seed: number): TrainingRequest {
  return {
    kind: 'tabular', table: tableFromRecords(history.map((row) => ({ ...row }))), source: `synthetic order history (seed ${seed})`,
    target: 'minutes', algorithm: 'gbdt', task: 'regression', name: MODEL, version: 'demo-v1', seed,
    params: { nTrees: 100, maxDepth: 4, learningRate: 0.1, minLeaf: 10 },
    description: 'minutes from order to door for the food-delivery demo',
  };
}

export const ETA_RULE_SET = `name: ${APP}
description: delivery time estimates; orders beyond ${MAX_DELIVERY_KM} km are not deliverable
lookups:
  - table: ${RESTAURANTS_TABLE.name}
    key: request.restaurant_id
    required: true
route:
  - id: too-far
    when: request.distance_km > ${MAX_DELIVERY_KM}
    respond: { provider: constant, args: { deliverable: "false" } }
  - id: estimate
    model:
      name: ${MODEL}
      input: { distance_km: request.distance_km, prep_minutes: features.prep_minutes, cuisine: features.cuisine, hour: request.hour }
after:
  - id: minutes
    when: output.value is not null
    set: { eta_minutes: "round(output.value)", deliverable: "true" }
`;

/**
 * The demo home's monitoring file: one-minute windows, the alerts and retraining of the demo, read by the demo and by
 * every later `pitstop serve`, `monitor` and `alerts` in that home.
 */
export const MONITORING_YAML = `# Written by pitstop demo: how delivery-eta is monitored (see "Monitoring, feedback and alerts" in the README).
window: 1m
channels:
  - { name: ops-log, type: log }
rules:
  - { name: ${RMSE_ALERT}, model: ${MODEL}, metric: rmse, op: ">", threshold: ${RMSE_THRESHOLD}, for: 0s, severity: critical, retrain: true }
  - { name: ${DRIFT_ALERT}, model: ${MODEL}, metric: "drift:distance_km", op: ">=", threshold: 1, for: 0s, severity: warning }
retraining:
  - { model: ${MODEL}, promotion: manual, gates: ["${RETRAIN_GATE}"], minLabels: 200, holdout: ${JUDGE_SHARE} }
`;
