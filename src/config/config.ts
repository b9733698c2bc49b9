// The one place that reads configuration, validated once into a frozen Config. Precedence, highest first: command-line
// flags, environment variables (PITSTOP_*), the config file (--config or PITSTOP_CONFIG), defaults.
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { z } from 'zod';
import { PitstopError } from '../errors/index.js';
import { readConfigFile, readSecretFile, type ConfigFile } from './config-file.js';

export interface Config {
  /** Where Pitstop keeps its embedded database, artifacts and spool files. */
  readonly home: string;
  /** `sqlite:PATH` or `postgres://...`. */
  readonly databaseUrl: string;
  /** `file:PATH` for the filesystem artifact store, `s3://BUCKET/PREFIX?endpoint=URL&region=NAME` for S3. */
  readonly artifactsUrl: string;
  /** Where each replica keeps verified copies of packages read from an s3: artifact store; PITSTOP_HOME/artifact-cache by default. */
  readonly artifactCacheDir: string;
  /**
   * Static keys for s3: stores, only ever from the environment; JSON and inspect show the access key id alone.
   * Undefined when none are set: the S3 client then uses the AWS SDK's default chain (IRSA, Pod Identity, instance role).
   */
  readonly s3Credentials: S3Credentials | undefined;
  /** The region for s3: URLs that name none (PITSTOP_S3_REGION, AWS_REGION, AWS_DEFAULT_REGION). */
  readonly s3Region: string | undefined;
  /** Who is acting, recorded in the audit log. */
  readonly actor: string;
  /** Public keys (PEM files or directories) whose signatures are trusted. */
  readonly trustedKeyPaths: readonly string[];
  /** Monitoring window, alert rules, channels and retraining policies (YAML); PITSTOP_HOME/monitoring.yaml by default. */
  readonly monitoringFile: string;
  /** `file:PATH`: cold storage for archived versions, apart from the live artifacts (another disk, bucket or tier). */
  readonly archiveUrl: string;
  /** How long an archived version must be kept, e.g. `10y` or `400d` (see archive/retention.ts). */
  readonly archiveRetention: string;
}

export interface S3Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string | undefined;
}

export interface ConfigOverrides {
  /** A YAML config file (`--config`); PITSTOP_CONFIG when absent. */
  configFile?: string;
  home?: string;
  databaseUrl?: string;
  artifactsUrl?: string;
  actor?: string;
}

const EnvSchema = z.object({
  PITSTOP_CONFIG: z.string().min(1).optional(),
  PITSTOP_HOME: z.string().min(1).optional(),
  PITSTOP_DATABASE_URL: z.string().min(1).optional(),
  PITSTOP_ARTIFACTS_URL: z.string().min(1).optional(),
  PITSTOP_ACTOR: z.string().min(1).optional(),
  PITSTOP_TRUSTED_KEYS: z.string().min(1).optional(),
  PITSTOP_MONITORING_FILE: z.string().min(1).optional(),
  PITSTOP_ARCHIVE_URL: z.string().min(1).optional(),
  PITSTOP_ARCHIVE_RETENTION: z.string().regex(/^\d+[ydhwms]/, 'a duration such as 10y, 400d or 12h').optional(),
  PITSTOP_ARTIFACT_CACHE_DIR: z.string().min(1).optional(),
  PITSTOP_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  PITSTOP_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  PITSTOP_S3_SESSION_TOKEN: z.string().min(1).optional(),
  PITSTOP_S3_REGION: z.string().min(1).optional(),
  // The AWS SDK's standard names; other tools set them too, so an empty one counts as unset rather than invalid.
  AWS_ACCESS_KEY_ID: z.string().optional(),
  AWS_SECRET_ACCESS_KEY: z.string().optional(),
  AWS_SESSION_TOKEN: z.string().optional(),
  AWS_REGION: z.string().optional(),
  AWS_DEFAULT_REGION: z.string().optional(),
});

/** Reads configuration once. Precedence: explicit overrides (CLI flags) > environment > defaults. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PitstopError('CONFIG_INVALID', `${String(issue.path[0])}: ${issue.message}`, { field: String(issue.path[0]) });
  }
  const e = parsed.data;
  const configFile = overrides.configFile ?? e.PITSTOP_CONFIG;
  const f: ConfigFile = configFile ? readConfigFile(configFile) : {};
  const home = path.resolve(overrides.home ?? e.PITSTOP_HOME ?? f.home ?? '.pitstop');
  const trusted = e.PITSTOP_TRUSTED_KEYS ? e.PITSTOP_TRUSTED_KEYS.split(path.delimiter).filter(Boolean) : (f.trustedKeys ?? []);
  const fileDatabaseUrl = f.databaseUrl ?? (f.databaseUrlFile ? readSecretFile(f.databaseUrlFile, 'databaseUrlFile') : undefined);
  const artifactsUrl = overrides.artifactsUrl ?? e.PITSTOP_ARTIFACTS_URL ?? f.artifactsUrl ?? `file:${path.join(home, 'artifacts')}`;
  const archiveUrl = e.PITSTOP_ARCHIVE_URL ?? f.archiveUrl ?? `file:${path.join(home, 'archive')}`;
  return Object.freeze({
    home,
    databaseUrl: overrides.databaseUrl ?? e.PITSTOP_DATABASE_URL ?? fileDatabaseUrl ?? `sqlite:${path.join(home, 'pitstop.db')}`,
    artifactsUrl,
    actor: overrides.actor ?? e.PITSTOP_ACTOR ?? f.actor ?? `${safeUserName()}@${os.hostname()}`,
    trustedKeyPaths: Object.freeze([...trusted, path.join(home, 'trusted-keys')]),
    monitoringFile: path.resolve(e.PITSTOP_MONITORING_FILE ?? f.monitoringFile ?? path.join(home, 'monitoring.yaml')),
    archiveUrl,
    archiveRetention: e.PITSTOP_ARCHIVE_RETENTION ?? f.archiveRetention ?? '10y',
    artifactCacheDir: path.resolve(e.PITSTOP_ARTIFACT_CACHE_DIR ?? f.artifactCacheDir ?? path.join(home, 'artifact-cache')),
    s3Credentials: s3CredentialsFrom(e, [artifactsUrl, archiveUrl].some((url) => url.startsWith('s3:'))),
    s3Region: e.PITSTOP_S3_REGION ?? (e.AWS_REGION || undefined) ?? (e.AWS_DEFAULT_REGION || undefined) ?? f.s3?.region,
  });
}

/** PITSTOP_S3_* when its key id is set, else AWS_*; a pair is taken whole from one family, never mixed. */
/** Throws CONFIG_INVALID, naming the missing one, when exactly one of a key id and its secret is set. */
function refuseHalfPair(e: z.infer<typeof EnvSchema>, idName: 'PITSTOP_S3_ACCESS_KEY_ID' | 'AWS_ACCESS_KEY_ID', secretName: 'PITSTOP_S3_SECRET_ACCESS_KEY' | 'AWS_SECRET_ACCESS_KEY', otherwise: string): void {
  if (!e[idName] === !e[secretName]) return;
  const [set, missing] = e[idName] ? [idName, secretName] : [secretName, idName];
  throw new PitstopError('CONFIG_INVALID', `${set} is set but ${missing} is not: set both, or neither to ${otherwise}`, { field: missing });
}

function s3CredentialsFrom(e: z.infer<typeof EnvSchema>, usesS3: boolean): S3Credentials | undefined {
  refuseHalfPair(e, 'PITSTOP_S3_ACCESS_KEY_ID', 'PITSTOP_S3_SECRET_ACCESS_KEY', 'use AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
  // Half an AWS pair would silently fall through to the SDK's default chain (an instance role, say): say so instead.
  // Only where S3 is used: AWS_* variables in a shell mean nothing to a Pitstop on local files.
  if (usesS3 && !e.PITSTOP_S3_ACCESS_KEY_ID) refuseHalfPair(e, 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', "use the pod's IAM role");
  const [accessKeyId, secretAccessKey, sessionToken] = e.PITSTOP_S3_ACCESS_KEY_ID
    ? [e.PITSTOP_S3_ACCESS_KEY_ID, e.PITSTOP_S3_SECRET_ACCESS_KEY, e.PITSTOP_S3_SESSION_TOKEN]
    : [e.AWS_ACCESS_KEY_ID, e.AWS_SECRET_ACCESS_KEY, e.AWS_SESSION_TOKEN];
  if (!accessKeyId || !secretAccessKey) return undefined;
  const shown = { accessKeyId, secretAccessKey: '***', ...(sessionToken ? { sessionToken: '***' } : {}) };
  const credentials = { accessKeyId, secretAccessKey, sessionToken: sessionToken || undefined };
  // Not enumerable, so the object still looks like plain credentials to the AWS SDK.
  Object.defineProperty(credentials, 'toJSON', { value: () => shown });
  Object.defineProperty(credentials, inspect.custom, { value: () => shown });
  return Object.freeze(credentials);
}

function safeUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}
