// The registry over real stores: the same behaviour on SQLite and PostgreSQL, and a failed operation leaves no trace.
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FilesystemArtifactStore } from '../src/artifacts/index.js';
import { generateSigningKeyPair } from '../src/package/index.js';
import { Registry } from '../src/registry/index.js';
import type { MetadataStore } from '../src/store/index.js';
import { testBackends } from './fixtures/backends.js';
import { buildRegressorPackage, regressorSpec, repackage } from './fixtures/packages.js';
import { tempDir } from './fixtures/test-databases.js';

const M = 'house-prices';
const packageV = (label: string) => buildRegressorPackage({ spec: regressorSpec({ version: label }) });

for (const backend of testBackends()) {
  describe.skipIf(backend.skipReason !== '')(`registry on ${backend.name}${backend.skipReason ? ` (skipped: ${backend.skipReason})` : ''}`, () => {
    let store: MetadataStore;
    let artifactsRoot: string;
    let registry: Registry;
    beforeAll(async () => {
      ({ store } = await backend.open());
      artifactsRoot = await tempDir('pitstop-artifacts-');
      registry = new Registry(store, new FilesystemArtifactStore(artifactsRoot));
    });

    /** Everything the registry holds, to prove a refused operation changed nothing. */
    async function snapshot() {
      const models = await store.listModels();
      const versions = await Promise.all(models.map((m) => store.listVersions(m.name)));
      const files = await fs.readdir(artifactsRoot, { recursive: true }).catch(() => []);
      return { models, versions, audit: await store.listAudit(), files: files.sort() };
    }

    it('registers packages as versions 1 and 2, storing each package once', async () => {
      const first = await packageV('a');
      const one = await registry.register(first.bytes, 'alice');
      const again = await registry.register(first.bytes, 'bob');
      const two = await registry.register((await packageV('b')).bytes, 'alice');
      expect([one.version.version, one.created, again.version.version, again.created, two.version.version]).toEqual([1, true, 1, false, 2]);
      expect(one.version).toMatchObject({ model: M, stage: 'registered', packageDigest: first.digest, label: 'a', registeredBy: 'alice' });
      const blobs = (await fs.readdir(artifactsRoot, { recursive: true })).filter((f) => /[0-9a-f]{64}$/.test(f));
      expect(blobs).toHaveLength(2);
    });

    it('reads a registered package back, re-verified', async () => {
      const loaded = await registry.loadPackage(M, 1);
      expect(loaded.manifest.version).toBe('a');
      expect((await registry.getVersion(M, 1)).packageDigest).toBe(loaded.digest);
    });

    it('moves a version to production, decommissioning the one there, with audit events', async () => {
      await registry.setStage(M, 1, 'staging', 'offline eval passed', 'carol');
      await registry.setStage(M, 1, 'production', 'launch', 'carol');
      await registry.setStage(M, 2, 'staging', 'candidate', 'carol');
      const moves = await registry.setStage(M, 2, 'production', 'better RMSE', 'dave');
      expect(moves.map((m) => [m.version, m.from, m.to])).toEqual([[1, 'production', 'decommissioned'], [2, 'staging', 'production']]);
      const stages = (await registry.listVersions(M)).map((v) => [v.version, v.stage]);
      expect(stages).toEqual([[1, 'decommissioned'], [2, 'production']]);
      const events = (await registry.history(M)).events.filter((e) => e.action === 'version.stage_changed');
      expect(events.at(-2)).toMatchObject({ actor: 'dave', version: 1, fromStage: 'production', toStage: 'decommissioned', reason: 'replaced by v2: better RMSE' });
    });

    it('answers which version was in production at a past moment', async () => {
      const events = (await registry.history(M)).events;
      const launch = events.find((e) => e.toStage === 'production' && e.version === 1)!.at;
      const replaced = events.find((e) => e.toStage === 'production' && e.version === 2)!.at;
      expect((await registry.history(M, launch)).productionAt?.versions).toEqual([1]);
      expect((await registry.history(M, replaced)).productionAt?.versions).toEqual([2]);
      expect((await registry.history(M, '2000-01-01T00:00:00Z')).productionAt?.versions).toEqual([]);
    });

    it('rolls back: a decommissioned version returns to production', async () => {
      await registry.setStage(M, 1, 'production', 'v2 misbehaves', 'erin');
      expect((await registry.resolveVersion(M, 'production')).version).toBe(1);
      expect((await registry.getVersion(M, 2)).stage).toBe('decommissioned');
    });

    it('resolves versions by number, alias and stage', async () => {
      await registry.setAlias(M, 'challenger', 2, 'erin');
      expect((await registry.resolveVersion(M, 'challenger')).version).toBe(2);
      expect((await registry.resolveVersion(M, '1')).version).toBe(1);
      expect(await registry.setAlias(M, 'challenger', 1, 'erin')).toBe(2);
      expect(await registry.removeAlias(M, 'challenger', 'erin')).toBe(1);
      await expect(registry.resolveVersion(M, 'challenger')).rejects.toMatchObject({ code: 'VERSION_NOT_FOUND' });
    });

    it('refuses bad requests with specific errors and leaves the registry exactly as it was', async () => {
      const before = await snapshot();
      const good = await packageV('c');
      const tampered = await repackage(good.bytes, (files) => files.set('model.onnx', Buffer.concat([files.get('model.onnx')!, Buffer.from([0])])));
      const otherKey = generateSigningKeyPair();
      const signedByStranger = await buildRegressorPackage({ spec: regressorSpec({ version: 'signed' }), signingKeyPem: otherKey.privateKeyPem });
      const strict = new Registry(store, new FilesystemArtifactStore(artifactsRoot), { trustedKeys: [generateSigningKeyPair().publicKeyPem] });
      const refusals: [() => Promise<unknown>, string][] = [
        [() => registry.register(tampered, 'mallory'), 'PACKAGE_DIGEST_MISMATCH'],
        [() => registry.register(good.bytes.subarray(0, good.bytes.length / 2), 'mallory'), 'PACKAGE_CORRUPT'],
        [() => registry.register(Buffer.from('not a package'), 'mallory'), 'PACKAGE_CORRUPT'],
        [() => strict.register(signedByStranger.bytes, 'mallory'), 'SIGNATURE_UNTRUSTED'],
        [() => registry.setStage(M, 2, 'archived', 'skip ahead', 'mallory').then(() => registry.setStage(M, 2, 'production', 'from archive', 'mallory')), 'ILLEGAL_STAGE_TRANSITION'],
        [() => registry.setStage(M, 99, 'staging', 'r', 'mallory'), 'VERSION_NOT_FOUND'],
        [() => registry.setStage('nope', 1, 'staging', 'r', 'mallory'), 'MODEL_NOT_FOUND'],
        [() => registry.setStage(M, 2, 'staging', '  ', 'mallory'), 'VALIDATION_FAILED'],
        [() => registry.setAlias(M, 'Bad Alias', 1, 'mallory'), 'VALIDATION_FAILED'],
        [() => registry.setAlias(M, 'champion', 42, 'mallory'), 'VERSION_NOT_FOUND'],
        [() => registry.removeAlias(M, 'ghost', 'mallory'), 'ALIAS_NOT_FOUND'],
      ];
      for (const [attempt, code] of refusals) await expect(attempt()).rejects.toMatchObject({ code });
      // The one legal move above (decommissioned → archived) happened before the illegal one was refused.
      const after = await snapshot();
      expect(after.models).toEqual(before.models);
      expect(after.files).toEqual(before.files);
      expect(after.audit.slice(0, before.audit.length)).toEqual(before.audit);
      expect(after.audit.slice(before.audit.length).map((e) => [e.version, e.fromStage, e.toStage])).toEqual([[2, 'decommissioned', 'archived']]);
    });

    it('records the verifying key of a signed package', async () => {
      const keys = generateSigningKeyPair();
      const trusting = new Registry(store, new FilesystemArtifactStore(path.join(artifactsRoot)), { trustedKeys: [keys.publicKeyPem] });
      const signed = await buildRegressorPackage({ spec: regressorSpec({ version: 'signed-ok' }), signingKeyPem: keys.privateKeyPem });
      const result = await trusting.register(signed.bytes, 'alice');
      expect(result.version.signedBy).toMatch(/^[0-9a-f]{16}$/);
      expect(result.package.signatureStatus).toBe('verified');
    });
  });
}
