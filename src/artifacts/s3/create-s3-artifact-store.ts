// Builds an S3ArtifactStore from an `s3:` URL and the static credentials config.ts took from the environment, if any.
import { S3Client } from '@aws-sdk/client-s3';
import { S3ArtifactStore } from './s3-artifact-store.js';
import { parseS3ArtifactUrl, type S3ArtifactUrl } from './s3-artifact-url.js';

export interface S3Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
}

export interface S3StoreSettings {
  /**
   * Static keys. Without them the SDK's default chain finds credentials (IRSA web identity, EKS Pod Identity or ECS
   * container credentials, instance metadata, ~/.aws); if it finds none, the store's first request fails.
   */
  readonly credentials?: S3Credentials | undefined;
  /** Used when the URL names no region; us-east-1 when neither does (S3-compatible servers accept any). */
  readonly region?: string | undefined;
  /** The setting the URL came from, for messages. */
  readonly field?: string;
}

export function createS3ArtifactStore(url: string, settings: S3StoreSettings = {}): S3ArtifactStore {
  const location = parseS3ArtifactUrl(url, settings.field ?? 'artifactsUrl');
  const client = createS3Client(location, settings.credentials, settings.region);
  return new S3ArtifactStore({ client, bucket: location.bucket, prefix: location.prefix, endpoint: location.endpoint });
}

/** The client an s3: URL describes; exported so tests can watch the requests a store makes. */
export function createS3Client(location: S3ArtifactUrl, credentials?: S3Credentials, region?: string): S3Client {
  return new S3Client({
    region: location.region ?? region ?? 'us-east-1',
    ...(location.endpoint ? { endpoint: location.endpoint } : {}),
    forcePathStyle: location.forcePathStyle,
    // No `credentials` field at all when none are given: that is what makes the SDK use its default provider chain.
    ...(credentials ? { credentials: copyOf(credentials) } : {}),
    // The SDK's default CRC32 trailers (aws-chunked bodies) are not understood by many S3-compatible servers;
    // Pitstop verifies every read against the SHA-256 key itself.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
    maxAttempts: 3,
  });
}

/** A copy: the SDK writes bookkeeping onto the object it is given, and config's is frozen. */
function copyOf(credentials: S3Credentials): S3Credentials {
  const { accessKeyId, secretAccessKey, sessionToken } = credentials;
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}
