// The server for `npm run bench:app`: the serving benchmark's tree model, a feature table of 10,000 entities with 10
// of its 20 features, and a 3-rule set in front of the model. Prints its URL and an API key on stdout.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config/index.js';
import { parseManifestSpec } from '../../src/manifest/index.js';
import { buildPackage } from '../../src/package/index.js';
import { deployRuleSet } from '../../src/serving/apps/index.js';
import { generateApiKey } from '../../src/serving/auth/index.js';
import { createPitstopServer } from '../../src/serving/index.js';
import { benchModelOnnx, FEATURES } from '../serving/tree-ensemble-model.js';

export const ENTITIES = 10_000;
/** f0..f9 come from the feature table, f10..f19 from the request. */
export const LOOKED_UP = 10;

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pitstop-bench-app-'));
const services = await createServices(loadConfig({ PITSTOP_HOME: home }));
const features = Array.from({ length: FEATURES }, (_, i) => ({ name: `f${i}`, type: 'number' as const, min: 0, max: 1 }));
const spec = parseManifestSpec({
  name: 'trees', version: '1', task: 'regression', framework: { name: 'pitstop-bench' }, features,
  inputs: [{ name: 'input', dtype: 'float32', features: features.map((f) => f.name) }], outputs: [{ name: 'variable', role: 'value' }],
});
await services.registry.register((await buildPackage({ modelBytes: benchModelOnnx(), spec, createdBy: 'bench' })).bytes, 'bench');
await services.registry.promote('trees', 1, 'bench', 'bench');

const columns = Array.from({ length: LOOKED_UP }, (_, i) => ({ name: `f${i}`, type: 'number' as const }));
await services.store.features.createTable({ name: 'entities', key: { name: 'id', type: 'integer' }, columns }, 'bench');
let state = 7;
const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const rows = Array.from({ length: ENTITIES }, (_, id) => ({ key: String(id), values: Object.fromEntries(columns.map((c) => [c.name, Math.round(random() * 1000) / 1000])) }));
await services.store.features.upsertRows('entities', rows, 'bench');

const input = features.map((f, i) => `${f.name}: ${i < LOOKED_UP ? `features.${f.name}` : `request.${f.name}`}`).join(', ');
await deployRuleSet(
  { ruleSets: services.store.ruleSets, registry: services.registry, hasFeatureTable: async (name) => (await services.store.features.getTable(name)) !== undefined },
  `name: bench
lookups:
  - table: entities
    key: request.id
route:
  - id: unknown-entity
    when: features.f0 is null
    respond: { provider: constant, args: { score: "0" } }
  - id: scored
    model: { name: trees, input: { ${input} } }
after:
  - id: clamp
    when: output.value is not null
    set: { score: "clamp(output.value, -10, 10)" }
`,
  { actor: 'bench' },
);

const key = generateApiKey();
await services.store.keys.createKey({ id: key.id, name: 'bench', role: 'predictor', secretHash: key.secretHash, salt: key.salt, createdBy: 'bench', rateLimit: null });
const server = await createPitstopServer(services.store, services.registry, { home, logLevel: 'warn', defaultRateLimit: 1_000_000, featureLookup: { cacheTtlMs: Number(process.env.BENCH_FEATURE_CACHE_MS ?? 0) } });
const url = await server.listen(0);
process.stdout.write(`${url} ${key.token}\n`);
process.on('SIGTERM', () => void server.close().then(() => services.close()).then(() => process.exit(0)));
