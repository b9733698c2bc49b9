// createServices(config): the one place where concrete stores and artifact stores are chosen.
import type { VersionArchive } from './archive/index.js';
import { createArtifactStore, type ArtifactStore } from './artifacts/index.js';
import type { Config } from './config/index.js';
import { Registry } from './registry/index.js';
import { openMetadataStore, type Stores } from './store/index.js';
import fs from 'node:fs';

export interface Services {
  readonly config: Config;
  readonly store: Stores;
  readonly artifacts: ArtifactStore;
  readonly registry: Registry;
  /**
   * Cold storage for archived versions (PITSTOP_ARCHIVE_URL), made on first use: the archive stack (replay, explain,
   * audit export) is imported only by the commands that use it.
   */
  archive(): Promise<VersionArchive>;
  close(): Promise<void>;
}

export async function createServices(config: Config): Promise<Services> {
  const s3 = { s3Credentials: config.s3Credentials, s3Region: config.s3Region };
  // Only live packages are cached on each replica; the archive is read rarely (replay, audits).
  const artifacts = await createArtifactStore(config.artifactsUrl, { ...s3, cacheDir: config.artifactCacheDir });
  const coldStorage = await createArtifactStore(config.archiveUrl, { ...s3, field: 'archiveUrl' });
  const trustedKeys = await configuredTrustedKeys(config);
  const store = await openMetadataStore(config.databaseUrl);
  const registry = new Registry(store, artifacts, { trustedKeys, archive: coldStorage, approvals: store.approvals });
  let archive: Promise<VersionArchive> | undefined;
  const close = async () => {
    await store.close();
    await artifacts.close?.();
    await coldStorage.close?.();
  };
  return {
    config, store, artifacts, registry, close,
    archive() {
      archive ??= import('./archive/index.js').then(({ VersionArchive }) => new VersionArchive({ store, registry, artifacts, archive: coldStorage, trustedKeys, retention: config.archiveRetention }));
      return archive;
    },
  };
}

/** The public keys configured as trusted; paths that do not exist or are empty directories are skipped. */
export async function configuredTrustedKeys(config: Config): Promise<string[]> {
  const present = config.trustedKeyPaths.filter((p) => fs.existsSync(p) && !(fs.statSync(p).isDirectory() && fs.readdirSync(p).length === 0));
  if (present.length === 0) return [];
  // Imported only when there are keys to read: the package stack is large, and most commands never read a package.
  const { readPublicKeyFiles } = await import('./package/index.js');
  return readPublicKeyFiles(present);
}
