// Cold storage: a decommissioned version moves to the archive with its whole record, still replays from there bit
// for bit, is verified file by file (a tampered file is found and refused), cannot be deleted before its retention
// date, and leaves a tombstone when deleted after it.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVED_PACKAGE_FILE, ArchiveVerificationJob, parseArchiveManifest, replayRange } from '../src/archive/index.js';
import { testBackends } from './fixtures/backends.js';
import { MODEL, startTestServer, type TestServer } from './fixtures/serving.js';

for (const backend of testBackends()) {
  describe.skipIf(backend.skipReason !== '')(`the archive on ${backend.name}${backend.skipReason ? ` (skipped: ${backend.skipReason})` : ''}`, () => {
    let t: TestServer;
    const v1Ids: string[] = [];
    const blobPath = (root: string, key: string) => path.join(t.home, root, 'sha256', key.slice(0, 2), key);
    beforeAll(async () => {
      t = await startTestServer(backend);
      for (let i = 0; i < 5; i++) {
        const response = await t.call('POST', `/v1/models/${MODEL}/predict`, { role: 'predictor', body: { records: [{ x1: i, x2: 2, x3: -i / 7 }] } });
        v1Ids.push(...response.body.prediction_ids);
      }
      await t.server.log.flush();
      await t.registry.promote(MODEL, 2, 'v2 is better', 'test');
    });
    afterAll(async () => t?.close());

    it('refuses to archive a version that is not decommissioned, naming its stage', async () => {
      await expect(t.archive.archive(MODEL, 2, { reason: 'no' }, 'test')).rejects.toMatchObject({ code: 'ILLEGAL_STAGE_TRANSITION', message: expect.stringMatching(/v2 is production; only a decommissioned version/) });
    });

    it('archives v1 with its record, verifies the copy, and drops the live copy', async () => {
      const v1 = await t.registry.getVersion(MODEL, 1);
      const outcome = await t.archive.archive(MODEL, 1, { reason: 'replaced by v2', retention: '2s' }, 'auditor');
      expect(Object.keys(outcome.files).sort()).toEqual(['audit.json', 'monitoring-windows.json', ARCHIVED_PACKAGE_FILE, 'training-runs.json', 'version.json'].sort());
      expect(outcome.verification).toMatchObject({ ok: true, checkedFiles: 6, problems: [] });
      expect(outcome.removedLiveCopy).toBe(true);
      expect((await t.registry.getVersion(MODEL, 1)).stage).toBe('archived');
      await expect(fs.access(blobPath('artifacts', v1.artifactKey))).rejects.toThrow();
      // Archived files are written read-only.
      expect((await fs.stat(blobPath('archive', v1.artifactKey))).mode & 0o222).toBe(0);
      const audit = JSON.parse(await fs.readFile(blobPath('archive', outcome.files['audit.json']!.sha256), 'utf8')) as { action: string; toStage: string | null }[];
      expect(audit.map((e) => e.toStage)).toEqual(expect.arrayContaining(['production', 'decommissioned']));
      const [entry] = await t.archive.list(MODEL);
      expect(entry).toMatchObject({ model: MODEL, version: 1, archivedBy: 'auditor', lastVerification: { ok: true }, deletion: null });
      const manifest = parseArchiveManifest(await fs.readFile(blobPath('archive', entry!.manifestKey)), entry!.manifestKey);
      expect(manifest).toMatchObject({ model: MODEL, version: 1, packageDigest: v1.packageDigest, reason: 'replaced by v2', retainUntil: entry!.retainUntil });
      // Two seconds from the moment archiving began, however long the copy took (the entry is written after it).
      expect(Date.parse(manifest.retainUntil) - Date.parse(manifest.archivedAt)).toBe(2000);
      expect(Date.parse(entry!.archivedAt)).toBeGreaterThanOrEqual(Date.parse(manifest.archivedAt));
    });

    it('verifies the archive on a schedule and records who checked', async () => {
      const job = new ArchiveVerificationJob(t.archive, { info: () => undefined, error: () => undefined });
      job.start(50);
      try {
        const deadline = Date.now() + 10_000;
        while ((await t.archive.list(MODEL))[0]?.lastVerification?.checkedBy !== 'archive-verifier' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      } finally {
        await job.stop();
      }
      expect((await t.archive.list(MODEL))[0]!.lastVerification).toMatchObject({ ok: true, checkedBy: 'archive-verifier' });
    });

    it("replays v1's logged predictions from the archive, identical, over HTTP and in bulk", async () => {
      const replay = await t.call('GET', `/v1/predictions/${v1Ids[2]}/replay`, { role: 'viewer' });
      expect(replay.body).toMatchObject({ version: 1, verdict: 'identical', maxAbsDifference: 0 });
      const bulk = await replayRange({ predictions: t.stores.predictions, registry: t.registry }, { model: MODEL, sample: 100 });
      expect(bulk).toMatchObject({ considered: 5, replayed: 5, identical: 5, failures: [], mismatches: [] });
    });

    it('cannot delete before the retention date, whoever asks', async () => {
      await expect(t.archive.delete(MODEL, 1, 'tidy up', 'admin')).rejects.toMatchObject({ code: 'ARCHIVE_RETENTION_ACTIVE', message: expect.stringMatching(/must be kept until/) });
      await expect(t.stores.archive.recordDeletion(MODEL, 1, 'admin', 'straight to the store', {})).rejects.toMatchObject({ code: 'ARCHIVE_RETENTION_ACTIVE' });
    });

    it('finds a tampered archived package, records the failure, and replay refuses it with a clear error', async () => {
      const v1 = await t.registry.getVersion(MODEL, 1);
      const file = blobPath('archive', v1.artifactKey);
      const original = await fs.readFile(file);
      const tampered = Buffer.from(original);
      tampered[tampered.length - 20]! ^= 0x01;
      await fs.chmod(file, 0o644);
      await fs.writeFile(file, tampered);
      try {
        const [result] = await t.archive.verifyAll('scheduler');
        expect(result).toMatchObject({ model: MODEL, version: 1, ok: false });
        expect(result!.problems.join('\n')).toMatch(new RegExp(`${ARCHIVED_PACKAGE_FILE}: artifact ${v1.artifactKey} in .* now hashes to [0-9a-f]{64}: it was changed or corrupted`));
        expect((await t.archive.list(MODEL))[0]!.lastVerification).toMatchObject({ ok: false, checkedBy: 'scheduler' });
        expect((await t.stores.listAudit({ model: MODEL, action: 'archive.verification_failed' })).length).toBe(1);
        // Fresh sessions load the package again (a server keeps the session it loaded, from bytes verified when loaded).
        const bulk = await replayRange({ predictions: t.stores.predictions, registry: t.registry }, { model: MODEL, sample: 100 });
        expect(bulk.failures.length).toBe(5);
        expect(bulk.failures[0]!.error).toMatch(/now hashes to [0-9a-f]{64}: it was changed or corrupted/);
      } finally {
        await fs.writeFile(file, original);
        await fs.chmod(file, 0o444);
      }
      expect((await t.archive.verify(MODEL, 1, 'test')).ok).toBe(true);
    });

    it('restores v1 to decommissioned and archives it again under its first retention date', async () => {
      const [before] = await t.archive.list(MODEL);
      expect((await t.archive.restore(MODEL, 1, 'audit asked for it', 'test')).stage).toBe('decommissioned');
      const again = await t.archive.archive(MODEL, 1, { reason: 'back to cold storage', retention: '50y' }, 'test');
      expect(again.entry.retainUntil).toBe(before!.retainUntil);
      expect((await t.registry.getVersion(MODEL, 1)).stage).toBe('archived');
    });

    it('deletes after the retention date, leaving a tombstone that replay names', async () => {
      const [entry] = await t.archive.list(MODEL);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(entry!.retainUntil) - Date.now() + 50)));
      const { deletedFiles } = await t.archive.delete(MODEL, 1, 'retention over', 'records-officer');
      expect(deletedFiles.length).toBe(6);
      const [tombstone] = await t.stores.listAudit({ model: MODEL, action: 'archive.deleted' });
      expect(tombstone).toMatchObject({ version: 1, actor: 'records-officer', reason: 'retention over', details: { manifestKey: entry!.manifestKey } });
      expect((await t.archive.list(MODEL))[0]!.deletion).toMatchObject({ deletedBy: 'records-officer' });
      await expect(t.registry.loadPackage(MODEL, 1)).rejects.toMatchObject({ code: 'ARCHIVE_NOT_FOUND', message: expect.stringMatching(/deleted from the archive on .* by records-officer after its retention date/) });
      await expect(t.archive.verify(MODEL, 1, 'test')).rejects.toMatchObject({ code: 'ARCHIVE_NOT_FOUND' });
      await expect(t.archive.delete(MODEL, 1, 'again', 'test')).rejects.toMatchObject({ code: 'ARCHIVE_NOT_FOUND' });
    });
  });
}
