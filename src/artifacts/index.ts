export type { ArtifactStore, StoredArtifact } from './artifact-store.js';
export { FilesystemArtifactStore, sha256Hex } from './filesystem/filesystem-artifact-store.js';
export { createArtifactStore, ARTIFACT_SCHEMES } from './create-artifact-store.js';
