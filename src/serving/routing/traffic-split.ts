// Chooses the version for one request: canary by percentage (sticky per caller key), shadow as a copy. Pure.
import { createHash } from 'node:crypto';
import type { ModelRoutes } from './routing-table.js';

export interface RouteChoice {
  readonly version: number;
  readonly route: 'primary' | 'canary';
  /** A version that also gets a copy of this request, whose answer is logged and never returned. */
  readonly shadowVersion: number | null;
}

/**
 * `stickyKey` (the caller's key id, or a header the caller chooses) keeps one caller on one side of a canary;
 * without it each request draws at random.
 */
export function chooseRoute(routes: ModelRoutes, stickyKey: string | null, random: () => number = Math.random): RouteChoice | null {
  if (routes.primary === null) return null;
  const canary = routes.canary;
  const useCanary = canary !== null && canary.version !== routes.primary && bucket(`${routes.model}:canary:${stickyKey ?? ''}`, stickyKey, random) < canary.percent;
  const version = useCanary ? canary.version : routes.primary;
  const shadow = routes.shadow;
  const shadowVersion = shadow !== null && shadow.version !== version && random() * 100 < shadow.percent ? shadow.version : null;
  return { version, route: useCanary ? 'canary' : 'primary', shadowVersion };
}

/** A number in [0, 100): stable for a sticky key, random otherwise. */
function bucket(seed: string, stickyKey: string | null, random: () => number): number {
  if (stickyKey === null) return random() * 100;
  return (createHash('sha256').update(seed).digest().readUInt32BE(0) / 2 ** 32) * 100;
}
