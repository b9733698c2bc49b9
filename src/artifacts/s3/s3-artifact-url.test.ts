import { describe, expect, it } from 'vitest';
import { CachedArtifactStore } from '../cached-artifact-store.js';
import { createArtifactStore } from '../create-artifact-store.js';
import { S3ArtifactStore } from './s3-artifact-store.js';
import { parseS3ArtifactUrl } from './s3-artifact-url.js';

const credentials = { accessKeyId: 'AKIAPITSTOPEXAMPLE', secretAccessKey: 'do-not-print-me' };

describe('parseS3ArtifactUrl', () => {
  it('reads the bucket, prefix, endpoint, region and path style', () => {
    expect(parseS3ArtifactUrl('s3://models/pitstop/prod/?endpoint=http://127.0.0.1:4569/&region=eu-west-1&forcePathStyle=false')).toEqual({
      bucket: 'models',
      prefix: 'pitstop/prod',
      endpoint: 'http://127.0.0.1:4569',
      region: 'eu-west-1',
      forcePathStyle: false,
    });
  });

  it('addresses Amazon S3 by host name, and an S3-compatible endpoint by path, unless told otherwise', () => {
    expect(parseS3ArtifactUrl('s3://acme-ml-pitstop-artifacts/prod')).toEqual({ bucket: 'acme-ml-pitstop-artifacts', prefix: 'prod', endpoint: undefined, region: undefined, forcePathStyle: false });
    expect(parseS3ArtifactUrl('s3://pitstop?endpoint=http://minio.storage.svc:9000')).toMatchObject({ prefix: '', forcePathStyle: true });
  });

  it.each([
    ['s3:///prefix', /names no bucket/],
    ['s3://Models/x', /"Models" is not an S3 bucket name/],
    ['s3://models:9000/x', /a port belongs in endpoint=/],
    ['s3://models/a//b', /segment "" that is empty/],
    ['s3://models/a/../b', /segment ".."/],
    ['s3://models/x?endpoint=ftp://host', /not an http: or https: URL/],
    ['s3://models/x?endpoint=nope', /endpoint "nope" is not a URL/],
    ['s3://models/x?region=eu-west-1&region=us-east-1', /region is given 2 times/],
    ['s3://models/x?forcePathStyle=yes', /forcePathStyle must be true or false/],
    ['s3://models/x?bucket=other&acl=public', /unknown parameter "bucket", "acl" \(known: endpoint, region, forcePathStyle\)/],
  ])('refuses %s as CONFIG_INVALID', (url, message) => {
    expect(() => parseS3ArtifactUrl(url, 'archiveUrl')).toThrow(message);
    expect(() => parseS3ArtifactUrl(url, 'archiveUrl')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', field: 'archiveUrl' }));
  });

  it.each(['s3://AKIA:do-not-print-me@models/x', 's3://models/x?endpoint=http://AKIA:do-not-print-me@127.0.0.1:9000', 's3://models/x?endpoint=http://AKIA:do-not-print-me@bad host'])(
    'refuses credentials written into %s without repeating them',
    (url) => {
      const error = (() => {
        try {
          parseS3ArtifactUrl(url);
        } catch (e) {
          return e as Error;
        }
        throw new Error('accepted');
      })();
      expect(error).toMatchObject({ code: 'CONFIG_INVALID' });
      expect(error.message).not.toContain('do-not-print-me');
    },
  );
});

describe('createArtifactStore with s3: URLs', () => {
  it('chooses the S3 store, behind a local cache when given a cache folder', async () => {
    const plain = await createArtifactStore('s3://models/prod?endpoint=http://127.0.0.1:4569', { s3Credentials: credentials });
    const cached = await createArtifactStore('s3://models/prod?endpoint=http://127.0.0.1:4569', { s3Credentials: credentials, cacheDir: '/tmp/pitstop-cache' });
    expect(plain).toBeInstanceOf(S3ArtifactStore);
    expect(cached).toBeInstanceOf(CachedArtifactStore);
    expect([plain.location, cached.location]).toEqual(['s3://models/prod', 's3://models/prod']);
    await plain.close?.();
    await cached.close?.();
  });

  it('builds the store without static keys, leaving credentials to the SDK\'s default chain (s3-role-credentials.test.ts)', async () => {
    const store = await createArtifactStore('s3://models/prod', { field: 'archiveUrl' });
    expect(store).toBeInstanceOf(S3ArtifactStore);
    await store.close?.();
  });

  it('lists file: and s3: when the scheme is unknown, hiding any credentials in the URL', async () => {
    await expect(createArtifactStore('gs://user:do-not-print-me@bucket/x')).rejects.toThrow(/unknown artifact store scheme "gs:" in gs:\/\/\*\*\*@bucket\/x; known schemes: file:, s3:$/);
  });
});
