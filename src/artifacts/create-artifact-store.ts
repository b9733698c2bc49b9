// Chooses the ArtifactStore implementation from a URL's scheme, as MLflow does.
import { fileURLToPath } from 'node:url';
import { PitstopError } from '../errors/index.js';
import type { ArtifactStore } from './artifact-store.js';
import { CachedArtifactStore } from './cached-artifact-store.js';
import { FilesystemArtifactStore } from './filesystem/filesystem-artifact-store.js';
import type { S3Credentials } from './s3/create-s3-artifact-store.js';

export const ARTIFACT_SCHEMES = ['file:', 's3:'] as const;

export interface ArtifactStoreOptions {
  /** Static keys for s3: URLs, from the environment (config.ts), never from the URL; undefined leaves them to the AWS SDK's default chain. */
  readonly s3Credentials?: S3Credentials | undefined;
  /** For s3: URLs that name no region. */
  readonly s3Region?: string | undefined;
  /** A folder for this replica's verified copies of blobs read from a remote (s3:) store; none when undefined. */
  readonly cacheDir?: string | undefined;
  /** The setting the URL came from, for messages: `artifactsUrl` (the default) or `archiveUrl`. */
  readonly field?: string;
}

/** The S3 store's module (and the AWS SDK) is imported only for an s3: URL. */
export async function createArtifactStore(url: string, options: ArtifactStoreOptions = {}): Promise<ArtifactStore> {
  const field = options.field ?? 'artifactsUrl';
  if (url.startsWith('file://')) return new FilesystemArtifactStore(fileURLToPath(url));
  if (url.startsWith('file:')) return new FilesystemArtifactStore(url.slice('file:'.length));
  if (/^s3:/i.test(url)) {
    const { createS3ArtifactStore } = await import('./s3/index.js');
    const remote = createS3ArtifactStore(url, { credentials: options.s3Credentials, region: options.s3Region, field });
    return options.cacheDir ? new CachedArtifactStore(remote, new FilesystemArtifactStore(options.cacheDir)) : remote;
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1] ?? url;
  const shown = url.replace(/\/\/[^/?#]*@/, '//***@');
  throw new PitstopError('UNKNOWN_URL_SCHEME', `unknown artifact store scheme "${scheme}:" in ${shown}; known schemes: ${ARTIFACT_SCHEMES.join(', ')}`, { field });
}
