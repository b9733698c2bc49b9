export type { ArtifactStore, StoredArtifact } from './artifact-store.js';
export { sha256Hex } from './artifact-key.js';
export { FilesystemArtifactStore } from './filesystem/filesystem-artifact-store.js';
export { CachedArtifactStore } from './cached-artifact-store.js';
export { S3ArtifactStore, type S3ArtifactStoreOptions } from './s3/s3-artifact-store.js';
export { createS3ArtifactStore, createS3Client, type S3Credentials } from './s3/create-s3-artifact-store.js';
export { parseS3ArtifactUrl, type S3ArtifactUrl } from './s3/s3-artifact-url.js';
export { createArtifactStore, ARTIFACT_SCHEMES, type ArtifactStoreOptions } from './create-artifact-store.js';
