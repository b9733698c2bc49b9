// Parses `s3://BUCKET/PREFIX?endpoint=URL&region=NAME&forcePathStyle=true|false` into where an S3 artifact store lives.
// Credentials never belong in the URL: they come from the environment (see config.ts), so a URL can be shown as it is.
import { PitstopError } from '../../errors/index.js';

export interface S3ArtifactUrl {
  readonly bucket: string;
  /** Key prefix without leading or trailing `/`; empty for the bucket's root. */
  readonly prefix: string;
  /** An S3-compatible server (`http://minio:9000`); undefined for Amazon S3. */
  readonly endpoint: string | undefined;
  readonly region: string | undefined;
  /** Bucket in the path rather than the host name; the default when an endpoint is given, as S3-compatible servers expect. */
  readonly forcePathStyle: boolean;
}

export const S3_URL_PARAMETERS = ['endpoint', 'region', 'forcePathStyle'] as const;

// S3's bucket naming rules (lowercase, 3-63 characters) and its "safe" key characters for the prefix's segments.
const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const PREFIX_SEGMENT_PATTERN = /^[A-Za-z0-9!_.*'()-]+$/;
const REGION_PATTERN = /^[a-z0-9-]+$/;

/** Reads an `s3:` URL; `field` names the setting it came from (`artifactsUrl`, `archiveUrl`) in CONFIG_INVALID errors. */
export function parseS3ArtifactUrl(url: string, field = 'artifactsUrl'): S3ArtifactUrl {
  const invalid = (why: string) => new PitstopError('CONFIG_INVALID', `${field}: ${why}; expected s3://BUCKET/PREFIX?endpoint=URL&region=NAME`, { field });
  // Bucket and prefix come from the text as written: URL parsing would quietly resolve `a/../b` to `b`.
  const [, authority, rawPath = ''] = /^s3:\/\/([^/?#]*)([^?#]*)/i.exec(url) ?? [];
  if (authority === undefined || authority === '') throw invalid('the URL names no bucket');
  // Checked before anything echoes the URL, so a message never repeats a secret.
  if (authority.includes('@')) throw invalid('credentials do not belong in the URL: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or PITSTOP_S3_ACCESS_KEY_ID and PITSTOP_S3_SECRET_ACCESS_KEY)');
  if (!BUCKET_PATTERN.test(authority)) throw invalid(`"${authority}" is not an S3 bucket name (3-63 lowercase letters, digits, dots and hyphens; a port belongs in endpoint=)`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid('it is not a URL');
  }
  if (parsed.hash) throw invalid('it has a #fragment');
  const endpoint = parseEndpoint(parsed.searchParams, invalid);
  const region = singleParameter(parsed.searchParams, 'region', invalid);
  if (region !== undefined && !REGION_PATTERN.test(region)) throw invalid(`region "${region}" is not a region name`);
  const pathStyle = singleParameter(parsed.searchParams, 'forcePathStyle', invalid);
  if (pathStyle !== undefined && pathStyle !== 'true' && pathStyle !== 'false') throw invalid(`forcePathStyle must be true or false, not "${pathStyle}"`);
  const unknown = [...new Set(parsed.searchParams.keys())].filter((name) => !(S3_URL_PARAMETERS as readonly string[]).includes(name));
  if (unknown.length > 0) throw invalid(`unknown parameter ${unknown.map((n) => `"${n}"`).join(', ')} (known: ${S3_URL_PARAMETERS.join(', ')})`);
  return {
    bucket: authority,
    prefix: parsePrefix(rawPath, invalid),
    endpoint,
    region,
    forcePathStyle: pathStyle === undefined ? endpoint !== undefined : pathStyle === 'true',
  };
}

function parsePrefix(pathname: string, invalid: (why: string) => PitstopError): string {
  const prefix = pathname.replace(/^\/+/, '').replace(/\/+$/, '');
  if (prefix === '') return '';
  for (const segment of prefix.split('/')) {
    if (segment === '.' || segment === '..' || !PREFIX_SEGMENT_PATTERN.test(segment)) {
      throw invalid(`prefix "${prefix}" has a segment "${segment}" that is empty, "." or "..", or holds characters other than letters, digits and !_.*'()-`);
    }
  }
  return prefix;
}

function parseEndpoint(params: URLSearchParams, invalid: (why: string) => PitstopError): string | undefined {
  const value = singleParameter(params, 'endpoint', invalid);
  if (value === undefined) return undefined;
  let endpoint: URL;
  try {
    endpoint = new URL(value);
  } catch {
    throw invalid(`endpoint "${withoutUserInfo(value)}" is not a URL`);
  }
  if (endpoint.username || endpoint.password) throw invalid('the endpoint carries credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or PITSTOP_S3_ACCESS_KEY_ID and PITSTOP_S3_SECRET_ACCESS_KEY) instead');
  if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') throw invalid(`endpoint "${value}" is not an http: or https: URL`);
  if (endpoint.search || endpoint.hash) throw invalid(`endpoint "${value}" has a query or fragment`);
  return endpoint.href.replace(/\/+$/, '');
}

/** For messages about a value that failed to parse, so that even a malformed `user:secret@host` is not repeated. */
function withoutUserInfo(value: string): string {
  return value.replace(/\/\/[^/?#]*@/g, '//***@');
}

function singleParameter(params: URLSearchParams, name: string, invalid: (why: string) => PitstopError): string | undefined {
  const values = params.getAll(name);
  if (values.length > 1) throw invalid(`${name} is given ${values.length} times`);
  if (values[0] === '') throw invalid(`${name} is empty`);
  return values[0];
}
