// The package manifest: schema, parsing with field-named errors, canonical form and digest.
export * from './manifest-schema.js';
export { parseManifest, parseManifestSpec, fieldPath } from './parse-manifest.js';
export { canonicalJson, manifestDigest } from './canonical-json.js';
export { manifestJsonSchema, manifestSpecJsonSchema, manifestSchemaFiles, type JsonSchema } from './manifest-json-schema.js';
export { datetimeEpochSeconds } from './datetime-feature.js';
