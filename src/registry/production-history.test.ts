import { describe, expect, it } from 'vitest';
import type { AuditEvent, Stage } from '../store/index.js';
import { productionVersionsAt } from './production-history.js';

let id = 0;
function moved(at: string, version: number, from: Stage | null, to: Stage): AuditEvent {
  return { id: ++id, at, actor: 'u', action: 'version.stage_changed', model: 'm', version, fromStage: from, toStage: to, reason: null, details: {}, person: null, keyId: null, door: null, operation: null };
}

describe('which version was in production at a time', () => {
  const events = [
    moved('2026-01-01T00:00:00.000Z', 1, null, 'registered'),
    moved('2026-01-02T00:00:00.000Z', 1, 'registered', 'staging'),
    moved('2026-01-03T00:00:00.000Z', 1, 'staging', 'production'),
    moved('2026-01-10T00:00:00.000Z', 2, null, 'registered'),
    moved('2026-02-01T00:00:00.000Z', 1, 'production', 'decommissioned'),
    moved('2026-02-01T00:00:00.000Z', 2, 'staging', 'production'),
  ];

  it('is nobody before the first promotion', () => {
    expect(productionVersionsAt(events, '2026-01-02T12:00:00Z')).toEqual([]);
  });

  it('is v1 between its promotion and its replacement, inclusive of the promotion instant', () => {
    expect(productionVersionsAt(events, '2026-01-03T00:00:00Z')).toEqual([1]);
    expect(productionVersionsAt(events, '2026-01-31T12:00:00Z')).toEqual([1]);
  });

  it('is v2 from the replacement on', () => {
    expect(productionVersionsAt(events, '2026-02-01T00:00:00Z')).toEqual([2]);
    expect(productionVersionsAt(events, '2030-01-01T00:00:00Z')).toEqual([2]);
  });
});
