// `pitstop serve` for the benchmark, with validation, logging and batching on, over a fresh SQLite home.
// Prints its URL and an API key on stdout.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config/index.js';
import { buildPackage } from '../../src/package/index.js';
import { parseManifestSpec } from '../../src/manifest/index.js';
import { createPitstopServer } from '../../src/serving/index.js';
import { generateApiKey } from '../../src/serving/auth/index.js';
import { benchModelOnnx, FEATURES } from './tree-ensemble-model.js';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pitstop-bench-'));
const services = await createServices(loadConfig({ PITSTOP_HOME: home }));
const features = Array.from({ length: FEATURES }, (_, i) => ({ name: `f${i}`, type: 'number' as const, min: 0, max: 1 }));
const spec = parseManifestSpec({
  name: 'trees', version: '1', task: 'regression', framework: { name: 'pitstop-bench' }, features,
  inputs: [{ name: 'input', dtype: 'float32', features: features.map((f) => f.name) }], outputs: [{ name: 'variable', role: 'value' }],
});
const built = await buildPackage({ modelBytes: benchModelOnnx(), spec, createdBy: 'bench' });
await services.registry.register(built.bytes, 'bench');
await services.registry.setStage('trees', 1, 'staging', 'bench', 'bench');
await services.registry.setStage('trees', 1, 'production', 'bench', 'bench');
const key = generateApiKey();
await services.store.keys.createKey({ id: key.id, name: 'bench', role: 'predictor', secretHash: key.secretHash, salt: key.salt, createdBy: 'bench', rateLimit: null });
const server = await createPitstopServer(services.store, services.registry, {
  home, logLevel: 'warn',
  batch: { maxBatchSize: Number(process.env.BENCH_MAX_BATCH ?? 64), maxWaitMs: Number(process.env.BENCH_MAX_WAIT_MS ?? 0) },
  defaultRateLimit: 1_000_000,
});
const url = await server.listen(0);
process.stdout.write(`${url} ${key.token}\n`);
process.on('SIGTERM', () => void server.close().then(() => services.close()).then(() => process.exit(0)));
