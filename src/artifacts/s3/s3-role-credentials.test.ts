// The s3: store with no static keys: the AWS SDK's default chain finds credentials as it does on EKS Pod Identity or
// ECS (a container credentials endpoint, here on loopback), and the store says plainly when the chain finds none.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { S3RVER_CREDENTIALS, startS3Server, type S3TestServer } from '../../../test/fixtures/s3-server.js';
import type { ArtifactStore } from '../artifact-store.js';
import { createArtifactStore } from '../create-artifact-store.js';

/** Every place the chain could find credentials before the ones under test, and the static keys config.ts reads. */
const CREDENTIAL_SOURCES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'PITSTOP_S3_ACCESS_KEY_ID',
  'PITSTOP_S3_SECRET_ACCESS_KEY',
  'PITSTOP_S3_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
];

interface CredentialsEndpoint {
  /** `http://127.0.0.1:PORT/creds`, for AWS_CONTAINER_CREDENTIALS_FULL_URI. */
  readonly url: string;
  /** How many times the SDK asked. */
  requests(): number;
  close(): Promise<void>;
}

/** A container credentials endpoint on loopback handing out s3rver's keys, or answering `status` with no keys. */
async function startCredentialsEndpoint(status = 200): Promise<CredentialsEndpoint> {
  let requests = 0;
  const server = http.createServer((_request, response) => {
    requests += 1;
    const expiration = new Date(Date.now() + 60 * 60 * 1000).toISOString();
    const body = status === 200 ? { AccessKeyId: S3RVER_CREDENTIALS.accessKeyId, SecretAccessKey: S3RVER_CREDENTIALS.secretAccessKey, Token: 't', Expiration: expiration } : { message: 'unavailable' };
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/creds`,
    requests: () => requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let s3: S3TestServer;
const opened: ArtifactStore[] = [];
const endpoints: CredentialsEndpoint[] = [];

beforeAll(async () => {
  s3 = await startS3Server();
});

afterAll(async () => {
  await s3?.stop();
});

beforeEach(() => {
  for (const name of CREDENTIAL_SOURCES) vi.stubEnv(name, undefined);
  // The developer's own ~/.aws must not answer before the source under test.
  const nowhere = path.join(os.tmpdir(), `pitstop-no-aws-${randomBytes(6).toString('hex')}`);
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', path.join(nowhere, 'credentials'));
  vi.stubEnv('AWS_CONFIG_FILE', path.join(nowhere, 'config'));
  // Otherwise the chain's last resort is instance metadata at 169.254.169.254, and a failing case waits on it.
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
});

afterEach(async () => {
  // Each store has its own client, so no credentials cached by one test's chain reach the next.
  for (const store of opened.splice(0)) await store.close?.();
  for (const endpoint of endpoints.splice(0)) await endpoint.close();
  vi.unstubAllEnvs();
});

/** A store built as bootstrap.ts builds it when config.ts found no static keys. */
async function storeWithoutKeys(field: string, url = s3.url()): Promise<ArtifactStore> {
  const store = await createArtifactStore(url, { s3Credentials: undefined, field });
  opened.push(store);
  return store;
}

async function credentialsEndpoint(status?: number): Promise<CredentialsEndpoint> {
  const endpoint = await startCredentialsEndpoint(status);
  endpoints.push(endpoint);
  vi.stubEnv('AWS_CONTAINER_CREDENTIALS_FULL_URI', endpoint.url);
  return endpoint;
}

describe('an s3: store with no static keys', () => {
  it.each(['artifactsUrl', 'archiveUrl'])('stores and reads artifacts (%s) with credentials from the container credentials endpoint', async (field) => {
    const endpoint = await credentialsEndpoint();
    const store = await storeWithoutKeys(field);
    const bytes = Buffer.from(`signed with a role's credentials ${randomBytes(4).toString('hex')}`);
    const { key, created } = await store.put(bytes);
    expect(created).toBe(true);
    expect((await store.get(key)).equals(bytes)).toBe(true);
    expect(endpoint.requests()).toBeGreaterThan(0);
  });

  it('says no credentials were found, naming the bucket in one line, when the endpoint answers 500', async () => {
    const endpoint = await credentialsEndpoint(500);
    const store = await storeWithoutKeys('artifactsUrl');
    const started = Date.now();
    const error = (await store.put(Buffer.from('no one to sign this')).catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ code: 'ARTIFACT_STORE_UNAVAILABLE', status: 503 });
    expect(error.message).toMatch(/no AWS credentials found for bucket "pitstop-test": set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY .* or give the pod an IAM role/);
    expect(error.message).not.toContain('\n');
    expect(endpoint.requests()).toBeGreaterThan(0);
    // The SDK asks the endpoint a few times, a second apart; it must not be a long hang.
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('says the same at once when the environment offers no source of credentials at all', async () => {
    const store = await storeWithoutKeys('archiveUrl');
    const started = Date.now();
    await expect(store.put(Buffer.from('no source at all'))).rejects.toMatchObject({
      code: 'ARTIFACT_STORE_UNAVAILABLE',
      message: expect.stringContaining('no AWS credentials found for bucket "pitstop-test"'),
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
