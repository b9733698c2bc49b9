// The second half of the demo: traffic through the app endpoint, labels, rain, the monitoring pass whose alert retrains
// the model, the candidate judged against the champion, promoted under traffic, and the old version archived, replayed
// and explained.
import path from 'node:path';
import { explainLoggedPrediction, replayPrediction } from '../archive/index.js';
import { tableFromRecords } from '../dataset/index.js';
import { PitstopError } from '../errors/index.js';
import type { MonitoringPass, MonitoringService } from '../monitoring/index.js';
import { runEvaluation } from '../training/index.js';
import { RAIN_EXTRA_MINUTES } from './delivery-world.js';
import type { DemoStage } from './demo-setup.js';
import { shown, type DemoSteps } from './demo-steps.js';
import { APP, JUDGE_SHARE, MODEL, RETRAIN_GATE, RMSE_ALERT } from './eta-application.js';
import { modelAnswers, percentile, rmseOf, sendOrders, steadyTraffic, type TrafficReport } from './order-traffic.js';

const CLEAR_ORDERS = 400;
const RAIN_ORDERS = 600;
const LANES = 8;

/** Steps 9 to 18. */
export async function runLifeCycle(stage: DemoStage, steps: DemoSteps): Promise<void> {
  const { client, world, services, monitoring, server } = stage;

  const clear = await steps.run('send traffic through the app endpoint', async () => {
    const report = await sendOrders(client, world.orders(CLEAR_ORDERS, 'clear', 1), LANES);
    refuseFailures(report, 'clear-day traffic');
    return report;
  }, (report) => {
    const byModel = modelAnswers(report).length;
    return `sent ${CLEAR_ORDERS} orders through POST /v1/apps/${APP}/decide (${LANES} at a time): ${byModel} estimated by ${MODEL} v1, ${report.answered.length - byModel} too far, ${report.failed} failed; p50 ${percentile(report.latenciesMs, 50).toFixed(1)} ms, p99 ${percentile(report.latenciesMs, 99).toFixed(1)} ms`;
  });

  const clearAnswers = modelAnswers(clear);
  await steps.run('join labels', async () => {
    const stored = await sendLabels(stage, clearAnswers);
    return { stored, pass: await judgeTrafficSoFar(stage) };
  }, ({ stored, pass }) => `logged ${clearAnswers.length} predictions and joined ${stored} delivered times as labels (POST /v1/feedback): v1 is off by ${rmseOf(clearAnswers).toFixed(2)} min (rmse) on them; a monitoring pass closed their window: ${pass.events.length === 0 ? 'no alert' : alertText(monitoring, pass)}`);

  await steps.run('inject drift', async () => {
    const report = await sendOrders(client, world.orders(RAIN_ORDERS, 'rain', 2), LANES);
    refuseFailures(report, 'rainy-day traffic');
    await sendLabels(stage, modelAnswers(report));
    return report;
  }, (report) => `it rains: ${RAIN_ORDERS} orders from farther away (mean ${meanKm(report).toFixed(1)} km, was ${meanKm(clear).toFixed(1)}) taking ${RAIN_EXTRA_MINUTES} min longer, labelled: v1 is now off by ${rmseOf(modelAnswers(report)).toFixed(2)} min on these ${modelAnswers(report).length}`);

  const pass = await steps.run('run a monitoring pass', async () => {
    const result = await judgeTrafficSoFar(stage);
    if (!result.events.some((e) => e.ruleName === RMSE_ALERT && e.toStatus === 'firing')) {
      throw new PitstopError('INTERNAL', `the ${RMSE_ALERT} alert did not fire (events: ${result.events.map((e) => `${e.ruleName} ${e.toStatus}`).join(', ') || 'none'})`);
    }
    // What the rules judged: v1's latest window, the one this pass closed.
    const judged = (await services.store.monitoring.listWindows({ model: MODEL, version: 1 })).at(-1)!;
    const labelled = await services.store.labels.labelledPredictions({ model: MODEL, version: 1, from: judged.windowStart, to: judged.windowEnd });
    return { result, rows: judged.rows, labelled: labelled.length };
  }, ({ result, rows, labelled }) =>
    `monitoring pass closed the open window and judged it (${rows} rainy-day predictions, ${labelled} labelled): alert ${alertText(monitoring, result)}; notified ops-log (${shown(path.join(stage.home, 'alerts.log'))})`);

  const candidate = await steps.run('retrain', async () => {
    const outcome = pass.result.retrained[0];
    if (!outcome) throw new PitstopError('INTERNAL', `the ${RMSE_ALERT} alert asked for retraining, but the pass retrained nothing`);
    if (outcome.status === 'skipped') throw new PitstopError('INTERNAL', `retraining was skipped: ${outcome.reason}`);
    if (outcome.status !== 'awaiting-approval') throw new PitstopError('GATE_FAILED', `the retrained v${outcome.candidate} was ${outcome.status}: ${outcome.gates.map((g) => g.explanation).join('; ')}`);
    const version = await services.registry.getVersion(MODEL, outcome.candidate);
    const run = (await services.store.runs.listRuns({ model: MODEL })).find((r) => r.packageDigest !== null && r.packageDigest.endsWith(version.packageDigest.replace(/^sha256:/, '')));
    return { version, run };
  }, ({ version, run }) => `retrained ${MODEL} v${version.version} during the pass (alert ${RMSE_ALERT} asked for it) on the oldest ${run?.dataset.rows ?? '?'} labelled orders in ${((run?.durationMs ?? 0) / 1000).toFixed(1)} s: v${version.version} is in ${version.stage}, waiting for a person`);

  await steps.run('evaluate v2 against v1', async () => {
    const evaluation = await evaluateOnNewestLabels(stage, candidate.version.version);
    if (!evaluation.passed) throw new PitstopError('GATE_FAILED', `v${candidate.version.version} does not pass ${RETRAIN_GATE}: ${evaluation.report.gates!.results[0]!.explanation}`);
    return evaluation;
  }, ({ report, rows }) => {
    const [champion, challenger] = report.versions.map((v) => v.metrics.rmse?.value ?? NaN);
    const gate = report.gates!.results[0]!;
    return `evaluated v${candidate.version.version} against v1 on the newest ${rows} labelled orders: rmse ${challenger!.toFixed(2)} vs ${champion!.toFixed(2)} min; gate ${RETRAIN_GATE} ${gate.passed ? 'passed' : 'failed'}`;
  });

  await steps.run(`promote v${candidate.version.version} under traffic`, () => promoteUnderTraffic(stage, candidate.version.version), ({ moves, load }) =>
    `promoted v${candidate.version.version} (POST /admin/models/${MODEL}/promotions): ${moves.map((m) => `v${m.version} ${m.from} → ${m.to}`).join(', ')}; ${load.answered.length + load.failed} requests during the switch answered by ${[...load.versions].sort().map((v) => `v${v}`).join(' and ')}, ${load.failed} failed`);

  await steps.run('archive v1', async () => (await services.archive()).archive(MODEL, 1, { reason: `replaced by v${candidate.version.version} after the rain alert` }, services.config.actor),
    (outcome) => `archived v1 to ${shown(services.config.archiveUrl.replace(/^file:/, ''))} (${Object.keys(outcome.files).length} files and the manifest listing them: ${outcome.verification.checkedFiles} verified; live copy removed), kept until ${outcome.entry.retainUntil.slice(0, 10)}`);

  // A far delivery, so that distance is among the reasons the explanation gives.
  const oldDecision = clearAnswers.find((a) => a.distanceKm >= 8) ?? clearAnswers[0]!;
  await steps.run("replay one of v1's decisions", async () => {
    const made = await services.store.predictions.getPrediction(oldDecision.predictionId);
    const replay = await replayPrediction({ predictions: services.store.predictions, registry: services.registry }, oldDecision.predictionId);
    return { replay, madeAt: made?.at ?? '?' };
  }, ({ replay, madeAt }) => {
    const logged = (replay.logged as { value?: number }).value;
    return `replayed v${replay.version}'s prediction ${replay.predictionId} (${logged?.toFixed(2)} min, made ${madeAt.slice(11, 19)} UTC) from the archive: identical: ${replay.verdict === 'identical' ? 'yes' : `no (${replay.verdict})`} (load ${replay.loadMs.toFixed(0)} ms, run ${replay.runMs.toFixed(1)} ms)`;
  });

  await steps.run('explain it', () => explainLoggedPrediction({ predictions: services.store.predictions, registry: services.registry }, oldDecision.predictionId, { top: 3 }),
    // The first sentence compares the output with the baseline; the next three are the biggest contributions.
    (explained) => `explained it (${explained.method}): ${explained.sentences.slice(0, 4).join(' ')}`);
}

/**
 * A monitoring pass at the present moment that also closes the window still open (after flushing the server's log),
 * so the traffic so far is judged now rather than at the end of the minute; alert events carry this moment.
 */
async function judgeTrafficSoFar(stage: DemoStage): Promise<MonitoringPass> {
  await stage.server.log.flush();
  return stage.monitoring.runPass(new Date(), { closeOpenWindow: true });
}

/** `eta-error-high fired: rmse 16.99 > 6 (critical); ...`, the accuracy alert first. */
function alertText(monitoring: MonitoringService, pass: MonitoringPass): string {
  const fired = pass.events.filter((e) => e.toStatus === 'firing').sort((a, b) => (a.ruleName === RMSE_ALERT ? -1 : b.ruleName === RMSE_ALERT ? 1 : 0));
  const op = (rule: string) => monitoring.config.alerts.rules.find((r) => r.name === rule)?.op ?? 'vs';
  return fired.map((e) => `${e.ruleName} fired: ${e.metric} ${round(e.value)} ${op(e.ruleName)} ${e.threshold} (${e.severity})`).join('; ') || 'none fired';
}

async function sendLabels(stage: DemoStage, answers: ReturnType<typeof modelAnswers>): Promise<number> {
  const body = { labels: answers.map((a) => ({ prediction_id: a.predictionId, actual: a.actual })) };
  const stored = await stage.client.expect<{ labels: unknown[] }>(201, 'POST', '/v1/feedback', body);
  return stored.labels.length;
}

/** The rows retraining judged the candidate on: the newest labelled orders, as the model saw them, with what happened. */
async function evaluateOnNewestLabels(stage: DemoStage, candidate: number) {
  const { registry, store } = stage.services;
  const labelled = await store.labels.labelledPredictions({ model: MODEL });
  const newest = labelled.slice(Math.floor(labelled.length * (1 - JUDGE_SHARE))).map(({ prediction, label }) => ({ ...prediction.input, minutes: label.actual }));
  const versions = [];
  for (const [version, role] of [[1, 'champion'], [candidate, 'challenger']] as const) {
    const pkg = await registry.loadPackage(MODEL, version);
    versions.push({ version, role, manifest: pkg.manifest, modelBytes: pkg.modelBytes() });
  }
  const { report, passed } = await runEvaluation({
    model: MODEL, versions, table: tableFromRecords(newest), source: `newest ${newest.length} labelled orders`, target: 'minutes', gates: [RETRAIN_GATE], bootstrap: { iterations: 200 },
  });
  return { report, passed, rows: newest.length };
}

/** Promotes over HTTP while four lanes keep ordering; returns the moves and every answer seen until v2 answered. */
async function promoteUnderTraffic(stage: DemoStage, version: number) {
  const load = steadyTraffic(stage.client, stage.world.orders(200, 'rain', 3), 4);
  try {
    await sleep(300);
    const { moves } = await stage.client.expect<{ moves: { version: number; from: string; to: string }[] }>(200, 'POST', `/admin/models/${MODEL}/promotions`, { version, reason: `v${version} passed ${RETRAIN_GATE} on the newest labels` });
    const deadline = Date.now() + 10_000;
    while (load.latestVersion !== version && Date.now() < deadline) await sleep(20);
    if (load.latestVersion !== version) throw new PitstopError('INTERNAL', `the server still answered with v${load.latestVersion} 10 s after the promotion`);
    await sleep(300);
    const report = await load.stop();
    if (report.failed > 0) throw new PitstopError('INTERNAL', `${report.failed} of ${report.failed + report.answered.length} requests failed during the promotion: ${report.failures.join('; ')}`);
    return { moves, load: report };
  } finally {
    await load.stop();
  }
}

function refuseFailures(report: TrafficReport, what: string): void {
  if (report.failed > 0) throw new PitstopError('INTERNAL', `${report.failed} requests of the ${what} failed: ${report.failures.join('; ')}`);
}

/** Mean distance of the orders the model estimated (not those too far to deliver). */
function meanKm(report: TrafficReport): number {
  const delivered = report.answered.filter((a) => a.order.minutes !== null);
  return delivered.reduce((sum, a) => sum + a.order.request.distance_km, 0) / Math.max(1, delivered.length);
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
