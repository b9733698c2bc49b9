// Summarises every closed window of every monitored version that is not summarised yet. Incremental: each pass reads
// only the predictions of new windows, once; later reports and alerts read the stored sketches. Windows end at
// multiples of the window size; a pass may close the open window early, at its own time, and the next window then
// runs from there to the next multiple.
import type { PredictionLogStore, PredictionRecord, MonitoringStore } from '../store/index.js';
import type { MonitoredVersion, VersionContexts } from './version-context.js';
import { summarizePredictions } from './windows/window-summary.js';

export interface WindowJobDeps {
  readonly predictions: PredictionLogStore;
  readonly monitoring: MonitoringStore;
  readonly contexts: VersionContexts;
}

/** Most windows one pass computes per version, so a long-idle monitor catches up in steps instead of one huge pass. */
const MAX_WINDOWS_PER_PASS = 24 * 7;
/** Predictions read per query. */
const PAGE = 5_000;

/** Where a pass closes windows: the last multiple of the window size, or `now` itself when it closes the open window. */
export function closedUntil(now: Date, windowMs: number, closeOpenWindow = false): number {
  return closeOpenWindow ? now.getTime() : Math.floor(now.getTime() / windowMs) * windowMs;
}

/**
 * `closeOpenWindow`: also summarise the window still open, up to `now` (the caller has flushed the prediction log,
 * since a prediction logged later with an earlier time would fall in a window already summarised).
 */
export async function summarizeClosedWindows(
  deps: WindowJobDeps, versions: readonly MonitoredVersion[], windowMs: number, now: Date, closeOpenWindow = false,
): Promise<number> {
  let written = 0;
  const until = closedUntil(now, windowMs, closeOpenWindow);
  for (const { model, version } of versions) {
    let start = await nextWindowStart(deps, model, version, windowMs);
    for (let n = 0; start !== null && start < until && n < MAX_WINDOWS_PER_PASS; n++) {
      const end = nextWindowEnd(start, windowMs, until);
      const records = await windowPredictions(deps.predictions, model, version, start, end);
      // The first window with predictions fixes how outputs are binned; contexts fetched after it see that binning.
      const context = await deps.contexts.get(model, version);
      const summary = summarizePredictions(records, context.plan);
      await deps.monitoring.saveWindow({
        model, version, windowStart: new Date(start).toISOString(), windowEnd: new Date(end).toISOString(), rows: records.length, summary, computedAt: now.toISOString(),
      });
      written++;
      start = end;
    }
  }
  return written;
}

/** The next multiple of the window size after `start` (which a window closed early may have left off one), or `until`. */
function nextWindowEnd(start: number, windowMs: number, until: number): number {
  return Math.min((Math.floor(start / windowMs) + 1) * windowMs, until);
}

/** After the last stored window; for a version never summarised, the window of its first prediction (null: none yet). */
async function nextWindowStart(deps: WindowJobDeps, model: string, version: number, windowMs: number): Promise<number | null> {
  const lastEnd = await deps.monitoring.lastWindowEnd(model, version);
  if (lastEnd) return Date.parse(lastEnd);
  const [first] = await deps.predictions.listPredictions({ model, version, limit: 1 });
  return first ? Math.floor(Date.parse(first.at) / windowMs) * windowMs : null;
}

async function windowPredictions(store: PredictionLogStore, model: string, version: number, start: number, end: number): Promise<PredictionRecord[]> {
  const from = new Date(start).toISOString();
  const to = new Date(end).toISOString();
  const all: PredictionRecord[] = [];
  let afterId: string | undefined;
  for (;;) {
    const page = await store.listPredictions({ model, version, from, to, limit: PAGE, ...(afterId ? { afterId } : {}) });
    all.push(...page);
    if (page.length < PAGE) return all;
    afterId = page[page.length - 1]!.id;
  }
}
