// S3 ArtifactStore: blobs under PREFIX/sha256/ab/<hex> in a bucket of Amazon S3 or an S3-compatible server, uploaded in
// parts when large, and hashed again on every read. Retention (S3 Object Lock) for the archive is not handled here.
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { PitstopError, isPitstopError } from '../../errors/index.js';
import { assertArtifactKey, sha256Hex, verifyArtifactDigest } from '../artifact-key.js';
import type { ArtifactStore, StoredArtifact } from '../artifact-store.js';
import { s3UnavailableReason } from './s3-unavailable-reason.js';

/** Bodies larger than one part go up as a multipart upload; S3 refuses parts under 5 MiB (except the last). */
export const DEFAULT_PART_SIZE = 8 * 1024 * 1024;

export interface S3ArtifactStoreOptions {
  readonly client: S3Client;
  readonly bucket: string;
  /** Key prefix without leading or trailing `/`; empty for the bucket's root. */
  readonly prefix?: string;
  /** The server the client talks to, for messages; undefined for Amazon S3. Never carries credentials. */
  readonly endpoint?: string | undefined;
  readonly partSize?: number;
}

export class S3ArtifactStore implements ArtifactStore {
  readonly location: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly server: string;
  private readonly partSize: number;

  constructor(options: S3ArtifactStoreOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.prefix = options.prefix ?? '';
    this.partSize = options.partSize ?? DEFAULT_PART_SIZE;
    this.location = `s3://${this.bucket}${this.prefix ? `/${this.prefix}` : ''}`;
    this.server = options.endpoint ? `endpoint ${options.endpoint}` : 'Amazon S3';
  }

  async put(bytes: Uint8Array): Promise<StoredArtifact> {
    const key = sha256Hex(bytes);
    if (await this.has(key)) return { key, size: bytes.byteLength, created: false };
    const upload = new Upload({
      client: this.client,
      params: {
        Bucket: this.bucket,
        Key: this.objectKey(key),
        Body: bytes,
        ContentType: 'application/octet-stream',
        // Readers hash the bytes themselves; the metadata lets people and other tools check an object without Pitstop.
        Metadata: { sha256: key },
      },
      partSize: this.partSize,
      queueSize: 4,
    });
    await this.attempt('store', key, () => upload.done());
    return { key, size: bytes.byteLength, created: true };
  }

  async get(key: string): Promise<Buffer> {
    const objectKey = this.objectKey(key);
    const bytes = await this.attempt('read', key, async () => {
      try {
        const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: objectKey }));
        if (!response.Body) throw new Error(`S3 returned no body for ${objectKey}`);
        return Buffer.from(await response.Body.transformToByteArray());
      } catch (error) {
        if (isMissingObject(error)) throw new PitstopError('ARTIFACT_NOT_FOUND', `artifact ${key} is not in ${this.location}`);
        throw error;
      }
    });
    verifyArtifactDigest(key, bytes, this.location);
    return bytes;
  }

  async has(key: string): Promise<boolean> {
    const objectKey = this.objectKey(key);
    return this.attempt('look up', key, async () => {
      try {
        await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: objectKey }));
        return true;
      } catch (error) {
        if (isMissingObject(error)) return false;
        throw error;
      }
    });
  }

  async delete(key: string): Promise<boolean> {
    // S3 answers a DELETE the same whether or not the object was there, so ask first.
    if (!(await this.has(key))) return false;
    await this.attempt('delete', key, () => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) })));
    return true;
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  private objectKey(key: string): string {
    assertArtifactKey(key);
    const relative = `sha256/${key.slice(0, 2)}/${key}`;
    return this.prefix ? `${this.prefix}/${relative}` : relative;
  }

  /** Runs one S3 exchange, turning "the store cannot be used now" into ARTIFACT_STORE_UNAVAILABLE (naming the server, never credentials). */
  private async attempt<T>(action: string, key: string, exchange: () => Promise<T>): Promise<T> {
    try {
      return await exchange();
    } catch (error) {
      if (isPitstopError(error)) throw error;
      const reason = s3UnavailableReason(error, this.bucket);
      if (reason === undefined) throw error;
      throw new PitstopError('ARTIFACT_STORE_UNAVAILABLE', `cannot ${action} artifact ${key} in ${this.location} (${this.server}): ${reason}`, { cause: error });
    }
  }
}

function isMissingObject(error: unknown): boolean {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  if (name === 'NoSuchBucket') return false;
  return name === 'NoSuchKey' || name === 'NotFound' || $metadata?.httpStatusCode === 404;
}
