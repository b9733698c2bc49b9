// The delivery app's traffic: orders sent through the decide endpoint by a few concurrent lanes, the answers kept with
// the true minutes so the demo can label them and say how wrong the estimates were; and steady background traffic
// that counts every failure while something changes behind the endpoint.
import type { Order } from './delivery-world.js';
import type { DecideBody, PitstopClient } from './pitstop-client.js';

export interface AnsweredOrder {
  readonly order: Order;
  readonly body: DecideBody;
}

export interface TrafficReport {
  answered: AnsweredOrder[];
  failed: number;
  /** Lines like `503 not ready` for the first few failures. */
  failures: string[];
  latenciesMs: number[];
}

/** Sends every order once, `lanes` at a time. */
export async function sendOrders(client: PitstopClient, orders: readonly Order[], lanes: number): Promise<TrafficReport> {
  const report: TrafficReport = { answered: [], failed: 0, failures: [], latenciesMs: [] };
  let next = 0;
  await Promise.all(Array.from({ length: lanes }, async () => {
    while (next < orders.length) {
      const order = orders[next++]!;
      const answer = await client.decide(order.request);
      report.latenciesMs.push(answer.ms);
      if (answer.status === 200) report.answered.push({ order, body: answer.body });
      else recordFailure(report, answer.status, answer.body);
    }
  }));
  return report;
}

/** Answers the model gave (not the too-far rule), with what really happened. */
export function modelAnswers(report: TrafficReport): { predictionId: string; distanceKm: number; estimate: number; actual: number; version: number }[] {
  return report.answered.flatMap(({ order, body }) =>
    body.prediction_id !== null && body.model !== null && typeof body.decision.value === 'number' && order.minutes !== null
      ? [{ predictionId: body.prediction_id, distanceKm: order.request.distance_km, estimate: body.decision.value, actual: order.minutes, version: body.model.version }]
      : []);
}

/** Root-mean-square error of the answered estimates, in minutes. */
export function rmseOf(answers: readonly { estimate: number; actual: number }[]): number {
  return Math.sqrt(answers.reduce((sum, a) => sum + (a.estimate - a.actual) ** 2, 0) / Math.max(1, answers.length));
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export interface SteadyTraffic {
  /** Stops sending, waits for the requests in flight, and reports them all. */
  stop(): Promise<TrafficReport & { versions: Set<number> }>;
  /** The model version of the latest answer. */
  readonly latestVersion: number | null;
}

/** Keeps `lanes` requests in flight, cycling through `orders`, until stopped. */
export function steadyTraffic(client: PitstopClient, orders: readonly Order[], lanes: number): SteadyTraffic {
  const report: TrafficReport = { answered: [], failed: 0, failures: [], latenciesMs: [] };
  const versions = new Set<number>();
  let running = true;
  let latest: number | null = null;
  let next = 0;
  const done = Promise.all(Array.from({ length: lanes }, async () => {
    while (running) {
      const order = orders[next++ % orders.length]!;
      const answer = await client.decide(order.request);
      report.latenciesMs.push(answer.ms);
      if (answer.status !== 200) {
        recordFailure(report, answer.status, answer.body);
        continue;
      }
      report.answered.push({ order, body: answer.body });
      if (answer.body.model) {
        versions.add(answer.body.model.version);
        latest = answer.body.model.version;
      }
    }
  }));
  return {
    get latestVersion() {
      return latest;
    },
    async stop() {
      running = false;
      await done;
      return { ...report, versions };
    },
  };
}

function recordFailure(report: TrafficReport, status: number, body: unknown): void {
  report.failed++;
  if (report.failures.length < 3) report.failures.push(`${status || 'no answer'} ${(body as { detail?: string } | null)?.detail ?? ''}`.trim());
}
