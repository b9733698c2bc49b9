// The one place that reads configuration: environment (PITSTOP_*) and CLI overrides, validated once into a frozen Config.
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { PitstopError } from '../errors/index.js';

export interface Config {
  /** Where Pitstop keeps its embedded database, artifacts and spool files. */
  readonly home: string;
  /** `sqlite:PATH` or `postgres://...`. */
  readonly databaseUrl: string;
  /** `file:PATH` for the filesystem artifact store. */
  readonly artifactsUrl: string;
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

export interface ConfigOverrides {
  home?: string;
  databaseUrl?: string;
  artifactsUrl?: string;
  actor?: string;
}

const EnvSchema = z.object({
  PITSTOP_HOME: z.string().min(1).optional(),
  PITSTOP_DATABASE_URL: z.string().min(1).optional(),
  PITSTOP_ARTIFACTS_URL: z.string().min(1).optional(),
  PITSTOP_ACTOR: z.string().min(1).optional(),
  PITSTOP_TRUSTED_KEYS: z.string().min(1).optional(),
  PITSTOP_MONITORING_FILE: z.string().min(1).optional(),
  PITSTOP_ARCHIVE_URL: z.string().min(1).optional(),
  PITSTOP_ARCHIVE_RETENTION: z.string().regex(/^\d+[ydhwms]/, 'a duration such as 10y, 400d or 12h').optional(),
});

/** Reads configuration once. Precedence: explicit overrides (CLI flags) > environment > defaults. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PitstopError('CONFIG_INVALID', `${String(issue.path[0])}: ${issue.message}`, { field: String(issue.path[0]) });
  }
  const e = parsed.data;
  const home = path.resolve(overrides.home ?? e.PITSTOP_HOME ?? '.pitstop');
  const trusted = e.PITSTOP_TRUSTED_KEYS ? e.PITSTOP_TRUSTED_KEYS.split(path.delimiter).filter(Boolean) : [];
  return Object.freeze({
    home,
    databaseUrl: overrides.databaseUrl ?? e.PITSTOP_DATABASE_URL ?? `sqlite:${path.join(home, 'pitstop.db')}`,
    artifactsUrl: overrides.artifactsUrl ?? e.PITSTOP_ARTIFACTS_URL ?? `file:${path.join(home, 'artifacts')}`,
    actor: overrides.actor ?? e.PITSTOP_ACTOR ?? `${safeUserName()}@${os.hostname()}`,
    trustedKeyPaths: Object.freeze([...trusted, path.join(home, 'trusted-keys')]),
    monitoringFile: path.resolve(e.PITSTOP_MONITORING_FILE ?? path.join(home, 'monitoring.yaml')),
    archiveUrl: e.PITSTOP_ARCHIVE_URL ?? `file:${path.join(home, 'archive')}`,
    archiveRetention: e.PITSTOP_ARCHIVE_RETENTION ?? '10y',
  });
}

function safeUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}
