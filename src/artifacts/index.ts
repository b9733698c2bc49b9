export type { ArtifactStore, StoredArtifact } from './artifact-store.js';
export { sha256Hex } from './artifact-key.js';
export { FilesystemArtifactStore } from './filesystem/filesystem-artifact-store.js';
export { CachedArtifactStore } from './cached-artifact-store.js';
// The S3 store is reached through createArtifactStore or './s3/index.js': importing it loads the AWS SDK.
export type { S3Credentials } from './s3/create-s3-artifact-store.js';
export { createArtifactStore, ARTIFACT_SCHEMES, type ArtifactStoreOptions } from './create-artifact-store.js';
