import { describe, expect, it } from 'vitest';
import type { Stage, TrafficPolicy, VersionRecord } from '../../store/index.js';
import { buildRoutingTable, desiredVersions } from './routing-table.js';

function version(model: string, n: number, stage: Stage): VersionRecord {
  return { model, version: n, stage, packageDigest: `d${n}`, artifactKey: 'k', artifactSize: 1, label: '', task: 'regression', description: null, tags: {}, manifest: {}, signedBy: null, registeredBy: '', registeredAt: '', stageChangedAt: '' };
}

const policy = (model: string, canary: TrafficPolicy['canary'], shadow: TrafficPolicy['shadow'] = null): TrafficPolicy => ({ model, canary, shadow, updatedBy: 'u', updatedAt: '' });

describe('the routing table derived from the registry', () => {
  it('routes to the production version and serves staging versions too', () => {
    const table = buildRoutingTable({ versions: [version('m', 1, 'production'), version('m', 2, 'staging'), version('m', 3, 'registered')], aliases: [], traffic: [] });
    expect(table.get('m')).toMatchObject({ primary: 1, canary: null });
    expect([...table.get('m')!.servable].sort()).toEqual([1, 2]);
  });

  it('falls back to the newest staging version when nothing is in production', () => {
    const table = buildRoutingTable({ versions: [version('m', 1, 'staging'), version('m', 2, 'staging')], aliases: [], traffic: [] });
    expect(table.get('m')!.primary).toBe(2);
  });

  it('leaves out models with nothing to serve', () => {
    expect(buildRoutingTable({ versions: [version('m', 1, 'registered'), version('m', 2, 'archived')], aliases: [], traffic: [] }).size).toBe(0);
  });

  it('serves canary and shadow versions, and ignores zero percentages', () => {
    const table = buildRoutingTable({
      versions: [version('m', 1, 'production'), version('m', 2, 'decommissioned'), version('m', 3, 'registered')],
      aliases: [{ model: 'm', alias: 'challenger', version: 2, updatedBy: '', updatedAt: '' }],
      traffic: [policy('m', { version: 2, percent: 10 }, { version: 3, percent: 0 })],
    });
    expect(table.get('m')).toMatchObject({ canary: { version: 2, percent: 10 }, shadow: null });
    expect(table.get('m')!.aliases.get('challenger')).toBe(2);
    expect(desiredVersions(table)).toEqual(expect.arrayContaining([{ model: 'm', version: 1 }, { model: 'm', version: 2 }]));
    expect(desiredVersions(table)).toHaveLength(2);
  });
});
