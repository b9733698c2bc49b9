import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

const home = { PITSTOP_HOME: '/var/lib/pitstop' };

describe('loadConfig: the S3 settings', () => {
  it('keeps a local artifact cache under PITSTOP_HOME unless PITSTOP_ARTIFACT_CACHE_DIR says otherwise', () => {
    expect(loadConfig(home).artifactCacheDir).toBe(path.resolve('/var/lib/pitstop/artifact-cache'));
    expect(loadConfig({ ...home, PITSTOP_ARTIFACT_CACHE_DIR: '/cache/pitstop' }).artifactCacheDir).toBe(path.resolve('/cache/pitstop'));
  });

  it('takes credentials from AWS_* and prefers a PITSTOP_S3_* pair, never mixing the two', () => {
    const aws = { AWS_ACCESS_KEY_ID: 'AKIAAWS', AWS_SECRET_ACCESS_KEY: 'aws-secret', AWS_SESSION_TOKEN: 'aws-token' };
    expect(loadConfig({ ...home, ...aws }).s3Credentials).toEqual({ accessKeyId: 'AKIAAWS', secretAccessKey: 'aws-secret', sessionToken: 'aws-token' });
    const both = loadConfig({ ...home, ...aws, PITSTOP_S3_ACCESS_KEY_ID: 'pitstop-id', PITSTOP_S3_SECRET_ACCESS_KEY: 'pitstop-secret' });
    expect(both.s3Credentials).toEqual({ accessKeyId: 'pitstop-id', secretAccessKey: 'pitstop-secret', sessionToken: undefined });
  });

  it('has no static credentials when neither key is set, so the SDK\'s default chain (an IAM role) applies', () => {
    expect(loadConfig(home).s3Credentials).toBeUndefined();
    expect(loadConfig({ ...home, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' }).s3Credentials).toBeUndefined();
  });

  it('refuses half an AWS_* pair where S3 is used, rather than fall back to a role unnoticed', () => {
    const s3 = { ...home, PITSTOP_ARTIFACTS_URL: 's3://bucket/models' };
    expect(() => loadConfig({ ...s3, AWS_ACCESS_KEY_ID: 'AKIAAWS', AWS_SECRET_ACCESS_KEY: '' })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', field: 'AWS_SECRET_ACCESS_KEY' }),
    );
    expect(() => loadConfig({ ...home, PITSTOP_ARCHIVE_URL: 's3://bucket/archive', AWS_SECRET_ACCESS_KEY: 'aws-secret' })).toThrow(expect.objectContaining({ field: 'AWS_ACCESS_KEY_ID' }));
    // A shell's AWS_* variables mean nothing to a Pitstop on local files.
    expect(loadConfig({ ...home, AWS_ACCESS_KEY_ID: 'AKIAAWS' }).s3Credentials).toBeUndefined();
  });

  it('refuses half a PITSTOP_S3_* pair, naming the missing half', () => {
    expect(() => loadConfig({ ...home, PITSTOP_S3_ACCESS_KEY_ID: 'pitstop-id' })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', field: 'PITSTOP_S3_SECRET_ACCESS_KEY' }),
    );
  });

  it('shows the secret neither in JSON nor when inspected', () => {
    const config = loadConfig({ ...home, AWS_ACCESS_KEY_ID: 'AKIAAWS', AWS_SECRET_ACCESS_KEY: 'aws-secret', AWS_SESSION_TOKEN: 'aws-token' });
    for (const shown of [JSON.stringify(config), inspect(config, { depth: 5 })]) {
      expect(shown).toContain('AKIAAWS');
      expect(shown).not.toContain('aws-secret');
      expect(shown).not.toContain('aws-token');
    }
  });

  it('takes the region from PITSTOP_S3_REGION, then AWS_REGION, then AWS_DEFAULT_REGION', () => {
    expect(loadConfig({ ...home, AWS_DEFAULT_REGION: 'us-west-2' }).s3Region).toBe('us-west-2');
    expect(loadConfig({ ...home, AWS_DEFAULT_REGION: 'us-west-2', AWS_REGION: 'eu-central-1' }).s3Region).toBe('eu-central-1');
    expect(loadConfig({ ...home, AWS_REGION: 'eu-central-1', PITSTOP_S3_REGION: 'auto' }).s3Region).toBe('auto');
    expect(loadConfig({ ...home, AWS_REGION: '' }).s3Region).toBeUndefined();
  });
});

describe('the config file', () => {
  const write = (text: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pitstop-config-'));
    fs.writeFileSync(path.join(dir, 'pitstop.yaml'), text);
    return { dir, file: path.join(dir, 'pitstop.yaml') };
  };

  it('fills settings the environment leaves out; flags beat the environment, which beats the file', () => {
    const { dir, file } = write('home: ./home\ndatabaseUrl: postgres://pitstop@db:5432/pitstop\nactor: from-file\narchiveRetention: 7y\nmonitoringFile: monitoring.yaml\n');
    const fromFile = loadConfig({ PITSTOP_CONFIG: file });
    expect(fromFile).toMatchObject({ home: path.join(dir, 'home'), databaseUrl: 'postgres://pitstop@db:5432/pitstop', actor: 'from-file', archiveRetention: '7y', monitoringFile: path.join(dir, 'monitoring.yaml') });
    const fromEnv = loadConfig({ PITSTOP_CONFIG: file, PITSTOP_ACTOR: 'from-env', PITSTOP_ARCHIVE_RETENTION: '2y' });
    expect(fromEnv).toMatchObject({ actor: 'from-env', archiveRetention: '2y', databaseUrl: 'postgres://pitstop@db:5432/pitstop' });
    expect(loadConfig({ PITSTOP_ACTOR: 'from-env' }, { configFile: file, actor: 'from-flag' }).actor).toBe('from-flag');
  });

  it('names an unknown or invalid key, and the known ones', () => {
    const { file } = write('databseUrl: sqlite:x.db\n');
    expect(() => loadConfig({}, { configFile: file })).toThrow(/pitstop\.yaml: databseUrl: is not a setting; settings: home, databaseUrl, databaseUrlFile/);
    const bad = write('archiveRetention: forever\n');
    expect(() => loadConfig({}, { configFile: bad.file })).toThrow(/archiveRetention: a duration such as 10y/);
    expect(() => loadConfig({}, { configFile: '/no/such/pitstop.yaml' })).toThrow(/cannot read the config file \/no\/such\/pitstop\.yaml: no such file/);
  });

  it('refuses secrets in the file and reads the database URL from a secret file instead', () => {
    const { file } = write('databaseUrl: postgres://pitstop:hunter2@db:5432/pitstop\n');
    expect(() => loadConfig({}, { configFile: file })).toThrow(/databaseUrl holds a password; secrets never go in the config file/);
    expect(() => loadConfig({}, { configFile: file })).not.toThrow(/hunter2/);
    const secret = write('databaseUrlFile: db-url\n');
    fs.writeFileSync(path.join(secret.dir, 'db-url'), 'postgres://pitstop:hunter2@db:5432/pitstop\n');
    expect(loadConfig({}, { configFile: secret.file }).databaseUrl).toBe('postgres://pitstop:hunter2@db:5432/pitstop');
  });
});
