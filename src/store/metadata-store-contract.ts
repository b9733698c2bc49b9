// The behaviour every MetadataStore must have; SQLite and PostgreSQL each run this same suite.
import { describe, expect, it } from 'vitest';
import type { MetadataStore } from './metadata-store.js';
import type { NewVersion, StageMove, VersionRecord } from './records.js';

export function newVersion(model: string, digest: string, overrides: Partial<NewVersion> = {}): NewVersion {
  return {
    model, packageDigest: digest, artifactKey: digest.padEnd(64, '0').slice(0, 64), artifactSize: 123, label: `label-${digest}`,
    task: 'classification', description: null, tags: {}, manifest: { name: model, digest }, signedBy: null, ...overrides,
  };
}

/** A planner that moves one version, for testing the store's mechanics without the registry's state machine. */
export function moveOne(version: number, to: VersionRecord['stage']) {
  return (versions: readonly VersionRecord[]): StageMove[] => {
    const current = versions.find((v) => v.version === version)!;
    return [{ version, from: current.stage, to, reason: `test move to ${to}` }];
  };
}

export function describeMetadataStoreContract(name: string, createStore: () => Promise<MetadataStore>): void {
  describe(`MetadataStore contract: ${name}`, () => {
    it('creates the model on first registration and numbers versions 1, 2, 3', async () => {
      const store = await createStore();
      const results = [];
      for (const digest of ['a1', 'b2', 'c3']) results.push(await store.registerVersion(newVersion('iris', digest), 'alice'));
      expect(results.map((r) => [r.version.version, r.created])).toEqual([[1, true], [2, true], [3, true]]);
      expect(results[0]!.version).toMatchObject({ model: 'iris', stage: 'registered', registeredBy: 'alice', manifest: { name: 'iris', digest: 'a1' } });
      expect((await store.getModel('iris'))?.latestVersion).toBe(3);
      expect((await store.listVersions('iris')).map((v) => v.version)).toEqual([1, 2, 3]);
    });

    it('returns the existing version when the same package digest is registered again', async () => {
      const store = await createStore();
      await store.registerVersion(newVersion('iris', 'same'), 'alice');
      const again = await store.registerVersion(newVersion('iris', 'same'), 'bob');
      expect(again).toMatchObject({ created: false, version: { version: 1, registeredBy: 'alice' } });
      expect(await store.listVersions('iris')).toHaveLength(1);
    });

    it('keeps version numbers per model', async () => {
      const store = await createStore();
      await store.registerVersion(newVersion('a', 'x1'), 'u');
      const b = await store.registerVersion(newVersion('b', 'x2'), 'u');
      expect(b.version.version).toBe(1);
      const models = await store.listModels();
      expect(models.map((m) => [m.name, m.versionCount])).toEqual([['a', 1], ['b', 1]]);
    });

    it('applies stage moves atomically and records each in the audit log', async () => {
      const store = await createStore();
      await store.registerVersion(newVersion('m', 'd1'), 'u');
      await store.changeStages('m', moveOne(1, 'staging'), 'carol');
      expect((await store.getVersion('m', 1))?.stage).toBe('staging');
      const events = await store.listAudit({ model: 'm', action: 'version.stage_changed' });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actor: 'carol', version: 1, fromStage: 'registered', toStage: 'staging', reason: 'test move to staging' });
    });

    it('leaves everything unchanged when the planner refuses', async () => {
      const store = await createStore();
      await store.registerVersion(newVersion('m', 'd1'), 'u');
      const before = await store.listAudit();
      await expect(store.changeStages('m', () => { throw new Error('refused'); }, 'u')).rejects.toThrow('refused');
      expect(await store.listAudit()).toEqual(before);
      expect((await store.getVersion('m', 1))?.stage).toBe('registered');
    });

    it('says MODEL_NOT_FOUND and VERSION_NOT_FOUND for unknown names and numbers', async () => {
      const store = await createStore();
      await expect(store.changeStages('nope', moveOne(1, 'staging'), 'u')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
      await store.registerVersion(newVersion('m', 'd1'), 'u');
      await expect(store.setAlias('m', 'champion', 9, 'u')).rejects.toMatchObject({ code: 'VERSION_NOT_FOUND' });
      expect(await store.getVersion('m', 9)).toBeUndefined();
      expect(await store.getModel('nope')).toBeUndefined();
    });

    it('points an alias at exactly one version and moves it', async () => {
      const store = await createStore();
      await store.registerVersion(newVersion('m', 'd1'), 'u');
      await store.registerVersion(newVersion('m', 'd2'), 'u');
      expect(await store.setAlias('m', 'champion', 1, 'u')).toBeNull();
      expect(await store.setAlias('m', 'champion', 2, 'u')).toBe(1);
      expect(await store.listAliases('m')).toMatchObject([{ alias: 'champion', version: 2 }]);
      expect(await store.removeAlias('m', 'champion', 'u')).toBe(2);
      expect(await store.removeAlias('m', 'champion', 'u')).toBeNull();
      expect(await store.listAliases('m')).toEqual([]);
    });

    it('updates a model description and tags', async () => {
      const store = await createStore();
      await store.registerVersion(newVersion('m', 'd1'), 'u');
      const updated = await store.updateModel('m', { description: 'iris classifier', tags: { team: 'fraud' } }, 'u');
      expect(updated).toMatchObject({ description: 'iris classifier', tags: { team: 'fraud' } });
    });

    it('filters the audit log by model, action and time', async () => {
      const store = await createStore();
      await store.registerVersion(newVersion('a', 'd1'), 'u');
      await store.registerVersion(newVersion('b', 'd2'), 'u');
      expect((await store.listAudit({ model: 'b' })).map((e) => e.model)).toEqual(['b']);
      expect(await store.listAudit({ from: '2999-01-01T00:00:00.000Z' })).toEqual([]);
      expect(await store.listAudit({ limit: 1 })).toHaveLength(1);
    });

    it('pages the audit log newest first below an id, by actor', async () => {
      const store = await createStore();
      for (const [model, digest, actor] of [['a', 'd1', 'ann'], ['b', 'd2', 'bob'], ['c', 'd3', 'ann'], ['d', 'd4', 'ann']] as const) await store.registerVersion(newVersion(model, digest), actor);
      const newest = await store.listAudit({ actor: 'ann', newestFirst: true, limit: 2 });
      expect(newest.map((e) => e.model)).toEqual(['d', 'c']);
      expect((await store.listAudit({ actor: 'ann', newestFirst: true, beforeId: newest[1]!.id })).map((e) => e.model)).toEqual(['a']);
    });

    it("lists every model's aliases, and when each model's production version went into production", async () => {
      const store = await createStore();
      await store.registerVersion(newVersion('m', 'd1'), 'u');
      await store.registerVersion(newVersion('n', 'd2'), 'u');
      await store.setAlias('n', 'champion', 1, 'u');
      await store.setAlias('m', 'beta', 1, 'u');
      expect((await store.listAliases()).map((a) => `${a.model}:${a.alias}`)).toEqual(['m:beta', 'n:champion']);
      await store.changeStages('m', moveOne(1, 'staging'), 'u');
      await store.changeStages('m', moveOne(1, 'production'), 'u');
      const [m, n] = await store.listModels();
      expect(m!.productionSince).toBe((await store.getVersion('m', 1))!.stageChangedAt);
      expect(n!.productionSince).toBeNull();
    });
  });
}
