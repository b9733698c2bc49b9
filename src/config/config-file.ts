// The configuration file (YAML): the same settings as the PITSTOP_* variables, by name, without secrets. Secrets come
// from the environment or from a file the config file names (`databaseUrlFile`), never from the file itself.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PitstopError } from '../errors/index.js';
import { readBoundedYaml } from '../yaml-input/index.js';

export const ConfigFileSchema = z.strictObject({
  home: z.string().min(1).optional(),
  databaseUrl: z.string().min(1).optional(),
  /** A file holding the database URL (e.g. a mounted secret), for URLs with a password. */
  databaseUrlFile: z.string().min(1).optional(),
  artifactsUrl: z.string().min(1).optional(),
  artifactCacheDir: z.string().min(1).optional(),
  archiveUrl: z.string().min(1).optional(),
  archiveRetention: z.string().regex(/^\d+[ydhwms]/, 'a duration such as 10y, 400d or 12h').optional(),
  actor: z.string().min(1).optional(),
  trustedKeys: z.array(z.string().min(1)).optional(),
  monitoringFile: z.string().min(1).optional(),
  s3: z.strictObject({ region: z.string().min(1).optional() }).optional(),
});

export type ConfigFile = z.infer<typeof ConfigFileSchema>;

const KNOWN_KEYS = Object.keys(ConfigFileSchema.shape);


/** Reads and checks a config file; paths in it are relative to the file's folder. CONFIG_INVALID names the key. */
export function readConfigFile(file: string): ConfigFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new PitstopError('CONFIG_INVALID', `cannot read the config file ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, { field: 'config' });
  }
  const document = readBoundedYaml(text, { source: file, code: 'CONFIG_INVALID' }) ?? {};
  const parsed = ConfigFileSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.code === 'unrecognized_keys' ? issue.keys[0]! : issue.path.join('.');
    const message = issue.code === 'unrecognized_keys' ? `is not a setting; settings: ${KNOWN_KEYS.join(', ')}` : issue.message;
    throw new PitstopError('CONFIG_INVALID', `${file}: ${key}: ${message}`, { field: key });
  }
  const config = parsed.data;
  if (config.databaseUrl && hasPassword(config.databaseUrl)) {
    throw new PitstopError('CONFIG_INVALID', `${file}: databaseUrl holds a password; secrets never go in the config file: use PITSTOP_DATABASE_URL or databaseUrlFile`, { field: 'databaseUrl' });
  }
  for (const key of ['artifactsUrl', 'archiveUrl'] as const) {
    if (config[key] && /[?&](accessKey|secret|password)/i.test(config[key]!)) {
      throw new PitstopError('CONFIG_INVALID', `${file}: ${key} holds credentials; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment instead, or give the pod an IAM role`, { field: key });
    }
  }
  return resolvePaths(config, path.dirname(path.resolve(file)));
}

/** The database URL from `databaseUrlFile`, trimmed. */
export function readSecretFile(file: string, key: string): string {
  try {
    const value = fs.readFileSync(file, 'utf8').trim();
    if (!value) throw new Error('the file is empty');
    return value;
  } catch (error) {
    throw new PitstopError('CONFIG_INVALID', `${key}: cannot read ${file}: ${(error as Error).message}`, { field: key });
  }
}

function hasPassword(url: string): boolean {
  try {
    return new URL(url).password !== '';
  } catch {
    return false;
  }
}

function resolvePaths(config: ConfigFile, folder: string): ConfigFile {
  const at = (p: string | undefined) => (p === undefined ? undefined : path.resolve(folder, p));
  return {
    ...config,
    ...(config.home !== undefined ? { home: at(config.home) } : {}),
    ...(config.databaseUrlFile !== undefined ? { databaseUrlFile: at(config.databaseUrlFile) } : {}),
    ...(config.artifactCacheDir !== undefined ? { artifactCacheDir: at(config.artifactCacheDir) } : {}),
    ...(config.monitoringFile !== undefined ? { monitoringFile: at(config.monitoringFile) } : {}),
    ...(config.trustedKeys !== undefined ? { trustedKeys: config.trustedKeys.map((p) => at(p)!) } : {}),
  };
}
