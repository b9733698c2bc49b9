// The committed schema snapshots (sqlite.sql, postgres.sql) must be what the migrations produce on a fresh database,
// so a schema change is visible in review and never slips in unnoticed (MLflow's schema test).
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPostgres, dropSchema, freshSchemaName, POSTGRES_URL, tempDir } from '../../../test/fixtures/test-databases.js';
import { openMetadataStore } from '../open-metadata-store.js';
import { describePostgresSchema, describeSqliteSchema, SCHEMA_PLACEHOLDER } from './describe-schema.js';

const SCHEMA_CHANGED = 'The database schema changed: run `npm run schema:dump` and commit src/store/schema/*.sql';

const postgres = await checkPostgres();
const schemas: string[] = [];
const dirs: string[] = [];

afterAll(async () => {
  for (const schema of schemas) await dropSchema(schema);
  for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
});

/** The committed snapshot, or '' when it is missing (which fails the comparison with the same advice). */
async function committedSnapshot(name: string): Promise<string> {
  return fs.readFile(new URL(name, import.meta.url), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
}

describe('SQLite schema snapshot', () => {
  it('matches what the migrations create on a fresh database (src/store/schema/sqlite.sql)', async () => {
    const dir = await tempDir('pitstop-schema-');
    dirs.push(dir);
    const file = path.join(dir, 'pitstop.db');
    await (await openMetadataStore(`sqlite:${file}`)).close();
    expect(describeSqliteSchema(file), SCHEMA_CHANGED).toBe(await committedSnapshot('sqlite.sql'));
  });
});

describe.skipIf(!postgres.ok)(`PostgreSQL schema snapshot${postgres.ok ? '' : ` (skipped: ${postgres.reason})`}`, () => {
  it('matches what the migrations create in a fresh schema (src/store/schema/postgres.sql)', async () => {
    const schema = freshSchemaName();
    schemas.push(schema);
    await (await openMetadataStore(POSTGRES_URL, { postgres: { schema } })).close();
    const description = await describePostgresSchema(POSTGRES_URL, schema);
    expect(description, `the description names the schema ${schema} instead of ${SCHEMA_PLACEHOLDER}`).not.toContain(schema);
    expect(description, SCHEMA_CHANGED).toBe(await committedSnapshot('postgres.sql'));
  });
});
