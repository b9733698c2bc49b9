// The drift share and latency of one stored window, for overviews of many models at once (the admin API's model list):
// the drift against the package's reference profile is computed once per window and remembered.
import type { Registry } from '../registry/index.js';
import type { MonitoringStore, StoredWindow } from '../store/index.js';
import { driftReport } from './drift/index.js';
import { VersionContexts } from './version-context.js';
import { latencyQuantile } from './windows/latency-histogram.js';
import type { WindowSummary } from './windows/window-summary.js';

export class WindowDrift {
  private readonly contexts: VersionContexts;
  /** Per version, the last window asked about and its drift share: a version's newest window changes about hourly. */
  private readonly shares = new Map<string, { readonly window: string; readonly share: number | null }>();

  constructor(registry: Registry, monitoring: MonitoringStore) {
    this.contexts = new VersionContexts(registry, monitoring);
  }

  /** The share of measured features that drifted in the window (null: nothing measured, e.g. no reference profile). */
  async driftShare(window: StoredWindow): Promise<number | null> {
    const version = `${window.model}@${window.version}`;
    const key = `${window.windowStart}|${window.computedAt}`;
    const known = this.shares.get(version);
    if (known?.window === key) return known.share;
    const summary = window.summary as WindowSummary;
    let share: number | null = null;
    if (summary.rows > 0) {
      const context = await this.contexts.get(window.model, window.version);
      const report = driftReport(context.reference, summary.features);
      share = report.measuredFeatures === 0 ? null : report.driftedShare;
    }
    this.shares.set(version, { window: key, share });
    return share;
  }
}

/** A latency percentile (0..1) of a stored window, in milliseconds, or null without requests. */
export function windowLatencyQuantile(window: StoredWindow, q: number): number | null {
  return latencyQuantile((window.summary as WindowSummary).latency, q);
}
