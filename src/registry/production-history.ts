// Answers "which version was in production at time T" from the append-only audit log. Pure.
import type { AuditEvent } from '../store/index.js';

/** Versions in production at `at` (ISO-8601), replaying stage changes up to and including that instant. */
export function productionVersionsAt(events: readonly AuditEvent[], at: string): number[] {
  const atTime = Date.parse(at);
  const stageOf = new Map<number, string>();
  for (const event of events) {
    if (Date.parse(event.at) > atTime) break;
    if (event.version !== null && event.toStage !== null) stageOf.set(event.version, event.toStage);
  }
  return [...stageOf].filter(([, stage]) => stage === 'production').map(([version]) => version).sort((a, b) => a - b);
}
