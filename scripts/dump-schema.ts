// Writes src/store/schema/{sqlite,postgres}.sql: the schema the migrations produce on a fresh database of each dialect.
// Run it (`npm run schema:dump`) after adding a migration, and commit the result; schema-snapshot.test.ts checks it.
import fs from 'node:fs/promises';
import path from 'node:path';
import { openMetadataStore } from '../src/store/index.js';
import { describePostgresSchema, describeSqliteSchema } from '../src/store/schema/describe-schema.js';
import { checkPostgres, dropSchema, freshSchemaName, POSTGRES_URL, tempDir } from '../test/fixtures/test-databases.js';

const SCHEMA_FOLDER = path.resolve(import.meta.dirname, '../src/store/schema');

async function sqliteSchema(): Promise<string> {
  const dir = await tempDir('pitstop-schema-');
  try {
    const file = path.join(dir, 'pitstop.db');
    await (await openMetadataStore(`sqlite:${file}`)).close();
    return describeSqliteSchema(file);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function postgresSchema(): Promise<string> {
  const schema = freshSchemaName();
  try {
    await (await openMetadataStore(POSTGRES_URL, { postgres: { schema } })).close();
    return await describePostgresSchema(POSTGRES_URL, schema);
  } finally {
    await dropSchema(schema);
  }
}

async function write(name: string, text: string): Promise<void> {
  const file = path.join(SCHEMA_FOLDER, name);
  await fs.writeFile(file, text);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

// Both files or neither: a half-updated snapshot would pass review looking complete.
const postgres = await checkPostgres();
if (!postgres.ok) {
  console.error(`schema:dump needs PostgreSQL: ${postgres.reason}`);
  process.exit(1);
}
const [sqliteText, postgresText] = [await sqliteSchema(), await postgresSchema()];
await write('sqlite.sql', sqliteText);
await write('postgres.sql', postgresText);
