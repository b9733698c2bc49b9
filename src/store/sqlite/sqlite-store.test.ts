import fs from 'node:fs/promises';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/fixtures/test-databases.js';
import { runConcurrently, tsxArgs } from '../../../test/fixtures/run-concurrently.js';
import { describeMetadataStoreContract, newVersion } from '../metadata-store-contract.js';
import { openMetadataStore } from '../open-metadata-store.js';
import { KyselyStoreSession } from '../kysely-store-session.js';
import { openSqlite } from './sqlite-adapter.js';

describeMetadataStoreContract('sqlite', async () => openMetadataStore(`sqlite:${path.join(await tempDir(), 'pitstop.db')}`));

describe('SQLite metadata store', () => {
  it('runs in WAL mode', async () => {
    const file = path.join(await tempDir(), 'pitstop.db');
    await (await openMetadataStore(`sqlite:${file}`)).close();
    const raw = new BetterSqlite3(file);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('refuses to update or delete audit events, even with raw SQL', async () => {
    const file = path.join(await tempDir(), 'pitstop.db');
    const store = await openMetadataStore(`sqlite:${file}`);
    await store.registerVersion(newVersion('m', 'd1'), 'u');
    await store.close();
    const raw = new BetterSqlite3(file);
    expect(() => raw.prepare(`update audit_events set actor = 'mallory'`).run()).toThrow(/append-only/);
    expect(() => raw.prepare('delete from audit_events').run()).toThrow(/append-only/);
    expect(raw.prepare('select count(*) as n from audit_events').get()).toEqual({ n: 1 });
    raw.close();
  });

  it('refuses to change or delete archive records, even with raw SQL', async () => {
    const file = path.join(await tempDir(), 'pitstop.db');
    const store = await openMetadataStore(`sqlite:${file}`);
    await store.archive.addEntry({ model: 'm', version: 1, packageDigest: 'd1', packageKey: 'a'.repeat(64), manifestKey: 'b'.repeat(64), location: '/cold', retainUntil: '2099-01-01T00:00:00.000Z', reason: 'r' }, 'u');
    await store.archive.recordVerification({ model: 'm', version: 1, checkedBy: 'u', ok: true, checkedFiles: 3, problems: [] });
    await expect(store.archive.recordDeletion('m', 1, 'u', 'too early', {})).rejects.toMatchObject({ code: 'ARCHIVE_RETENTION_ACTIVE' });
    await store.close();
    const raw = new BetterSqlite3(file);
    expect(() => raw.prepare(`update archive_entries set retain_until = '2000-01-01'`).run()).toThrow(/append-only/);
    expect(() => raw.prepare('delete from archive_entries').run()).toThrow(/append-only/);
    expect(() => raw.prepare('update archive_verifications set ok = 0').run()).toThrow(/append-only/);
    raw.close();
  });

  it('gives versions 1..20 with no gap or duplicate when 4 processes register at once', async () => {
    const url = `sqlite:${path.join(await tempDir(), 'pitstop.db')}`;
    const worker = path.resolve('test/fixtures/register-versions-worker.ts');
    const outputs = await runConcurrently(process.execPath, ['p0', 'p1', 'p2', 'p3'].map((p) => ({ args: tsxArgs(worker, url, 'race', p, '5') })));
    const numbers = outputs.flatMap((o) => JSON.parse(o) as number[]).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const store = await openMetadataStore(url);
    expect((await store.listVersions('race')).map((v) => v.version)).toEqual(numbers);
    await store.close();
  });

  it('opens an up-to-date database without its write lock, so a read is not held up by a writer', async () => {
    const file = path.join(await tempDir(), 'pitstop.db');
    const first = await openMetadataStore(`sqlite:${file}`);
    await first.registerVersion(newVersion('m', 'd1'), 'u');
    await first.close();
    const locker = new BetterSqlite3(file);
    locker.exec('BEGIN EXCLUSIVE');
    try {
      // Taking the lock to check the migrations would wait out the 30 s busy timeout here.
      const reader = await openMetadataStore(`sqlite:${file}`);
      expect((await reader.listModels()).map((m) => m.name)).toEqual(['m']);
      await reader.close();
    } finally {
      locker.exec('ROLLBACK');
      locker.close();
    }
  });

  it('hands a database with a migration it does not know (from a newer Pitstop) to the Migrator, which refuses it', async () => {
    const file = path.join(await tempDir(), 'pitstop.db');
    await (await openMetadataStore(`sqlite:${file}`)).close();
    const raw = new BetterSqlite3(file);
    raw.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run('9999_from_a_newer_pitstop', new Date().toISOString());
    raw.close();
    await expect(openMetadataStore(`sqlite:${file}`)).rejects.toThrow(/9999_from_a_newer_pitstop/);
  });

  it('explains an unknown database scheme and lists the known ones', async () => {
    await expect(openMetadataStore('mysql://localhost/x')).rejects.toThrow(/unknown database scheme "mysql:".*sqlite:, postgres:/);
  });

  it('says DATABASE_UNAVAILABLE when the file cannot be created', async () => {
    // A directory path that runs through a regular file can never be created.
    const blocker = path.join(await tempDir(), 'a-file');
    await fs.writeFile(blocker, '');
    await expect(openMetadataStore(`sqlite:${blocker}/sub/pitstop.db`)).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: expect.stringContaining(blocker) });
  });

  it('fails a write with DATABASE_UNAVAILABLE once the lock wait is over, without retrying it as a lost connection', async () => {
    const file = path.join(await tempDir(), 'pitstop.db');
    const adapter = openSqlite(file);
    const session = new KyselyStoreSession(adapter, () => new Date());
    // Another process holding the write lock (WAL mode: EXCLUSIVE takes the same lock as IMMEDIATE).
    const locker = new BetterSqlite3(file);
    locker.exec('BEGIN EXCLUSIVE');
    try {
      let bodyRuns = 0;
      const started = Date.now();
      await expect(session.write(async () => bodyRuns++, { lockWaitMs: 100, retryOnConnectionLoss: true }))
        .rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: expect.stringMatching(/locked by another process/) });
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(bodyRuns).toBe(0);
    } finally {
      locker.exec('ROLLBACK');
      locker.close();
      await adapter.db.destroy();
    }
  });
});
