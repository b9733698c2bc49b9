// Chooses the ArtifactStore implementation from a URL's scheme, as MLflow does.
import { fileURLToPath } from 'node:url';
import { PitstopError } from '../errors/index.js';
import type { ArtifactStore } from './artifact-store.js';
import { FilesystemArtifactStore } from './filesystem/filesystem-artifact-store.js';

export const ARTIFACT_SCHEMES = ['file:'] as const;

export function createArtifactStore(url: string): ArtifactStore {
  if (url.startsWith('file://')) return new FilesystemArtifactStore(fileURLToPath(url));
  if (url.startsWith('file:')) return new FilesystemArtifactStore(url.slice('file:'.length));
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1] ?? url;
  throw new PitstopError('UNKNOWN_URL_SCHEME', `unknown artifact store scheme "${scheme}:" in ${url}; known schemes: ${ARTIFACT_SCHEMES.join(', ')}`, { field: 'artifactsUrl' });
}
