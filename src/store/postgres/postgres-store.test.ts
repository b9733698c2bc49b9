import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { freshPostgresStores } from '../../../test/fixtures/backends.js';
import { checkPostgres, POSTGRES_URL, postgresUrlWithSchema } from '../../../test/fixtures/test-databases.js';
import { runConcurrently, tsxArgs } from '../../../test/fixtures/run-concurrently.js';
import { describeMetadataStoreContract, newVersion } from '../metadata-store-contract.js';
import type { MetadataStore } from '../metadata-store.js';
import { openMetadataStore } from '../open-metadata-store.js';

const postgres = await checkPostgres();
const freshStores = freshPostgresStores();

async function freshStore(): Promise<{ store: MetadataStore; schema: string }> {
  const { stores, schema } = await freshStores();
  return { store: stores, schema };
}

describe.skipIf(!postgres.ok)(`PostgreSQL${postgres.ok ? '' : ` (skipped: ${postgres.reason})`}`, () => {
  describeMetadataStoreContract('postgres', async () => (await freshStore()).store);

  it('refuses to update, delete or truncate audit events, even with raw SQL', async () => {
    const { store, schema } = await freshStore();
    await store.registerVersion(newVersion('m', 'd1'), 'u');
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      await client.query(`set search_path = ${schema}`);
      await expect(client.query(`update audit_events set actor = 'mallory'`)).rejects.toThrow(/append-only/);
      await expect(client.query('delete from audit_events')).rejects.toThrow(/append-only/);
      await expect(client.query('truncate audit_events')).rejects.toThrow(/append-only/);
      expect((await client.query('select count(*)::int as n from audit_events')).rows[0]).toEqual({ n: 1 });
    } finally {
      await client.end();
    }
  });

  it('refuses to change or delete archive records, even with raw SQL', async () => {
    const { stores: store, schema } = await freshStores();
    await store.archive.addEntry({ model: 'm', version: 1, packageDigest: 'd1', packageKey: 'a'.repeat(64), manifestKey: 'b'.repeat(64), location: '/cold', retainUntil: '2099-01-01T00:00:00.000Z', reason: 'r' }, 'u');
    await expect(store.archive.recordDeletion('m', 1, 'u', 'too early', {})).rejects.toMatchObject({ code: 'ARCHIVE_RETENTION_ACTIVE' });
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      await client.query(`set search_path = ${schema}`);
      await expect(client.query(`update archive_entries set retain_until = '2000-01-01'`)).rejects.toThrow(/append-only/);
      await expect(client.query('delete from archive_entries')).rejects.toThrow(/append-only/);
      await expect(client.query('truncate archive_deletions')).rejects.toThrow(/append-only/);
    } finally {
      await client.end();
    }
  });

  it('gives versions 1..20 with no gap or duplicate when 4 processes register at once', async () => {
    const { store, schema } = await freshStore();
    const url = postgresUrlWithSchema(schema);
    const worker = path.resolve('test/fixtures/register-versions-worker.ts');
    const outputs = await runConcurrently(process.execPath, ['p0', 'p1', 'p2', 'p3'].map((p) => ({ args: tsxArgs(worker, url, 'race', p, '5') })));
    const numbers = outputs.flatMap((o) => JSON.parse(o) as number[]).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await store.listVersions('race')).map((v) => v.version)).toEqual(numbers);
  });
});

describe('PostgreSQL connection errors', () => {
  it('says DATABASE_UNAVAILABLE, naming the server, when nothing listens there', async () => {
    await expect(openMetadataStore('postgres://postgres:secret@127.0.0.1:1/test')).rejects.toMatchObject({
      code: 'DATABASE_UNAVAILABLE',
      message: expect.stringMatching(/cannot reach PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/test/),
    });
  });
});
