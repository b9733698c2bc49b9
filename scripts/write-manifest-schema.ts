// Writes schemas/manifest.schema.json and schemas/manifest-spec.schema.json from the zod manifest schemas.
// Run it (`npm run schema:manifest`) after changing src/manifest/manifest-schema.ts, and commit the result;
// src/manifest/manifest-json-schema.test.ts checks the committed files.
import fs from 'node:fs/promises';
import path from 'node:path';
import { manifestSchemaFiles } from '../src/manifest/index.js';

const ROOT = path.resolve(import.meta.dirname, '..');

for (const [relative, text] of Object.entries(manifestSchemaFiles())) {
  const file = path.join(ROOT, relative);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, text);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
