// Tells failures that mean "the S3 store cannot be used right now" (network, timeouts, credentials, a missing bucket,
// server errors) from everything else, and says why in words that carry no secrets.

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'timed out',
  ESOCKETTIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

const CREDENTIAL_ERRORS = new Set(['AccessDenied', 'Forbidden', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'ExpiredToken', 'InvalidToken']);

interface SdkFailure {
  name?: string;
  code?: string;
  errors?: unknown[];
  $metadata?: { httpStatusCode?: number };
}

/** Why the store is unavailable, or undefined when `error` is not that kind of failure. */
export function s3UnavailableReason(error: unknown, bucket: string): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const failure = error as SdkFailure;
  const network = networkCode(failure);
  if (network) return `${NETWORK_REASONS[network]} (${network})`;
  const status = failure.$metadata?.httpStatusCode;
  const name = failure.name ?? 'Error';
  // Answers without a body (HEAD) carry no error name; the SDK calls them Unknown.
  const what = [name === 'Unknown' ? '' : name, status ? `HTTP ${status}` : ''].filter(Boolean).join(', ');
  if (name === 'TimeoutError' || name === 'RequestTimeout') return `timed out (${name})`;
  if (name === 'NoSuchBucket') return `bucket "${bucket}" does not exist (NoSuchBucket)`;
  // Thrown by the SDK's default chain, used when no static keys are set, when none of its sources had credentials.
  if (name === 'CredentialsProviderError') {
    return `no AWS credentials found for bucket "${bucket}": set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or PITSTOP_S3_ACCESS_KEY_ID and PITSTOP_S3_SECRET_ACCESS_KEY), or give the pod an IAM role (IRSA or EKS Pod Identity)`;
  }
  if (CREDENTIAL_ERRORS.has(name) || status === 401 || status === 403) {
    return `access denied (${what}): check the credentials and that they may use bucket "${bucket}"`;
  }
  if (status !== undefined && status >= 500) return `the server answered ${what}`;
  return undefined;
}

/** The errno-style code of a network failure, also when Node reports several attempts (one per address) as an AggregateError. */
function networkCode(failure: SdkFailure): string | undefined {
  if (failure.code && failure.code in NETWORK_REASONS) return failure.code;
  for (const inner of failure.errors ?? []) {
    const code = (inner as SdkFailure | null)?.code;
    if (code && code in NETWORK_REASONS) return code;
  }
  return undefined;
}
