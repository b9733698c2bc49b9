import path from 'node:path';
import { afterAll } from 'vitest';
import { tempDir } from '../../../test/fixtures/test-databases.js';
import { describeFeatureStoreContract } from '../feature-store-contract.js';
import { openMetadataStore, type Stores } from '../open-metadata-store.js';

const opened: Stores[] = [];
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
});

describeFeatureStoreContract('sqlite', async () => {
  const stores = await openMetadataStore(`sqlite:${path.join(await tempDir(), 'pitstop.db')}`);
  opened.push(stores);
  return stores;
});
