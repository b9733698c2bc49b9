// Prepares a Pitstop home for the benchmark the way an operator would: every bench model registered and in production,
// and one predictor key (its own rate limit high enough not to throttle the load). Prints the key's token.
import { createServices } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config/index.js';
import { parseManifestSpec } from '../../src/manifest/index.js';
import { buildPackage } from '../../src/package/index.js';
import { generateApiKey } from '../../src/serving/auth/index.js';
import { BENCH_MODELS } from './bench-models.js';

const home = process.env.PITSTOP_HOME;
if (!home) throw new Error('PITSTOP_HOME must name the benchmark home');
const services = await createServices(loadConfig({ PITSTOP_HOME: home }));
for (const model of Object.values(BENCH_MODELS)) {
  const built = await buildPackage({ modelBytes: model.onnx(), spec: parseManifestSpec(model.spec()), createdBy: 'bench' });
  await services.registry.register(built.bytes, 'bench');
  await services.registry.setStage(model.name, 1, 'staging', 'bench', 'bench');
  await services.registry.setStage(model.name, 1, 'production', 'bench', 'bench');
}
const key = generateApiKey();
await services.store.keys.createKey({ id: key.id, name: 'bench', role: 'predictor', secretHash: key.secretHash, salt: key.salt, createdBy: 'bench', rateLimit: 1_000_000 });
await services.close();
process.stdout.write(`${key.token}\n`);
