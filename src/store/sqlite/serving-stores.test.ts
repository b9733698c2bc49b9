import path from 'node:path';
import { afterAll } from 'vitest';
import { tempDir } from '../../../test/fixtures/test-databases.js';
import { openMetadataStore, type Stores } from '../open-metadata-store.js';
import { describeLabelStoreContract } from '../label-store-contract.js';
import { describeServingStoresContract } from '../serving-stores-contract.js';
import { describeTrainingRunStoreContract } from '../training-run-store-contract.js';

const opened: Stores[] = [];
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
});

const openSqliteStores = async (): Promise<Stores> => {
  const stores = await openMetadataStore(`sqlite:${path.join(await tempDir(), 'pitstop.db')}`);
  opened.push(stores);
  return stores;
};

describeServingStoresContract('sqlite', openSqliteStores);
describeTrainingRunStoreContract('sqlite', openSqliteStores);
describeLabelStoreContract('sqlite', openSqliteStores);
