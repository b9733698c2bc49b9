import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { freshPostgresStores } from '../../../test/fixtures/backends.js';
import { checkPostgres, POSTGRES_URL } from '../../../test/fixtures/test-databases.js';
import { describeLabelStoreContract } from '../label-store-contract.js';
import { describeServingStoresContract } from '../serving-stores-contract.js';
import { describeTrainingRunStoreContract } from '../training-run-store-contract.js';

const postgres = await checkPostgres();
const freshStores = freshPostgresStores();

describe.skipIf(!postgres.ok)(`PostgreSQL serving stores${postgres.ok ? '' : ` (skipped: ${postgres.reason})`}`, () => {
  describeServingStoresContract('postgres', async () => (await freshStores()).stores);
  describeTrainingRunStoreContract('postgres', async () => (await freshStores()).stores);
  describeLabelStoreContract('postgres', async () => (await freshStores()).stores);

  it('moves the revision when a change commits after a later-numbered one was already seen', async () => {
    const { stores, schema } = await freshStores();
    const [early, late] = [new pg.Client({ connectionString: POSTGRES_URL }), new pg.Client({ connectionString: POSTGRES_URL })];
    await Promise.all([early.connect(), late.connect()]);
    const audit = (client: pg.Client) => client.query(`insert into audit_events (at, actor, action) values ('2024-01-01T00:00:00.000Z', 'u', 'test.change')`);
    try {
      for (const client of [early, late]) await client.query(`set search_path = ${schema}`);
      // `early` takes the lower id but commits last: a poller that saw the higher id must still notice it.
      await early.query('begin');
      await audit(early);
      await late.query('begin');
      await audit(late);
      await late.query('commit');
      const seen = await stores.changes.currentRevision();
      await early.query('commit');
      expect(await stores.changes.currentRevision()).toBeGreaterThan(seen);
    } finally {
      await Promise.all([early.end(), late.end()]);
    }
  });
});
