import { describe } from 'vitest';
import { freshPostgresStores } from '../../../test/fixtures/backends.js';
import { checkPostgres } from '../../../test/fixtures/test-databases.js';
import { describeFeatureStoreContract } from '../feature-store-contract.js';

const postgres = await checkPostgres();
const freshStores = freshPostgresStores();

describe.skipIf(!postgres.ok)(`PostgreSQL feature store${postgres.ok ? '' : ` (skipped: ${postgres.reason})`}`, () => {
  describeFeatureStoreContract('postgres', async () => (await freshStores()).stores);
});
