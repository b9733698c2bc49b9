// The manifest's JSON Schemas, generated from the zod schemas (the source of truth) for editors, CI and other languages.
// `npm run schema:manifest` writes them to schemas/; manifest-json-schema.test.ts fails when the committed files drift.
import { z } from 'zod';
import { ManifestSchema, ManifestSpecSchema } from './manifest-schema.js';

const SCHEMA_BASE = 'https://pitstop.dev/schemas';

export type JsonSchema = Record<string, unknown>;

/** manifest.json inside a .pitstop package, as `package build` writes it: every default filled in. */
export function manifestJsonSchema(): JsonSchema {
  return withHeader(z.toJSONSchema(ManifestSchema, { io: 'output' }), {
    $id: `${SCHEMA_BASE}/manifest.schema.json`,
    title: 'Pitstop package manifest',
    description: 'manifest.json inside a .pitstop package: the author\'s spec completed by `pitstop package build`.',
  });
}

/** The spec an author writes (pitstop.yaml / pitstop.json): fields with defaults may be left out. */
export function manifestSpecJsonSchema(): JsonSchema {
  return withHeader(z.toJSONSchema(ManifestSpecSchema, { io: 'input' }), {
    $id: `${SCHEMA_BASE}/manifest-spec.schema.json`,
    title: 'Pitstop manifest spec',
    description: 'What a model author writes (pitstop.yaml / pitstop.json); `pitstop package build` completes it into a manifest.',
  });
}

// $schema, $id, title and description first, so the committed file reads top-down.
function withHeader(schema: JsonSchema, header: { $id: string; title: string; description: string }): JsonSchema {
  const { $schema, ...rest } = schema;
  return { $schema, ...header, ...rest };
}

/** The committed schema files (paths relative to the project root) and their exact text. */
export function manifestSchemaFiles(): Record<string, string> {
  return {
    'schemas/manifest.schema.json': schemaFileText(manifestJsonSchema()),
    'schemas/manifest-spec.schema.json': schemaFileText(manifestSpecJsonSchema()),
  };
}

function schemaFileText(schema: JsonSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
